package dev.plantsync.costing;

import dev.plantsync.approvals.Approvals;
import dev.plantsync.platform.RunSummary;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Large cost changes wait for finance: one request per product, with the variance and the revaluation it would book.
 * The small ones are already written; while any request is pending the step ends AWAITING_APPROVAL and the job stops;
 * deciding the last one restarts the instance after this step.
 */
class CostCheckpoint implements Tasklet {

    static final String CHECKPOINT = "cost-change";

    private final JdbcClient jdbc;
    private final Approvals approvals;

    CostCheckpoint(JdbcClient jdbc, Approvals approvals) {
        this.jdbc = jdbc;
        this.approvals = approvals;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        long run = step.getJobExecution().getJobInstance().getId();
        jdbc.sql("""
                SELECT product_id, code, old_cost, new_cost, variance_percent, revaluation, on_hand, reason
                  FROM cost_rollup_line WHERE job_instance_id = :run AND state = 'AWAITING_APPROVAL'
                 ORDER BY abs(revaluation) DESC, id""").param("run", run).query(rs -> {
                    String percent = rs.getBigDecimal("variance_percent") == null ? "new"
                            : (rs.getBigDecimal("variance_percent").signum() > 0 ? "+" : "")
                                    + rs.getBigDecimal("variance_percent").toPlainString() + " %";
                    approvals.request(CostRollupJob.NAME, run, step.getJobExecutionId(), CHECKPOINT,
                            String.valueOf(rs.getInt("product_id")), rs.getString("code") + ": standard cost "
                                    + RolledCost.cents(rs.getBigDecimal("old_cost")).toPlainString() + " -> "
                                    + rs.getBigDecimal("new_cost").toPlainString() + " (" + percent + ")",
                            "COST_CHANGE", rs.getString("reason"), rs.getBigDecimal("revaluation"), null,
                            rs.getBigDecimal("on_hand"));
                });
        if (approvals.pendingCount(run, CHECKPOINT) > 0) {
            contribution.setExitStatus(new ExitStatus(RunSummary.AWAITING));
        }
        return RepeatStatus.FINISHED;
    }
}
