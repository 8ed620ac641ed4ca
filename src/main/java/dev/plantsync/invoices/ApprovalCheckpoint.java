package dev.plantsync.invoices;

import dev.plantsync.approvals.Approvals;
import dev.plantsync.approvals.Checkpoint;
import org.springframework.batch.core.step.StepExecution;

/**
 * Every invoice that did not match waits for a finance approver: one approval request per invoice with its reasons
 * and what is at stake (everything that matched is already posted; see {@link Checkpoint}).
 */
class ApprovalCheckpoint implements Checkpoint.Requests {

    static final String CHECKPOINT = "invoice-exceptions";

    private final InvoiceStaging staging;
    private final Approvals approvals;

    ApprovalCheckpoint(InvoiceStaging staging, Approvals approvals) {
        this.staging = staging;
        this.approvals = approvals;
    }

    @Override
    public void raise(long instance, StepExecution step) {
        for (InvoiceStaging.Waiting w : staging.waiting(instance)) {
            String code = w.reasons() == null ? "EXCEPTION" : w.reasons().substring(0, Math.max(0, w.reasons().indexOf(':')));
            approvals.request(InvoicePostingJob.NAME, instance, step.getJobExecutionId(), CHECKPOINT,
                    String.valueOf(w.id()), w.partner() + " invoice " + w.invoiceNumber() + " (" + String.join(", ",
                            w.poNumbers()) + ")", code.isEmpty() ? "EXCEPTION" : code, w.reasons(), w.impactAmount(),
                    w.currency(), w.impactQuantity());
        }
    }
}
