package dev.plantsync.production;

import dev.plantsync.approvals.Approvals;
import dev.plantsync.approvals.Checkpoint;
import org.springframework.batch.core.step.StepExecution;

/**
 * Every event PlantSync would not apply on its own (for a done or cancelled order, producing or consuming beyond the
 * plant's tolerance) waits for a production approver, with the quantity and value at stake; everything else is
 * already applied (see {@link Checkpoint}).
 */
class CompletionCheckpoint implements Checkpoint.Requests {

    static final String CHECKPOINT = "mes-completions";

    private final CompletionStaging staging;
    private final Approvals approvals;

    CompletionCheckpoint(CompletionStaging staging, Approvals approvals) {
        this.staging = staging;
        this.approvals = approvals;
    }

    @Override
    public void raise(long instance, StepExecution step) {
        for (CompletionStaging.Waiting w : staging.awaiting(instance)) {
            String code = w.reason() == null || w.reason().indexOf(':') < 0 ? "EXCEPTION"
                    : w.reason().substring(0, w.reason().indexOf(':'));
            approvals.request(ProductionCompletionImportJob.NAME, instance, step.getJobExecutionId(), CHECKPOINT,
                    String.valueOf(w.id()), "plant " + w.plant() + " " + w.type() + " event " + w.eventId()
                            + " for order " + w.moName() + (w.file() == null ? "" : " (" + w.file() + ")"),
                    code, w.reason(), w.amount(), null, w.quantity());
        }
    }
}
