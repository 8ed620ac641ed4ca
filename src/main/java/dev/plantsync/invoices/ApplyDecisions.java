package dev.plantsync.invoices;

import dev.plantsync.approvals.ApprovalRequest;
import dev.plantsync.approvals.Approvals;
import dev.plantsync.platform.ExceptionRecords;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * After the checkpoint: approved invoices become postable (with the approver's correction applied to the flagged
 * lines); rejected ones are rejected with the approver's reason and recorded as exceptions, never silently dropped.
 */
class ApplyDecisions implements Tasklet {

    private final InvoiceStaging staging;
    private final Approvals approvals;
    private final ExceptionRecords exceptions;

    ApplyDecisions(InvoiceStaging staging, Approvals approvals, ExceptionRecords exceptions) {
        this.staging = staging;
        this.approvals = approvals;
        this.exceptions = exceptions;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        long instance = step.getJobExecution().getJobInstance().getId();
        for (ApprovalRequest r : approvals.decided(instance, ApprovalCheckpoint.CHECKPOINT)) {
            long invoice = Long.parseLong(r.businessKey());
            switch (r.state()) {
                case "APPROVED", "APPROVED_WITH_CORRECTION" -> {
                    if ("APPROVED_WITH_CORRECTION".equals(r.state())) {
                        staging.correct(invoice, r.corrected("unitPrice"), r.corrected("quantity"));
                    }
                    if (staging.hasUnmatchedLines(invoice)) {
                        reject(step, r, invoice, "NOT_POSTABLE: approved by " + r.decidedBy() + " but a line matches no "
                                + "PO line; fix the master data and replay the invoice");
                    } else {
                        staging.outcome(invoice, "MATCHED", "approved by " + r.decidedBy()
                                + (r.comment() == null ? "" : ": " + r.comment()));
                        contribution.incrementWriteCount(1);
                    }
                }
                case "REJECTED" -> reject(step, r, invoice, "REJECTED_BY_APPROVER: " + r.decidedBy() + ": " + r.comment());
                default -> { }
            }
        }
        return RepeatStatus.FINISHED;
    }

    private void reject(StepExecution step, ApprovalRequest r, long invoice, String reason) {
        staging.outcome(invoice, "REJECTED", reason);
        exceptions.record(InvoicePostingJob.NAME, step.getJobExecutionId(), step.getStepName(), null,
                "approval request " + r.id(), r.subject(), reason.substring(0, reason.indexOf(':')), reason, null);
    }
}
