package dev.plantsync.masterdata;

import java.math.BigDecimal;

import dev.plantsync.approvals.Approvals;
import dev.plantsync.approvals.Checkpoint;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Risky changes wait for an approver: one request per record, or one per file when the whole file is held (everything
 * else is already applied; see {@link Checkpoint}).
 */
class MasterDataCheckpoint implements Checkpoint.Requests {

    static final String CHECKPOINT = "master-data-risky";

    private final JdbcClient jdbc;
    private final Approvals approvals;

    MasterDataCheckpoint(JdbcClient jdbc, Approvals approvals) {
        this.jdbc = jdbc;
        this.approvals = approvals;
    }

    @Override
    public void raise(long run, StepExecution step) {
        jdbc.sql("""
                SELECT approval_key, count(*) AS n, min(entity) AS entity, min(business_key) AS first_key,
                       min(file_name) AS file, min(line_no) AS line, min(risk) AS risk
                  FROM md_change WHERE job_instance_id = :run AND state = 'AWAITING_APPROVAL'
                 GROUP BY approval_key ORDER BY approval_key""").param("run", run).query(rs -> {
                    String key = rs.getString("approval_key");
                    int n = rs.getInt("n");
                    String risk = rs.getString("risk");
                    String subject = key.startsWith("file:")
                            ? n + " " + rs.getString("entity") + " change(s) from " + rs.getString("file")
                            : rs.getString("entity") + " " + rs.getString("first_key") + " (" + rs.getString("file")
                                    + (rs.getObject("line") == null ? "" : ":" + rs.getInt("line")) + ")";
                    approvals.request(MasterDataSyncJob.NAME, run, step.getJobExecutionId(), CHECKPOINT, key, subject,
                            risk.substring(0, Math.max(0, risk.indexOf(':'))), risk, null, null, BigDecimal.valueOf(n));
                });
    }
}
