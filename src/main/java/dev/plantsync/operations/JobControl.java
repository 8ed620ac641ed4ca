package dev.plantsync.operations;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.plantsync.operations.JobControlException.Reason;
import dev.plantsync.platform.Actor;
import dev.plantsync.platform.AuditLog;
import dev.plantsync.platform.LocalExecutions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Service;

/**
 * What operators do with jobs: list, inspect, launch, restart, stop, abandon. The CLI, the REST API, the console and
 * the scheduler all come through here, so every action is checked the same way and audited once.
 */
@Service
public class JobControl {

    private static final Duration POLL = Duration.ofMillis(200);
    /** A launch does not queue behind another: whoever holds the lock is starting or running the job. */
    private static final Duration LAUNCH_LOCK_WAIT = Duration.ZERO;
    /** A restart (recovery, approval, operator) waits out a launch decision being made at the same moment. */
    private static final Duration RESTART_LOCK_WAIT = Duration.ofSeconds(3);
    private static final Duration CAPACITY_RETRY = Duration.ofSeconds(30);
    private static final Duration CONFLICT_RETRY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(JobControl.class);

    private final JobOperator operator;
    private final JobRepository repository;
    private final ExecutionQueries queries;
    private final AuditLog audit;
    private final Clock clock;
    private final LocalExecutions local;
    private final LaunchGate gate;
    private final LaunchCapacity capacity;
    private final Map<String, Job> jobs;
    private final RecoverySettings recovery;
    private final JobHistory history;

