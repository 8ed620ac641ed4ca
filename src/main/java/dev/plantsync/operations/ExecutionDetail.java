package dev.plantsync.operations;

import java.util.List;

/** An execution with its steps. */
public record ExecutionDetail(ExecutionSummary execution, List<StepSummary> steps) {
}
