package dev.plantsync.platform;

import java.time.OffsetDateTime;
import java.util.List;

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

    /** A recorded exception as operators read it: where (file, line or segment, key) and why. */
    public record Recorded(long id, String step, String file, String location, String businessKey, String reasonCode,
            String message, OffsetDateTime createdAt) {
    }

    /** The exceptions one execution recorded, in order, at most {@code limit}. */
    public List<Recorded> ofExecution(long executionId, int limit) {
        return jdbc.sql("""
                SELECT x.id, x.step_name, f.name, x.location, x.business_key, x.reason_code, x.message, x.created_at
                  FROM exception_record x LEFT JOIN inbound_file f ON f.id = x.inbound_file_id
                 WHERE x.job_execution_id = :execution ORDER BY x.id LIMIT :limit""")
                .param("execution", executionId).param("limit", limit)
                .query((rs, n) -> new Recorded(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class)))
                .list();
    }

    public int countOfExecution(long executionId) {
        return jdbc.sql("SELECT count(*) FROM exception_record WHERE job_execution_id = :execution")
                .param("execution", executionId).query(Integer.class).single();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
