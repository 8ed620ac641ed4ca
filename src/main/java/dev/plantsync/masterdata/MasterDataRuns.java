package dev.plantsync.masterdata;

import java.util.List;
import java.util.Map;

import dev.plantsync.platform.ReportExport;
import dev.plantsync.platform.StreamedQueries;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What a master-data run did, for the people who own the item master: counts per kind, action and outcome, and every
 * planned change with its old and new values, risk, outcome and source line (streamed as CSV or XLSX).
 */
@Service
public class MasterDataRuns {

    public record Count(String entity, String action, String state, int records) {
    }

    private static final String CHANGES = """
            SELECT entity, business_key, action, state, changes::text AS changes, risk, message, file_name, line_no,
                   odoo_id
              FROM md_change WHERE job_instance_id = ? ORDER BY entity, id""";
    private static final List<String> HEADER = List.of("entity", "business_key", "action", "state", "changes", "risk",
            "message", "file_name", "line_no", "odoo_id");

    private final JdbcClient jdbc;
    private final StreamedQueries streamed;

    MasterDataRuns(JdbcClient jdbc, StreamedQueries streamed) {
        this.jdbc = jdbc;
        this.streamed = streamed;
    }

    /** Counts of the run's changes; empty when the run staged nothing (or is no master-data run). */
    public List<Count> counts(long run) {
        return jdbc.sql("""
                SELECT entity, action, state, count(*)::int AS n FROM md_change WHERE job_instance_id = :run
                 GROUP BY entity, action, state ORDER BY entity, action, state""").param("run", run)
                .query((rs, n) -> new Count(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4))).list();
    }

    /** Whether {@code run} is a master-data sync's job instance (it may have changed nothing). */
    public boolean exists(long run) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM batch_job_instance WHERE job_instance_id = :run AND job_name = :job)""")
                .param("run", run).param("job", MasterDataSyncJob.NAME).query(Boolean.class).single();
    }

    public Map<String, Object> summary(long run) {
        int exceptions = jdbc.sql("""
                SELECT count(*) FROM exception_record e JOIN batch_job_execution x ON x.job_execution_id = e.job_execution_id
                 WHERE x.job_instance_id = :run AND e.job_name = :job""").param("run", run)
                .param("job", MasterDataSyncJob.NAME).query(Integer.class).single();
        return Map.of("run", run, "changes", counts(run), "exceptions", exceptions);
    }

    public void exportChanges(long run, ReportExport export) {
        streamed.export(CHANGES, export, HEADER, run);
    }
}
