package dev.plantsync.platform;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Bad records skipped into {@code exception_record} with their place and reason, so the job goes on. */
@Component
public class ExceptionRecords {

    private final JdbcClient jdbc;

    public ExceptionRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String job, long executionId, String step, Long inboundFileId, String location,
            String businessKey, String reasonCode, String message, String rawPayload) {
        jdbc.sql("""
                INSERT INTO exception_record (job_name, job_execution_id, step_name, inbound_file_id, location,
                    business_key, reason_code, message, raw_payload)
                VALUES (:job, :execution, :step, :file, :location, :key, :code, :message, :raw)""")
                .param("job", job).param("execution", executionId).param("step", step).param("file", inboundFileId)
                .param("location", truncate(location, 200)).param("key", truncate(businessKey, 200))
                .param("code", reasonCode).param("message", message).param("raw", rawPayload).update();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
