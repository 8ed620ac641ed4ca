package dev.plantsync.operations.cli;

import dev.plantsync.operations.ExecutionSummary;

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

    public static final String AWAITING_APPROVAL_EXIT = "AWAITING_APPROVAL";

    private ExitCodes() {
    }

    static int of(ExecutionSummary execution) {
        if (execution.running()) {
            return STILL_RUNNING;
        }
        return switch (execution.status()) {
            case "COMPLETED" -> COMPLETED;
            case "STOPPED" -> AWAITING_APPROVAL_EXIT.equals(execution.exitCode()) ? AWAITING_APPROVAL : STOPPED;
            default -> FAILED;
        };
    }
}
