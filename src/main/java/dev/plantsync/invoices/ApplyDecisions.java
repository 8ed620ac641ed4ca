package dev.plantsync.invoices;

import dev.plantsync.approvals.ApprovalRequest;
import dev.plantsync.approvals.Checkpoint;
import dev.plantsync.platform.ExceptionRecords;
import org.springframework.batch.core.step.StepExecution;

/**
 * After the checkpoint: approved invoices become postable (with the approver's correction applied to the flagged
 * lines); rejected ones are rejected with the approver's reason and recorded as exceptions, never silently dropped.
 */
class ApplyDecisions implements Checkpoint.Outcome {

    private final InvoiceStaging staging;
    private final ExceptionRecords exceptions;

    ApplyDecisions(InvoiceStaging staging, ExceptionRecords exceptions) {
        this.staging = staging;
        this.exceptions = exceptions;
    }

    @Override
    public int apply(long instance, StepExecution step, ApprovalRequest r) {
        long invoice = Long.parseLong(r.businessKey());
        if (!r.approved()) {
            reject(step, r, invoice, r.decision());
            return 0;
        }
        if ("APPROVED_WITH_CORRECTION".equals(r.state())) {
            staging.correct(invoice, r.corrected("unitPrice"), r.corrected("quantity"));
        }
        if (staging.hasUnmatchedLines(invoice)) {
            reject(step, r, invoice, "NOT_POSTABLE: approved by " + r.decidedBy() + " but a line matches no "
                    + "PO line; fix the master data and replay the invoice");
            return 0;
        }
        staging.outcome(invoice, "MATCHED", r.decision());
        return 1;
    }

    private void reject(StepExecution step, ApprovalRequest r, long invoice, String reason) {
        staging.outcome(invoice, "REJECTED", reason);
        exceptions.record(InvoicePostingJob.NAME, step.getJobExecutionId(), step.getStepName(), null,
                "approval request " + r.id(), r.subject(), reason.substring(0, reason.indexOf(':')), reason, null);
    }
}
