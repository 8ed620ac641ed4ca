package dev.plantsync.operations.cli;

import dev.plantsync.operations.ExecutionDetail;
import dev.plantsync.operations.ExecutionSummary;
import dev.plantsync.operations.JobControlException;

/** What the process exit code says; schedulers and scripts outside PlantSync rely on these numbers. */
public final class ExitCodes {

    public static final int COMPLETED = 0;
    /** A check found problems, or the environment (database) is not usable. */
    public static final int PROBLEM = 1;
    public static final int BAD_USAGE = 2;
    public static final int FAILED = 3;
    public static final int AWAITING_APPROVAL = 4;
    /** Stopped by an operator (not at an approval checkpoint). */
    public static final int STOPPED = 5;
    /** Still running when the command stopped waiting. */
    public static final int STILL_RUNNING = 6;
    /** Nothing started: another run of the job is going, or waits to be restarted by recovery. */
    public static final int ALREADY_RUNNING = 7;
    /** Nothing started: the node or the job repository was busy; the same command a little later will do. */
    public static final int BUSY = 8;
    /** Completed, but some input was bad: skipped into exception records (listed by {@code jobs show}). */
    public static final int COMPLETED_WITH_EXCEPTIONS = 9;
    /** Completed, but left partner files in their drop (neither taken nor quarantined): an exception of the run too. */
    public static final int FILES_LEFT_BEHIND = COMPLETED_WITH_EXCEPTIONS;

    public static final String AWAITING_APPROVAL_EXIT = "AWAITING_APPROVAL";

    private ExitCodes() {
    }

    /** A refusal: nothing was started or changed. */
    static int of(JobControlException refusal) {
        return switch (refusal.reason()) {
            case ALREADY_RUNNING -> ALREADY_RUNNING;
            case BUSY -> BUSY;
            default -> BAD_USAGE;
        };
    }

    /** As {@link #of(ExecutionSummary)}, and a completed run that met bad input says so. */
    static int of(ExecutionDetail detail) {
        return detail.completedWithExceptions() ? COMPLETED_WITH_EXCEPTIONS : of(detail.execution());
    }

    static int of(ExecutionSummary execution) {
        if (execution.running()) {
            return STILL_RUNNING;
        }
        return switch (execution.status()) {
            case "COMPLETED" -> dev.plantsync.platform.RunSummary.FILES_LEFT.equals(execution.exitCode())
                    ? FILES_LEFT_BEHIND : COMPLETED;
            case "STOPPED" -> AWAITING_APPROVAL_EXIT.equals(execution.exitCode()) ? AWAITING_APPROVAL : STOPPED;
            default -> FAILED;
        };
    }
}
