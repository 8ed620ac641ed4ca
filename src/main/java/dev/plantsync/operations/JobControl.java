package dev.plantsync.operations;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.plantsync.operations.JobControlException.Reason;
import dev.plantsync.platform.Actor;
import dev.plantsync.platform.AuditLog;
import dev.plantsync.platform.LocalExecutions;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Service;

/**
 * What operators do with jobs: list, inspect, launch, restart, stop, abandon. The CLI, the REST API, the console and
 * the scheduler all come through here, so every action is checked the same way and audited once.
 */
@Service
public class JobControl {

    private static final Duration POLL = Duration.ofMillis(200);

    private final JobOperator operator;
    private final JobRepository repository;
    private final ExecutionQueries queries;
    private final AuditLog audit;
    private final Clock clock;
    private final LocalExecutions local;
    private final Map<String, Job> jobs;

    JobControl(JobOperator operator, JobRepository repository, ExecutionQueries queries, AuditLog audit, Clock clock,
            LocalExecutions local, List<Job> jobs) {
        this.operator = operator;
        this.repository = repository;
        this.queries = queries;
        this.audit = audit;
        this.clock = clock;
        this.local = local;
        this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, Function.identity(), (a, b) -> a, TreeMap::new));
    }

    public List<JobSummary> jobs() {
        return jobs.keySet().stream()
                .map(name -> new JobSummary(name, queries.lastExecution(name).orElse(null)))
                .toList();
    }

    public List<ExecutionSummary> executions(String jobName, int limit) {
        requireJob(jobName);
        return queries.executions(jobName, limit);
    }

    /** A page of executions of every job (or one), newest first, optionally of one status. */
    public List<ExecutionSummary> executions(String jobName, String status, int offset, int limit) {
        if (jobName != null) {
            requireJob(jobName);
        }
        return queries.page(jobName, status, offset, limit);
    }

    /** The executions of one run: the first and every restart, oldest first. */
    public List<ExecutionSummary> executionsOfInstance(long instanceId) {
        return queries.ofInstance(instanceId);
    }

    public Map<Long, ExecutionCounts> counts(Collection<Long> executionIds) {
        return queries.counts(executionIds);
    }

    public ExecutionDetail execution(long id) {
        ExecutionSummary summary = queries.execution(id).orElseThrow(() -> unknownExecution(id));
        return new ExecutionDetail(summary, queries.steps(id));
    }

    /** Starts a job; returns once it has finished when launching is synchronous (CLI), else once it is under way. */
    public ExecutionSummary launch(String jobName, Map<String, String> parameters, Actor actor) {
        Job job = requireJob(jobName);
        JobParameters params = JobParameterParser.parse(parameters, clock);
        String target = jobName + " " + describe(params);
        try {
            JobExecution execution = operator.start(job, params);
            audit.record(actor, "LAUNCH", jobName + "#" + execution.getId(), "OK", describe(params));
            return summary(execution.getId());
        } catch (JobInstanceAlreadyCompleteException e) {
            audit.record(actor, "LAUNCH", target, "REFUSED", "already complete");
            throw new JobControlException(Reason.ALREADY_COMPLETE, "job " + jobName + " already completed for "
                    + describe(params) + "; give another businessDate or parameters to run it again");
        } catch (JobExecutionAlreadyRunningException e) {
            audit.record(actor, "LAUNCH", target, "REFUSED", "already running");
            throw new JobControlException(Reason.ALREADY_RUNNING, "job " + jobName + " is already running for "
                    + describe(params));
        } catch (Exception e) {
            audit.record(actor, "LAUNCH", target, "REFUSED", e.getMessage());
            if (e instanceof JobControlException jce) {
                throw jce;
            }
            throw new JobControlException(Reason.NOT_RESTARTABLE, "job " + jobName + " cannot start for "
                    + describe(params) + ": " + e.getMessage());
        }
    }

    /** Restarts a FAILED or STOPPED execution: the same job instance continues from its last committed chunk. */
    public ExecutionSummary restart(long executionId, Actor actor) {
        JobExecution execution = requireExecution(executionId);
        String target = execution.getJobInstance().getJobName() + "#" + executionId;
        BatchStatus status = execution.getStatus();
        if (status != BatchStatus.FAILED && status != BatchStatus.STOPPED) {
            audit.record(actor, "RESTART", target, "REFUSED", "status " + status);
            throw new JobControlException(Reason.NOT_RESTARTABLE, "execution " + executionId + " of job "
                    + execution.getJobInstance().getJobName() + " is " + status
                    + "; only FAILED or STOPPED executions can be restarted");
        }
        if (local.isRunningHere(executionId)) {
            audit.record(actor, "RESTART", target, "REFUSED", "still finishing its current chunk");
            throw new JobControlException(Reason.ALREADY_RUNNING, "execution " + executionId
                    + " is " + status + " but still finishing its current chunk; restart it in a moment");
        }
        JobExecution latest = repository.getLastJobExecution(execution.getJobInstance());
        if (latest != null && latest.getId() != executionId) {
            audit.record(actor, "RESTART", target, "REFUSED", "superseded by " + latest.getId());
            throw new JobControlException(Reason.NOT_RESTARTABLE, "execution " + executionId
                    + " was already restarted as execution " + latest.getId() + "; restart that one if it failed");
        }
        try {
            JobExecution restarted = operator.restart(execution);
            audit.record(actor, "RESTART", target, "OK", "new execution " + restarted.getId());
            return summary(restarted.getId());
        } catch (Exception e) {
            audit.record(actor, "RESTART", target, "REFUSED", e.getMessage());
            throw new JobControlException(Reason.NOT_RESTARTABLE, "execution " + executionId + " cannot be restarted: "
                    + e.getMessage());
        }
    }

    /**
     * Asks a running execution to stop at its next chunk boundary. Only the job execution is marked STOPPING; the step
     * notices it when it next commits and ends STOPPED with its position saved. (JobOperator.stop would also write
     * its own, older copy of the running step, racing the step thread: the restart then re-read committed chunks.)
     */
    public void stop(long executionId, Actor actor) {
        JobExecution execution = requireExecution(executionId);
        String target = execution.getJobInstance().getJobName() + "#" + executionId;
        if (!execution.isRunning()) {
            audit.record(actor, "STOP", target, "REFUSED", "status " + execution.getStatus());
            throw new JobControlException(Reason.NOT_RUNNING, "execution " + executionId + " is "
                    + execution.getStatus() + ", not running; nothing to stop");
        }
        execution.setStatus(BatchStatus.STOPPING);
        repository.update(execution);
        audit.record(actor, "STOP", target, "OK", null);
    }

    /** Marks a stopped or failed execution as never to be restarted. */
    public void abandon(long executionId, Actor actor) {
        JobExecution execution = requireExecution(executionId);
        String target = execution.getJobInstance().getJobName() + "#" + executionId;
        if (execution.getStatus() == BatchStatus.COMPLETED || execution.getStatus() == BatchStatus.ABANDONED) {
            audit.record(actor, "ABANDON", target, "REFUSED", "status " + execution.getStatus());
            throw new JobControlException(Reason.NOT_RESTARTABLE, "execution " + executionId + " is "
                    + execution.getStatus() + "; only a FAILED or STOPPED execution can be abandoned");
        }
        try {
            operator.abandon(execution);
            audit.record(actor, "ABANDON", target, "OK", null);
        } catch (JobExecutionAlreadyRunningException e) {
            audit.record(actor, "ABANDON", target, "REFUSED", "running");
            throw new JobControlException(Reason.ALREADY_RUNNING, "execution " + executionId
                    + " is still running; stop it first");
        }
    }

    /** Waits until the execution is no longer running, here or elsewhere (for launches made asynchronously). */
    public ExecutionSummary awaitEnd(long executionId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ExecutionSummary summary = summary(executionId);
        while ((summary.running() || local.isRunningHere(executionId)) && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            summary = summary(executionId);
        }
        return summary;
    }

    public boolean isRunning(String jobName) {
        return !repository.findRunningJobExecutions(jobName).isEmpty();
    }

    private ExecutionSummary summary(long executionId) {
        return queries.execution(executionId).orElseThrow(() -> unknownExecution(executionId));
    }

    private Job requireJob(String jobName) {
        Job job = jobs.get(jobName);
        if (job == null) {
            throw new JobControlException(Reason.UNKNOWN_JOB, "unknown job '" + jobName + "'; jobs: "
                    + String.join(", ", jobs.keySet()));
        }
        return job;
    }

    private JobExecution requireExecution(long id) {
        JobExecution execution;
        try {
            execution = repository.getJobExecution(id);
        } catch (EmptyResultDataAccessException e) {
            execution = null;
        }
        if (execution == null) {
            throw unknownExecution(id);
        }
        return execution;
    }

    private JobControlException unknownExecution(long id) {
        String recent = jobs.keySet().stream()
                .flatMap(name -> queries.executions(name, 3).stream())
                .map(e -> e.id() + " (" + e.jobName() + ", " + e.status() + ")")
                .collect(Collectors.joining(", "));
        return new JobControlException(Reason.UNKNOWN_EXECUTION, "unknown execution " + id + "; recent executions: "
                + (recent.isEmpty() ? "none" : recent));
    }

    private static String describe(JobParameters params) {
        return params.parameters().stream().map(p -> p.name() + "=" + p.value()).collect(Collectors.joining(" "));
    }
}
