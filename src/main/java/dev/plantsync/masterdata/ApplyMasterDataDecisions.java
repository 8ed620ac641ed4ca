package dev.plantsync.masterdata;

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
 * After the checkpoint: approved changes become ready to apply; rejected ones are recorded as exceptions with the
 * approver's reason (never silently dropped) and Odoo keeps its value.
 */
class ApplyMasterDataDecisions implements Tasklet {

    private final JdbcClient jdbc;
    private final Approvals approvals;
    private final ExceptionRecords exceptions;

    ApplyMasterDataDecisions(JdbcClient jdbc, Approvals approvals, ExceptionRecords exceptions) {
        this.jdbc = jdbc;
        this.approvals = approvals;
        this.exceptions = exceptions;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        long run = step.getJobExecution().getJobInstance().getId();
        for (ApprovalRequest r : approvals.decided(run, MasterDataCheckpoint.CHECKPOINT)) {
            boolean approved = r.state().startsWith("APPROVED");
            String message = (approved ? "approved by " : "REJECTED_BY_APPROVER: ") + r.decidedBy()
                    + (r.comment() == null ? "" : ": " + r.comment());
            int changed = jdbc.sql("""
                    UPDATE md_change SET state = :state, message = :message
                     WHERE job_instance_id = :run AND approval_key = :key AND state = 'AWAITING_APPROVAL'""")
                    .param("state", approved ? "READY" : "REJECTED").param("message", message).param("run", run)
                    .param("key", r.businessKey()).update();
            if (!approved && changed > 0) {
                exceptions.record(MasterDataSyncJob.NAME, step.getJobExecutionId(), step.getStepName(), null,
                        "approval request " + r.id(), r.businessKey(), "REJECTED_BY_APPROVER", r.subject() + ": "
                                + message + " (" + r.reason() + ")", null);
            }
            contribution.incrementWriteCount(changed);
        }
        return RepeatStatus.FINISHED;
    }
}
