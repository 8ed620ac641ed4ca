package dev.plantsync.costing;

import java.math.BigDecimal;

import dev.plantsync.approvals.ApprovalRequest;
import dev.plantsync.approvals.Checkpoint;
import dev.plantsync.platform.ExceptionRecords;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * After the checkpoint: approved costs become ready to write (at the approver's corrected unit price when one was
 * given); rejected ones are recorded as exceptions with the approver's reason and Odoo keeps its cost.
 */
class ApplyCostDecisions implements Checkpoint.Outcome {

    private final JdbcClient jdbc;
    private final ExceptionRecords exceptions;

    ApplyCostDecisions(JdbcClient jdbc, ExceptionRecords exceptions) {
        this.jdbc = jdbc;
        this.exceptions = exceptions;
    }

    @Override
    public int apply(long run, StepExecution step, ApprovalRequest r) {
        BigDecimal corrected = r.corrected("unitPrice");
        String message = r.decision() + (corrected == null ? "" : " (corrected to " + corrected.toPlainString() + ")");
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
        return changed;
    }
}
