package dev.plantsync.operations;

import java.time.LocalDateTime;

/** One job execution as operators see it in lists. */
public record ExecutionSummary(long id, String jobName, long instanceId, String status, String exitCode,
        String exitDescription, LocalDateTime created, LocalDateTime started, LocalDateTime ended, String parameters) {

    public boolean running() {
        return "STARTING".equals(status) || "STARTED".equals(status) || "STOPPING".equals(status);
    }
}
