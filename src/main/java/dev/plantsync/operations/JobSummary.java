package dev.plantsync.operations;

/** A job PlantSync can run, with its most recent execution (null when it never ran). */
public record JobSummary(String name, ExecutionSummary lastExecution) {
}
