package dev.plantsync.operations;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code plantsync.recovery.*}: how often server nodes look for executions left running by a dead node, when a node
 * counts as dead, how long a stopping node waits for its chunks, and per job what happens to a recovered execution:
 * {@code RESTART} on a live node, or {@code OPERATOR} (marked failed, left for a person, alerted).
 */
@ConfigurationProperties("plantsync.recovery")
public record RecoverySettings(Duration checkInterval, Duration deadAfter, Duration shutdownGrace,
        Policy defaultPolicy, Map<String, Policy> jobs) {

    public enum Policy { RESTART, OPERATOR }

    public RecoverySettings {
        checkInterval = checkInterval == null ? Duration.ofSeconds(15) : checkInterval;
        deadAfter = deadAfter == null ? Duration.ofSeconds(60) : deadAfter;
        shutdownGrace = shutdownGrace == null ? Duration.ofSeconds(120) : shutdownGrace;
        defaultPolicy = defaultPolicy == null ? Policy.OPERATOR : defaultPolicy;
        jobs = jobs == null ? Map.of() : Map.copyOf(jobs);
    }

    /**
     * Fails naming each policy given for a job that does not exist: a misspelt name is never applied, and a killed run
     * of the job meant would be left for an operator instead of restarted.
     */
    public void requireKnownJobs(java.util.Set<String> known) {
        java.util.List<String> unknown = jobs.keySet().stream().filter(j -> !known.contains(j)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(unknown.stream().map(j -> "plantsync.recovery.jobs." + j + ": '" + j
                    + "' is not a PlantSync job").collect(java.util.stream.Collectors.joining("; "))
                    + " (jobs: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
        }
    }

    public Policy policy(String job) {
        return jobs.getOrDefault(job, defaultPolicy);
    }
}
