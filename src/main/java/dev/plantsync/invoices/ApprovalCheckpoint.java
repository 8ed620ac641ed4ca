package dev.plantsync.invoices;

import dev.plantsync.approvals.Approvals;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Every invoice that did not match waits for a finance approver: one approval request per invoice with its reasons
 * and what is at stake. While any is pending the step ends AWAITING_APPROVAL and the job stops (everything that
 * matched is already posted); deciding the last one restarts the instance after this step.
 */
class ApprovalCheckpoint implements Tasklet {

    static final String CHECKPOINT = "invoice-exceptions";
    static final String AWAITING = dev.plantsync.platform.RunSummary.AWAITING;

    private final InvoiceStaging staging;
    private final Approvals approvals;

    ApprovalCheckpoint(InvoiceStaging staging, Approvals approvals) {
        this.staging = staging;
        this.approvals = approvals;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        long instance = step.getJobExecution().getJobInstance().getId();
        for (InvoiceStaging.Waiting w : staging.waiting(instance)) {
            String code = w.reasons() == null ? "EXCEPTION" : w.reasons().substring(0, Math.max(0, w.reasons().indexOf(':')));
            approvals.request(InvoicePostingJob.NAME, instance, step.getJobExecutionId(), CHECKPOINT,
                    String.valueOf(w.id()), w.partner() + " invoice " + w.invoiceNumber() + " (" + String.join(", ",
                            w.poNumbers()) + ")", code.isEmpty() ? "EXCEPTION" : code, w.reasons(), w.impactAmount(),
                    w.currency(), w.impactQuantity());
        }
        if (approvals.pendingCount(instance, CHECKPOINT) > 0) {
            contribution.setExitStatus(new ExitStatus(AWAITING));
        }
        return RepeatStatus.FINISHED;
    }
}
