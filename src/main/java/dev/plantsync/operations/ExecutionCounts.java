package dev.plantsync.operations;

/** Items read, written and skipped by all steps of one execution. */
public record ExecutionCounts(long read, long written, long skipped) {

    public static final ExecutionCounts NONE = new ExecutionCounts(0, 0, 0);
}
