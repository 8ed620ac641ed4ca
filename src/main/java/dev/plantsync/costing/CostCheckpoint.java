package dev.plantsync.costing;

import dev.plantsync.approvals.Approvals;
import dev.plantsync.approvals.Checkpoint;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Large cost changes wait for finance: one request per product, with the variance and the revaluation it would book,
 * largest revaluation first (the small ones are already written; see {@link Checkpoint}).
 */
class CostCheckpoint implements Checkpoint.Requests {

    static final String CHECKPOINT = "cost-change";

    private final JdbcClient jdbc;
    private final Approvals approvals;

    CostCheckpoint(JdbcClient jdbc, Approvals approvals) {
        this.jdbc = jdbc;
        this.approvals = approvals;
    }

    @Override
    public void raise(long run, StepExecution step) {
        jdbc.sql("""
                SELECT product_id, code, old_cost, new_cost, variance_percent, revaluation, on_hand, reason
                  FROM cost_rollup_line WHERE job_instance_id = :run AND state = 'AWAITING_APPROVAL'
                 ORDER BY abs(revaluation) DESC, id""").param("run", run).query(rs -> {
                    java.math.BigDecimal variance = rs.getBigDecimal("variance_percent");
                    String percent = variance == null ? "new"
                            : (variance.signum() > 0 ? "+" : "") + variance.toPlainString() + " %";
                    approvals.request(CostRollupJob.NAME, run, step.getJobExecutionId(), CHECKPOINT,
                            String.valueOf(rs.getInt("product_id")), rs.getString("code") + ": standard cost "
                                    + RolledCost.cents(rs.getBigDecimal("old_cost")).toPlainString() + " -> "
                                    + rs.getBigDecimal("new_cost").toPlainString() + " (" + percent + ")",
                            "COST_CHANGE", rs.getString("reason"), rs.getBigDecimal("revaluation"), null,
                            rs.getBigDecimal("on_hand"));
                });
    }
}
