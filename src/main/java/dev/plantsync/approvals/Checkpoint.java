package dev.plantsync.approvals;

import dev.plantsync.platform.RunSummary;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The approval checkpoint every job with human decisions has, the same way everywhere: a step asks for a decision on
 * each record that waits and, while any request is pending, ends {@value RunSummary#AWAITING} so the job stops (all
 * else already done); the last decision restarts the instance, whose next step applies the decisions, then the step
 * after it writes what was approved.
 */
public final class Checkpoint {

    /** Raises the requests of the run's waiting records ({@link Approvals#request}, asking again changes nothing). */
    @FunctionalInterface
    public interface Requests {
        void raise(long instance, StepExecution step);
    }

    /** Applies one decision to the run's records; returns how many records it made ready (or otherwise settled). */
    @FunctionalInterface
    public interface Outcome {
        int apply(long instance, StepExecution step, ApprovalRequest decided);
    }

    private Checkpoint() {
    }

    public static Tasklet ask(Approvals approvals, String checkpoint, Requests requests) {
        return (contribution, chunkContext) -> {
            StepExecution step = chunkContext.getStepContext().getStepExecution();
            long instance = step.getJobExecution().getJobInstance().getId();
            requests.raise(instance, step);
            if (approvals.pendingCount(instance, checkpoint) > 0) {
                contribution.setExitStatus(new ExitStatus(RunSummary.AWAITING));
            }
            return RepeatStatus.FINISHED;
        };
    }

    public static Tasklet decide(Approvals approvals, String checkpoint, Outcome outcome) {
        return (contribution, chunkContext) -> {
            StepExecution step = chunkContext.getStepContext().getStepExecution();
            long instance = step.getJobExecution().getJobInstance().getId();
            for (ApprovalRequest r : approvals.decided(instance, checkpoint)) {
                contribution.incrementWriteCount(outcome.apply(instance, step, r));
            }
            return RepeatStatus.FINISHED;
        };
    }

    /** {@code before}, then {@code ask} (stop while requests are pending), then {@code decide}, then {@code after}. */
    public static Job flow(SimpleJobBuilder before, Step ask, Step decide, Step after) {
        return before.next(ask)
                .on(RunSummary.AWAITING).stopAndRestart(decide)
                .from(ask).on("*").to(decide)
                .from(decide).on("*").to(after)
                .end()
                .build();
    }
}