    JobControl(JobOperator operator, JobRepository repository, ExecutionQueries queries, AuditLog audit, Clock clock,
            LocalExecutions local, LaunchGate gate, LaunchCapacity capacity, List<Job> jobs,
            RecoverySettings recovery, JobHistory history) {
        this.history = history;
        this.recovery = recovery;
        this.operator = operator;
        this.repository = repository;
        this.queries = queries;
        this.audit = audit;
        this.clock = clock;
        this.local = local;
        this.gate = gate;
        this.capacity = capacity;
        this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, Function.identity(), (a, b) -> a, TreeMap::new));
    }

    public List<JobSummary> jobs() {
        return history.jobs();
    }

    public List<ExecutionSummary> executions(String jobName, int limit) {
        return history.executions(jobName, limit);
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
        return history.execution(id);
    }

    /**
     * Starts a job; returns once it has finished when launching is synchronous (CLI), else once it is under way. Under
     * the job's cluster-wide launch lock: refused (nothing written) while another execution of the job runs or waits
     * to be restarted, or when this node has no free job slot.
     */
    public ExecutionSummary launch(String jobName, Map<String, String> parameters, Actor actor) {
        Job job = requireJob(jobName);
        JobParameters params = JobParameterParser.parse(parameters, clock);
        String target = jobName + " " + describe(params);
        Long accepted = null;
        try (LaunchGate.Held lock = gate.hold(jobName, LAUNCH_LOCK_WAIT);
                LaunchCapacity.Slot slot = admit(jobName, null, Set.of())) {
            // Written before the start: a synchronous (CLI) start returns only when the run ends, or never if killed.
            accepted = audit.accepted(actor, "LAUNCH", target, describe(params));
            JobExecution execution = TransientConflicts.retry("launch of " + jobName,
                    () -> operator.start(job, params));
            audit.complete(accepted, jobName + "#" + execution.getId(), "OK", describe(params) + ended(execution));
            return summary(execution.getId());
        } catch (JobInstanceAlreadyCompleteException e) {
            throw refused(actor, "LAUNCH", target, accepted, null, new JobControlException(Reason.ALREADY_COMPLETE,
                    "job " + jobName + " already completed for " + describe(params)
                            + "; give another businessDate or parameters to run it again"));
        } catch (JobExecutionAlreadyRunningException | DuplicateKeyException e) {
            // The second can only come from a launch outside this gate (another PlantSync version, a script).
            throw refused(actor, "LAUNCH", target, accepted, null, new JobControlException(Reason.ALREADY_RUNNING,
                    "job " + jobName + " is already running for " + describe(params) + "; nothing was started"));
        } catch (Exception e) {
            throw refused(actor, "LAUNCH", target, accepted, "job " + jobName + " cannot start for "
                    + describe(params), e);
        }
    }

    /**
     * Restarts a FAILED or STOPPED execution: the same job instance continues from its last committed chunk. Through
     * the same lock and checks as a launch: refused while another run of the job is going or waits for recovery.
     */
    public ExecutionSummary restart(long executionId, Actor actor) {
        return restart(executionId, actor, Set.of());
    }

    /**
     * For an approval decision: restarts the execution now or, while another run of its job goes (or waits for
     * recovery) or this node is full, records the restart as owed ({@code RESTART DEFERRED} in the audit) and returns
     * empty; the recovery check of a server node restarts it once the job is free
     * ({@link ExecutionRecovery#resumeOwed()}). A decision is never lost because the job happened to be busy.
     */
    public Optional<ExecutionSummary> restartWhenFree(long executionId, Actor actor) {
        try {
            return Optional.of(restart(executionId, actor, Set.of(), true));
        } catch (JobControlException e) {
            if (waitsForTheJob(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** For recovery: as {@link #restart(long, Actor)}, not counting the orphaned runs it is taking over. */
    ExecutionSummary restart(long executionId, Actor actor, Set<Long> orphans) {
        return restart(executionId, actor, orphans, false);
    }

    /** {@code owed}: a refusal because the job or the node is busy is recorded as DEFERRED, to be done later. */
    private ExecutionSummary restart(long executionId, Actor actor, Set<Long> orphans, boolean owed) {
        JobExecution execution = requireExecution(executionId);
        String jobName = execution.getJobInstance().getJobName();
        String target = jobName + "#" + executionId;
        Long accepted = null;
        try (LaunchGate.Held lock = gate.hold(jobName, RESTART_LOCK_WAIT)) {
            execution = requireExecution(executionId); // as it is now that nobody else can start the job
            BatchStatus status = execution.getStatus();
            if (status != BatchStatus.FAILED && status != BatchStatus.STOPPED) {
                throw new JobControlException(Reason.NOT_RESTARTABLE, "execution " + executionId + " of job "
                        + jobName + " is " + status + "; only FAILED or STOPPED executions can be restarted"
                        + (status.isRunning() ? ifKilled(executionId) : ""));
            }
            if (local.isRunningHere(executionId)) {
                throw new JobControlException(Reason.ALREADY_RUNNING, "execution " + executionId + " is " + status
                        + " but still finishing its current chunk; restart it in a moment");
            }
            JobExecution latest = repository.getLastJobExecution(execution.getJobInstance());
            if (latest != null && latest.getId() != executionId) {
                throw new JobControlException(Reason.NOT_RESTARTABLE, "execution " + executionId
                        + " was already restarted as execution " + latest.getId() + "; restart that one if it failed");
            }
            try (LaunchCapacity.Slot slot = admit(jobName, execution.getJobInstance().getInstanceId(), orphans)) {
                accepted = audit.accepted(actor, "RESTART", target, null);
                JobExecution restarted = TransientConflicts.retry("restart of " + target,
                        () -> operator.restart(requireExecution(executionId)));
                audit.complete(accepted, target, "OK", "new execution " + restarted.getId() + ended(restarted));
                return summary(restarted.getId());
            }
        } catch (Exception e) {
            JobControlException answer = answer("RESTART", target, "execution " + executionId
                    + " cannot be restarted", e);
            if (owed && waitsForTheJob(answer)) {
                audit(actor, "RESTART", target, accepted, "DEFERRED", answer.getMessage()
                        + "; the recovery check restarts it once the job is free");
                throw answer;
            }
            audit(actor, "RESTART", target, accepted, "REFUSED", answer.getMessage());
            throw answer;
        }
    }

    /** Refused only for now: another run of the job goes or waits, or this node or the job repository is busy. */
    private static boolean waitsForTheJob(JobControlException e) {
        return e.reason() == Reason.ALREADY_RUNNING || e.reason() == Reason.BUSY;
    }

    /** Under the job's lock: refuses when another run of the job blocks it, or when this node has no free slot. */
    private LaunchCapacity.Slot admit(String jobName, Long restartedInstance, Set<Long> orphans) {
        gate.blocker(jobName, restartedInstance, orphans).ifPresent(b -> {
            throw new JobControlException(Reason.ALREADY_RUNNING, "job " + jobName + " is already running: "
                    + b.describe() + "; nothing was started" + (b.awaitingRestart() ? "" : ifKilled(b.executionId())));
        });
        return capacity.reserve().orElseThrow(() -> new JobControlException(Reason.BUSY, "all job slots of this"
                + " node are in use (plantsync.jobs.max-concurrent=" + capacity.max() + "); nothing was started, try"
                + " again when a run has finished", CAPACITY_RETRY));
    }

    /**
     * Audits a refusal once and turns it into what the operator is told: a {@link JobControlException} as it is, a
     * conflict that outlasted the retries as BUSY, anything else as one plain sentence (the details go to the log,
     * never SQL to the operator).
     */
    private JobControlException refused(Actor actor, String action, String target, Long accepted, String what,
            Exception e) {
        JobControlException answer = answer(action, target, what, e);
        audit(actor, action, target, accepted, "REFUSED", answer.getMessage());
        return answer;
    }

    /** What the operator is told about {@code e} (see {@link #refused}); the details of the unexpected go to the log. */
    private JobControlException answer(String action, String target, String what, Exception e) {
        JobControlException answer;
        if (e instanceof JobControlException jce) {
            answer = jce;
        } else if (e instanceof TransientConflicts.Exhausted) {
            log.warn("{} {}: the job repository kept refusing with serialization conflicts", action, target, e);
            answer = new JobControlException(Reason.BUSY, what + " now: other launches kept conflicting with it in"
                    + " the job repository; nothing was started, try again in a few seconds", CONFLICT_RETRY);
        } else if (e instanceof DataAccessException) {
            log.error("{} {} refused by the database", action, target, e);
            answer = new JobControlException(Reason.NOT_RESTARTABLE, what + ": the job repository refused it ("
                    + e.getClass().getSimpleName() + "; the server log has the details)");
        } else {
            log.error("{} {} failed", action, target, e);
            answer = new JobControlException(Reason.NOT_RESTARTABLE, what + ": " + e.getMessage());
        }
        return answer;
    }

    /** Audits how an action ended: the row written when it was accepted, or a new one. */
    private void audit(Actor actor, String action, String target, Long accepted, String outcome, String detail) {
        if (accepted == null) {
            audit.record(actor, action, target, outcome, detail);
        } else {
            audit.complete(accepted, target, outcome, detail);
        }
    }

    /** A synchronous (CLI) start returns when the run has ended: its audit row says how. */
    private static String ended(JobExecution execution) {
        return execution.isRunning() || execution.getStatus() == BatchStatus.STARTING ? ""
                : "; ended " + execution.getStatus();
    }

    /**
     * What to do about an execution marked running whose process may be gone: without a server node nothing else
     * would ever end it.
     */
    private String ifKilled(long executionId) {
        return "; if its process was killed: plantsync jobs recover " + executionId + " (once its node's heartbeat is"
                + " older than plantsync.recovery.dead-after=" + recovery.deadAfter().toSeconds() + "s)";
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
                    + " is still running; stop it first" + ifKilled(executionId));
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

    private ExecutionSummary summary(long executionId) {
        return queries.execution(executionId).orElseThrow(() -> unknownExecution(executionId));
    }

    private Job requireJob(String jobName) {
        history.requireJob(jobName);
        return jobs.get(jobName);
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
        return history.unknownExecution(id);
    }

    private static String describe(JobParameters params) {
        return params.parameters().stream().map(p -> p.name() + "=" + p.value()).collect(Collectors.joining(" "));
    }
}
