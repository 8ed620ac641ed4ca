package dev.plantsync.operations;

import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.plantsync.operations.JobControlException.Reason;
import dev.plantsync.platform.AuditLog;
import dev.plantsync.platform.ExceptionRecords;

/**
 * What ran: every job with its last execution, a job's executions, one execution in detail. Reads only the job
 * repository's tables and needs only the jobs' names, so a command that only looks ({@code jobs list}, {@code jobs
 * show}) starts no job, no Spring Batch and no scheduler. {@link JobControl} answers the same through it.
 */
public class JobHistory {

    private final ExecutionQueries queries;
    private final ExceptionRecords exceptions;
    private final AuditLog audit;
    private final SortedSet<String> jobs;

    JobHistory(ExecutionQueries queries, ExceptionRecords exceptions, AuditLog audit, Collection<String> jobNames) {
        this.queries = queries;
        this.exceptions = exceptions;
        this.audit = audit;
        this.jobs = new TreeSet<>(jobNames);
    }

    /** Every job, by name. */
    public SortedSet<String> jobNames() {
        return jobs;
    }

    public List<JobSummary> jobs() {
        return jobs.stream().map(name -> new JobSummary(name, queries.lastExecution(name).orElse(null))).toList();
    }

    public List<ExecutionSummary> executions(String jobName, int limit) {
        requireJob(jobName);
        return queries.executions(jobName, limit);
    }

    public ExecutionDetail execution(long id) {
        ExecutionSummary summary = withRecoveryReason(queries.execution(id).orElseThrow(() -> unknownExecution(id)));
        return new ExecutionDetail(summary, queries.steps(id), exceptions.countsByReason(summary.instanceId()),
                exceptions.ofInstance(summary.instanceId(), ExecutionDetail.EXCEPTIONS_SHOWN));
    }

    void requireJob(String jobName) {
        if (!jobs.contains(jobName)) {
            throw new JobControlException(Reason.UNKNOWN_JOB, "unknown job '" + jobName + "'; jobs: "
                    + String.join(", ", jobs));
        }
    }

    JobControlException unknownExecution(long id) {
        String recent = jobs.stream()
                .flatMap(name -> queries.executions(name, 3).stream())
                .map(e -> e.id() + " (" + e.jobName() + ", " + e.status() + ")")
                .collect(Collectors.joining(", "));
        return new JobControlException(Reason.UNKNOWN_EXECUTION, "unknown execution " + id + "; recent executions: "
                + (recent.isEmpty() ? "none" : recent));
    }

    /**
     * A run recovered before recovery wrote its reason into the execution (FAILED, no reason): the reason from the
     * RECOVER audit row, so {@code jobs show} still says why it failed.
     */
    private ExecutionSummary withRecoveryReason(ExecutionSummary e) {
        if (!"FAILED".equals(e.status()) || !e.exitDescription().isEmpty()) {
            return e;
        }
        return audit.lastDetail("RECOVER", e.jobName() + "#" + e.id(), "FAILED")
                .map(why -> new ExecutionSummary(e.id(), e.jobName(), e.instanceId(), e.status(), e.exitCode(),
                        "recovered: " + why, e.created(), e.started(), e.ended(), e.parameters()))
                .orElse(e);
    }
}
