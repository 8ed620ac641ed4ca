package dev.plantsync.costing;

import java.math.BigDecimal;

import dev.plantsync.approvals.ApprovalRequest;
import dev.plantsync.approvals.Approvals;
import dev.plantsync.platform.ExceptionRecords;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * After the checkpoint: approved costs become ready to write (at the approver's corrected unit price when one was
 * given); rejected ones are recorded as exceptions with the approver's reason and Odoo keeps its cost.
 */
class ApplyCostDecisions implements Tasklet {

    private final JdbcClient jdbc;
    private final Approvals approvals;
    private final ExceptionRecords exceptions;

    ApplyCostDecisions(JdbcClient jdbc, Approvals approvals, ExceptionRecords exceptions) {
        this.jdbc = jdbc;
        this.approvals = approvals;
        this.exceptions = exceptions;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        long run = step.getJobExecution().getJobInstance().getId();
        for (ApprovalRequest r : approvals.decided(run, CostCheckpoint.CHECKPOINT)) {
            BigDecimal corrected = r.corrected("unitPrice");
            String message = (r.approved() ? "approved by " : "REJECTED_BY_APPROVER: ") + r.decidedBy()
                    + (corrected == null ? "" : ", corrected to " + corrected.toPlainString())
                    + (r.comment() == null ? "" : ": " + r.comment());
            int changed = jdbc.sql("""
                    UPDATE cost_rollup_line SET state = :state, reason = reason || '; ' || :message,
                           written_cost = :corrected
                     WHERE job_instance_id = :run AND product_id = :product AND state = 'AWAITING_APPROVAL'""")
                    .param("state", r.approved() ? "READY" : "REJECTED").param("message", message)
                    .param("corrected", corrected).param("run", run).param("product", Integer.parseInt(r.businessKey()))
                    .update();
            if (!r.approved() && changed > 0) {
                exceptions.record(CostRollupJob.NAME, step.getJobExecutionId(), step.getStepName(), null,
                        "approval request " + r.id(), r.subject().substring(0, r.subject().indexOf(':')),
                        "REJECTED_BY_APPROVER", r.subject() + ": " + message, null);
            }
            contribution.incrementWriteCount(changed);
        }
        return RepeatStatus.FINISHED;
    }
}
