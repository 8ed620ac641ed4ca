package dev.plantsync.operations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Set-based reads of Spring Batch's tables for listings, so a list never loads executions one by one. */
@Component
class ExecutionQueries {

    private static final String SELECT_EXECUTION = """
            SELECT e.job_execution_id, i.job_name, i.job_instance_id, e.status, e.exit_code, e.exit_message,
                   e.create_time, e.start_time, e.end_time,
                   (SELECT string_agg(p.parameter_name || '=' || coalesce(p.parameter_value, ''), ' '
                                      ORDER BY p.parameter_name)
                      FROM batch_job_execution_params p WHERE p.job_execution_id = e.job_execution_id) AS params
              FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
            """;

    private final JdbcClient jdbc;

    ExecutionQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ExecutionSummary> executions(String jobName, int limit) {
        return jdbc.sql(SELECT_EXECUTION + " WHERE i.job_name = :job ORDER BY e.job_execution_id DESC LIMIT :limit")
                .param("job", jobName).param("limit", limit)
                .query(ExecutionQueries::execution).list();
    }

    /** Newest first; {@code job} and {@code status} narrow when given. */
    List<ExecutionSummary> page(String job, String status, int offset, int limit) {
        return jdbc.sql(SELECT_EXECUTION + """
                 WHERE (CAST(:job AS TEXT) IS NULL OR i.job_name = :job)
                   AND (CAST(:status AS TEXT) IS NULL OR e.status = :status)
                 ORDER BY e.job_execution_id DESC OFFSET :offset LIMIT :limit""")
                .param("job", job).param("status", status).param("offset", offset).param("limit", limit)
                .query(ExecutionQueries::execution).list();
    }

    /** Items read, written and skipped over all steps, per execution. */
    Map<Long, ExecutionCounts> counts(Collection<Long> executionIds) {
        Map<Long, ExecutionCounts> counts = new HashMap<>();
        if (executionIds.isEmpty()) {
            return counts;
        }
        jdbc.sql("""
                SELECT job_execution_id, sum(read_count), sum(write_count),
                       sum(read_skip_count + process_skip_count + write_skip_count)
                  FROM batch_step_execution WHERE job_execution_id IN (:ids) GROUP BY job_execution_id""")
                .param("ids", executionIds)
                .query(rs -> {
                    counts.put(rs.getLong(1), new ExecutionCounts(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                });
        return counts;
    }

    /** Every execution of one job instance (a run and its restarts), oldest first. */
    List<ExecutionSummary> ofInstance(long instanceId) {
        return jdbc.sql(SELECT_EXECUTION + " WHERE e.job_instance_id = :instance ORDER BY e.job_execution_id")
                .param("instance", instanceId).query(ExecutionQueries::execution).list();
    }

    Optional<ExecutionSummary> lastExecution(String jobName) {
        return executions(jobName, 1).stream().findFirst();
    }

    Optional<ExecutionSummary> execution(long id) {
        return jdbc.sql(SELECT_EXECUTION + " WHERE e.job_execution_id = :id").param("id", id)
                .query(ExecutionQueries::execution).optional();
    }

    List<StepSummary> steps(long executionId) {
        return jdbc.sql("""
                SELECT step_execution_id, step_name, status, exit_code, read_count, write_count, filter_count,
                       read_skip_count + process_skip_count + write_skip_count AS skipped, commit_count,
                       rollback_count, start_time, end_time
                  FROM batch_step_execution WHERE job_execution_id = :id ORDER BY step_execution_id""")
                .param("id", executionId)
                .query((rs, n) -> new StepSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                        time(rs.getTimestamp(11)), time(rs.getTimestamp(12))))
                .list();
    }

    private static ExecutionSummary execution(ResultSet rs, int row) throws SQLException {
        return new ExecutionSummary(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                reason(rs.getString(6)), time(rs.getTimestamp(7)), time(rs.getTimestamp(8)),
                time(rs.getTimestamp(9)), rs.getString(10));
    }

    // Exit messages of failed executions hold whole stack traces; the innermost cause says what went wrong.
    private static String reason(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String reason = text.lines().findFirst().orElse("").strip();
        for (String line : (Iterable<String>) text.lines()::iterator) {
            if (line.startsWith("Caused by: ")) {
                reason = line.substring("Caused by: ".length()).strip();
            }
        }
        return reason;
    }

    private static LocalDateTime time(Timestamp ts) {
        return ts == null ? null : ts.toLocalDateTime();
    }
}
