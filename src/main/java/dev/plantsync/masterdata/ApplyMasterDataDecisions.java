package dev.plantsync.masterdata;

import dev.plantsync.approvals.ApprovalRequest;
import dev.plantsync.approvals.Checkpoint;
import dev.plantsync.platform.ExceptionRecords;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * After the checkpoint: approved changes become ready to apply; rejected ones are recorded as exceptions with the
 * approver's reason (never silently dropped) and Odoo keeps its value.
 */
class ApplyMasterDataDecisions implements Checkpoint.Outcome {

    private final JdbcClient jdbc;
    private final ExceptionRecords exceptions;

    ApplyMasterDataDecisions(JdbcClient jdbc, ExceptionRecords exceptions) {
        this.jdbc = jdbc;
        this.exceptions = exceptions;
    }

    @Override
    public int apply(long run, StepExecution step, ApprovalRequest r) {
        String message = r.decision();
        int changed = jdbc.sql("""
                UPDATE md_change SET state = :state, message = :message
                 WHERE job_instance_id = :run AND approval_key = :key AND state = 'AWAITING_APPROVAL'""")
                .param("state", r.approved() ? "READY" : "REJECTED").param("message", message).param("run", run)
                .param("key", r.businessKey()).update();
        if (!r.approved() && changed > 0) {
            exceptions.record(MasterDataSyncJob.NAME, step.getJobExecutionId(), step.getStepName(), null,
                    "approval request " + r.id(), r.businessKey(), "REJECTED_BY_APPROVER", r.subject() + ": "
                            + message + " (" + r.reason() + ")", null);
        }
        return changed;
    }
}
