package dev.plantsync.operations;

import java.util.List;
import java.util.Map;

import dev.plantsync.platform.ExceptionRecords;

/**
 * An execution with its steps and the bad input its run met: exception records counted by reason, and the first
 * {@value #EXCEPTIONS_SHOWN} of them with their place (file, line, key) and reason.
 */
public record ExecutionDetail(ExecutionSummary execution, List<StepSummary> steps,
        Map<String, Integer> exceptionsByReason, List<ExceptionRecords.Recorded> exceptions) {

    public static final int EXCEPTIONS_SHOWN = 20;

    public ExecutionDetail(ExecutionSummary execution, List<StepSummary> steps) {
        this(execution, steps, Map.of(), List.of());
    }

    /** All exception records of the run, not only those listed. */
    public int exceptionCount() {
        return exceptionsByReason.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Ended COMPLETED although some input was skipped into exception records. */
    public boolean completedWithExceptions() {
        return "COMPLETED".equals(execution.status()) && exceptionCount() > 0;
    }
}
