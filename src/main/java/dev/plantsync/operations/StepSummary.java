package dev.plantsync.operations;

import java.time.LocalDateTime;

/** One step of an execution with the counts an operator checks after a failure. */
public record StepSummary(long id, String name, String status, String exitCode, long read, long written, long filtered,
        long skipped, long commits, long rollbacks, LocalDateTime started, LocalDateTime ended) {
}
