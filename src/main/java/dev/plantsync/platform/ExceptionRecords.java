package dev.plantsync.platform;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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

    /**
     * The exceptions one run (a job instance: its first execution and every restart) recorded, in order, at most
     * {@code limit}: a run's bad input is the same whichever of its executions met it.
     */
    public List<Recorded> ofInstance(long instanceId, int limit) {
        return jdbc.sql("""
                SELECT x.id, x.step_name, f.name, x.location, x.business_key, x.reason_code, x.message, x.created_at
                  FROM exception_record x LEFT JOIN inbound_file f ON f.id = x.inbound_file_id
                 WHERE x.job_execution_id IN (SELECT job_execution_id FROM batch_job_execution
                                               WHERE job_instance_id = :instance)
                 ORDER BY x.id LIMIT :limit""")
                .param("instance", instanceId).param("limit", limit)
                .query((rs, n) -> new Recorded(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class)))
                .list();
    }

    /** How many exceptions one run (job instance) recorded, per reason code, most frequent first. */
    public Map<String, Integer> countsByReason(long instanceId) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT reason_code, count(*) FROM exception_record
                 WHERE job_execution_id IN (SELECT job_execution_id FROM batch_job_execution
                                             WHERE job_instance_id = :instance)
                 GROUP BY reason_code ORDER BY count(*) DESC, reason_code""")
                .param("instance", instanceId)
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        return counts;
    }

    /** "3 exceptions (INVALID_MASTER_DATA_LINE 2, MISSING_REFERENCE 1)", or "" when there were none. */
    public static String describe(Map<String, Integer> countsByReason) {
        int total = countsByReason.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            return "";
        }
        return total + (total == 1 ? " exception (" : " exceptions (") + countsByReason.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")";
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
