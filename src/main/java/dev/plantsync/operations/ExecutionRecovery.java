package dev.plantsync.operations;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.plantsync.platform.Actor;
import dev.plantsync.platform.AuditLog;
import dev.plantsync.platform.NodeIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On server nodes: finds executions still marked running whose node stopped beating (killed, crashed, cut off), marks
 * them failed as Spring Batch's {@code JobOperator.recover} does, audits it, and by the job's policy restarts them here
 * from their last committed chunk or leaves them for an operator. Executions a node stopped for its shutdown are
 * restarted the same way. One node takes each execution (advisory lock), so nothing is restarted twice. Server nodes
 * run {@link #recoverOrphans()} every {@code plantsync.recovery.check-interval}.
 */
public class ExecutionRecovery {

    private static final Logger log = LoggerFactory.getLogger(ExecutionRecovery.class);

    /** An execution to recover: whose it was and why it is taken over. */
    record Orphan(long executionId, long instanceId, String job, String node, String why, boolean stoppedForShutdown) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JobRepository repository;
    private final JobOperator operator;
    private final JobControl jobs;
    private final AuditLog audit;
    private final NodeIdentity node;
    private final RecoverySettings settings;
    private final MeterRegistry meters;
    private final LaunchGate gate;
    private final LaunchCapacity capacity;

    ExecutionRecovery(JdbcClient jdbc, TransactionTemplate tx, JobRepository repository, JobOperator operator,
            JobControl jobs, AuditLog audit, NodeIdentity node, RecoverySettings settings, MeterRegistry meters,
            LaunchGate gate, LaunchCapacity capacity) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.repository = repository;
        this.operator = operator;
        this.jobs = jobs;
        this.audit = audit;
        this.node = node;
        this.settings = settings;
        this.meters = meters;
        this.gate = gate;
        this.capacity = capacity;
    }

    /** Executions of dead nodes, and executions stopped by a node's shutdown, oldest first. */
    List<Orphan> orphans() {
        return jdbc.sql("""
                SELECT e.job_execution_id, i.job_instance_id, i.job_name, o.node_id,
                       CASE WHEN o.released_reason = 'SHUTDOWN' THEN 'stopped by the shutdown of node ' || o.node_id
                            WHEN o.node_id IS NULL THEN 'no node claimed it and nothing moved since '
                                 || to_char(e.create_time, 'YYYY-MM-DD HH24:MI:SS')
                            WHEN n.node_id IS NULL THEN 'its node ' || o.node_id || ' is unknown'
                            WHEN n.stopped_at IS NOT NULL AND n.stopped_at <> n.heartbeat_at
                                 THEN 'its node ' || o.node_id || ' stopped at '
                                 || to_char(n.stopped_at, 'YYYY-MM-DD HH24:MI:SS TZ')
                            ELSE 'its node ' || o.node_id || ' last beat at '
                                 || to_char(n.heartbeat_at, 'YYYY-MM-DD HH24:MI:SS TZ') END,
                       o.released_reason = 'SHUTDOWN' AND e.status = 'STOPPED'
                  FROM batch_job_execution e
                  JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                  LEFT JOIN execution_owner o ON o.job_execution_id = e.job_execution_id
                  LEFT JOIN plantsync_node n ON n.node_id = o.node_id
                 WHERE (e.status IN ('STARTING', 'STARTED', 'STOPPING')
                        AND CASE WHEN o.node_id IS NULL
                                 THEN e.create_time < localtimestamp - CAST(:dead AS INTERVAL)
                                      AND NOT EXISTS (SELECT 1 FROM batch_step_execution s
                                                       WHERE s.job_execution_id = e.job_execution_id
                                                         AND s.last_updated >= localtimestamp - CAST(:dead AS INTERVAL))
                                 ELSE n.node_id IS NULL OR n.stopped_at IS NOT NULL
                                      OR n.heartbeat_at < now() - CAST(:dead AS INTERVAL) END)
                    OR (o.released_reason = 'SHUTDOWN' AND e.status = 'STOPPED')
                 ORDER BY e.job_execution_id""")
                .param("dead", settings.deadAfter().toMillis() + " milliseconds")
                .query((rs, n) -> new Orphan(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6)))
                .list();
    }

    /**
     * One pass: recovers every orphan this node can lock. Each is taken under its job's launch lock, held until its
     * restart exists, so no fire or launch slips in between marking it failed and restarting it. An orphan to be
     * restarted is left as it is for the next check (still blocking new runs of its job) while another run of its job
     * goes or this node has no free job slot. Then the restarts approval decisions left owed ({@link #resumeOwed()}).
     */
    public int recoverOrphans() {
        int recovered = 0;
        List<Orphan> orphans = orphans();
        // Orphans do not block each other's restart, or two of one job would wait for each other forever; the first
        // one restarted then blocks the next until it ends.
        Set<Long> orphanIds = orphans.stream().map(Orphan::executionId).collect(Collectors.toSet());
        for (Orphan orphan : orphans) {
            Optional<LaunchGate.Held> lock = gate.tryHold(orphan.job(), Duration.ZERO);
            if (lock.isEmpty()) {
                log.info("execution {} of {}: its job is being launched right now; left for the next check",
                        orphan.executionId(), orphan.job());
                continue;
            }
            try (LaunchGate.Held held = lock.get(); LaunchCapacity.Slot slot = slotToRestart(orphan, orphanIds)) {
                if (slot != null && Boolean.TRUE.equals(tx.execute(status -> take(orphan, actor())))) {
                    recovered++;
                    afterTaking(orphan, orphanIds);
                }
            }
        }
        recovered += resumeOwed();
        endDeadNodes();
        return recovered;
    }

    /**
     * Stopped executions whose restart is owed: an approval decision asked for it while the job was busy
     * ({@code RESTART DEFERRED}, see {@link JobControl#restartWhenFree}), and nothing restarted or abandoned them since.
     * {@code only}: just that execution, or null for all.
     */
    private List<Orphan> owedRestarts(Long only) {
        return jdbc.sql("""
                SELECT e.job_execution_id, i.job_instance_id, i.job_name
                  FROM batch_job_execution e
                  JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                 WHERE e.status = 'STOPPED'
                   AND e.job_execution_id = coalesce(CAST(:only AS BIGINT), e.job_execution_id)
                   AND NOT EXISTS (SELECT 1 FROM batch_job_execution later
                                    WHERE later.job_instance_id = e.job_instance_id
                                      AND later.job_execution_id > e.job_execution_id)
                   AND i.job_name || '#' || e.job_execution_id IN (
                       SELECT target FROM audit_event WHERE action = 'RESTART' AND outcome = 'DEFERRED')
                 ORDER BY e.job_execution_id""")
                .param("only", only)
                .query((rs, n) -> new Orphan(rs.getLong(1), rs.getLong(2), rs.getString(3), null,
                        "an approval decision asked for its restart while its job was busy", false))
                .list();
    }

    /**
     * Restarts every owed restart whose job is free now, under the job's launch lock and through the same check as
     * every launch; one still blocked (another run of its job goes) or without a free job slot waits for the next
     * check. Returns how many were restarted.
     */
    int resumeOwed() {
        int resumed = 0;
        for (Orphan owed : owedRestarts(null)) {
            Optional<LaunchGate.Held> lock = gate.tryHold(owed.job(), Duration.ZERO);
            if (lock.isEmpty()) {
                continue; // its job is being launched right now: the next check
            }
            try (LaunchGate.Held held = lock.get()) {
                if (owedRestarts(owed.executionId()).isEmpty()) {
                    continue; // restarted or abandoned since the query (another node, an operator)
                }
                Optional<LaunchGate.Blocker> blocker = gate.blocker(owed.job(), owed.instanceId());
                if (blocker.isPresent()) {
                    log.info("execution {} of {}: its approved restart waits until {} ends", owed.executionId(),
                            owed.job(), blocker.get().describe());
                    continue;
                }
                Optional<LaunchCapacity.Slot> slot = capacity.reserve();
                if (slot.isEmpty()) {
                    log.info("execution {} of {}: its approved restart waits for a free job slot on node {}",
                            owed.executionId(), owed.job(), node.id());
                    continue;
                }
                String outcome;
                try (LaunchCapacity.Slot reserved = slot.get()) {
                    ExecutionSummary restarted = jobs.restart(owed.executionId(), actor(), Set.of());
                    log.warn("execution {} of {} restarted as {} on node {}: {}", owed.executionId(), owed.job(),
                            restarted.id(), node.id(), owed.why());
                    resumed++;
                    outcome = "restarted";
                } catch (JobControlException e) {
                    log.error("execution {} of {}: its approved restart was refused: {}", owed.executionId(),
                            owed.job(), e.getMessage());
                    outcome = "restart_refused";
                }
                meters.counter("plantsync.recovery.executions", "job", owed.job(), "cause", "approval_deferred",
                        "outcome", outcome).increment();
            }
        }
        return resumed;
    }

    /**
     * An operator's recovery of one execution whose process was killed, from any node (the CLI too: without a server
     * node nothing else ever ends it): only when its owning node is dead by {@code dead-after}; marked FAILED with the
     * reason, audited. Not restarted: {@code jobs restart} does that when the operator wants it.
     */
    public String recover(long executionId, Actor actor) {
        ExecutionSummary execution = jobs.execution(executionId).execution(); // unknown: refused with the recent ones
        String target = execution.jobName() + "#" + executionId;
        Optional<Orphan> orphan = orphans().stream()
                .filter(o -> o.executionId() == executionId && !o.stoppedForShutdown()).findFirst();
        if (orphan.isEmpty()) {
            throw refused(actor, target, notRecoverable(execution));
        }
        Optional<LaunchGate.Held> lock = gate.tryHold(execution.jobName(), Duration.ofSeconds(3));
        if (lock.isEmpty()) {
            throw refused(actor, target, new JobControlException(JobControlException.Reason.BUSY, "job "
                    + execution.jobName() + " is being launched or recovered right now; try again in a moment"));
        }
        try (LaunchGate.Held held = lock.get()) {
            if (!Boolean.TRUE.equals(tx.execute(status -> take(orphan.get(), actor)))) {
                throw refused(actor, target, new JobControlException(JobControlException.Reason.NOT_RUNNING,
                        "execution " + executionId + " was recovered or ended meanwhile; nothing to recover"));
            }
        }
        meters.counter("plantsync.recovery.executions", "job", execution.jobName(), "cause", "dead_node", "outcome",
                "recovered_by_operator").increment();
        endDeadNodes();
        return orphan.get().why();
    }

    /** Why an execution is not taken over: it is not running, or its node is still alive (and may be running it). */
    private JobControlException notRecoverable(ExecutionSummary execution) {
        if (!execution.running()) {
            return new JobControlException(JobControlException.Reason.NOT_RUNNING, "execution " + execution.id()
                    + " is " + execution.status() + ", not running; nothing to recover");
        }
        String alive = jdbc.sql("""
                SELECT 'its node ' || n.node_id || ' last beat '
                       || CAST(floor(extract(epoch FROM now() - n.heartbeat_at)) AS BIGINT) || 's ago'
                  FROM execution_owner o JOIN plantsync_node n ON n.node_id = o.node_id
                 WHERE o.job_execution_id = :id""")
                .param("id", execution.id()).query(String.class).optional()
                .orElse("it was created or moved less than dead-after ago");
        return new JobControlException(JobControlException.Reason.ALREADY_RUNNING, "execution " + execution.id()
                + " is " + execution.status() + " and may still be running: " + alive
                + " (plantsync.recovery.dead-after=" + settings.deadAfter().toSeconds() + "s); stop it, or recover it"
                + " once its node is silent for longer");
    }

    private JobControlException refused(Actor actor, String target, JobControlException answer) {
        audit.record(actor, "RECOVER", target, "REFUSED", answer.getMessage());
        return answer;
    }

    /**
     * A node silent for longer than {@code dead-after} gets its end recorded (at its last beat), so the node list
     * stops showing killed processes as alive; should it beat again, its next beat clears it.
     */
    int endDeadNodes() {
        return jdbc.sql("""
                UPDATE plantsync_node SET stopped_at = heartbeat_at
                 WHERE stopped_at IS NULL AND heartbeat_at < now() - CAST(:dead AS INTERVAL)""")
                .param("dead", settings.deadAfter().toMillis() + " milliseconds").update();
    }

    /** A job slot for the restart (a no-op one when the policy leaves the run to a person), or null: not now. */
    private LaunchCapacity.Slot slotToRestart(Orphan orphan, Set<Long> orphanIds) {
        if (settings.policy(orphan.job()) != RecoverySettings.Policy.RESTART) {
            return () -> { };
        }
        Optional<LaunchGate.Blocker> blocker = gate.blocker(orphan.job(), orphan.instanceId(), orphanIds);
        if (blocker.isPresent()) {
            log.info("execution {} of {} waits for recovery until {} ends", orphan.executionId(), orphan.job(),
                    blocker.get().describe());
            return null;
        }
        Optional<LaunchCapacity.Slot> slot = capacity.reserve();
        if (slot.isEmpty()) {
            log.info("execution {} of {}: no free job slot on node {}; left for the next check", orphan.executionId(),
                    orphan.job(), node.id());
        }
        return slot.orElse(null);
    }

    /** Under a transaction-scoped advisory lock: only one node marks and releases a given execution. */
    private boolean take(Orphan orphan, Actor actor) {
        Boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(7421, CAST(:id AS INT))")
                .param("id", orphan.executionId()).query(Boolean.class).single();
        JobExecution execution = locked ? repository.getJobExecution(orphan.executionId()) : null;
        if (execution == null) {
            return false;
        }
        if (orphan.stoppedForShutdown()) {
            return execution.getStatus() == BatchStatus.STOPPED && jdbc.sql("""
                    DELETE FROM execution_owner WHERE job_execution_id = :id AND released_reason = 'SHUTDOWN'""")
                    .param("id", orphan.executionId()).update() == 1;
        }
        String owner = jdbc.sql("SELECT node_id FROM execution_owner WHERE job_execution_id = :id")
                .param("id", orphan.executionId()).query(String.class).optional().orElse(null);
        if (!execution.isRunning() || !Objects.equals(owner, orphan.node())) {
            return false; // finished meanwhile, or claimed since the query
        }
        jdbc.sql("DELETE FROM execution_owner WHERE job_execution_id = :id").param("id", orphan.executionId())
                .update();
        operator.recover(execution);
        endInterruptedSteps(orphan);
        audit.record(actor, "RECOVER", orphan.job() + "#" + orphan.executionId(), "FAILED", orphan.why());
        log.warn("execution {} of {} was left running ({}); marked FAILED", orphan.executionId(), orphan.job(),
                orphan.why());
        return true;
    }

    /**
     * JobOperator.recover marks the execution and its running step FAILED but leaves their exit codes (UNKNOWN,
     * EXECUTING) and no reason: {@code jobs show} then told nothing. The reason goes where a failure's reason goes.
     */
    private void endInterruptedSteps(Orphan orphan) {
        String reason = "recovered: " + orphan.why();
        jdbc.sql("""
                UPDATE batch_job_execution SET exit_code = 'FAILED', exit_message = :reason,
                       end_time = coalesce(end_time, localtimestamp)
                 WHERE job_execution_id = :id""")
                .param("id", orphan.executionId()).param("reason", reason).update();
        jdbc.sql("""
                UPDATE batch_step_execution SET exit_code = 'FAILED', exit_message = :reason,
                       status = CASE WHEN status IN ('STARTING', 'STARTED', 'STOPPING') THEN 'FAILED' ELSE status END,
                       end_time = coalesce(end_time, localtimestamp)
                 WHERE job_execution_id = :id AND (exit_code IN ('EXECUTING', 'UNKNOWN') OR end_time IS NULL)""")
                .param("id", orphan.executionId()).param("reason", reason).update();
    }

    private void afterTaking(Orphan orphan, Set<Long> orphanIds) {
        RecoverySettings.Policy policy = settings.policy(orphan.job());
        String outcome;
        if (policy == RecoverySettings.Policy.RESTART) {
            try {
                ExecutionSummary restarted = jobs.restart(orphan.executionId(), actor(), orphanIds);
                log.warn("execution {} of {} restarted as {} on node {} (policy RESTART)", orphan.executionId(),
                        orphan.job(), restarted.id(), node.id());
                outcome = "restarted";
            } catch (JobControlException e) {
                log.error("execution {} of {} could not be restarted: {}", orphan.executionId(), orphan.job(),
                        e.getMessage());
                outcome = "restart_refused";
            }
        } else {
            log.error("execution {} of {} waits for an operator (policy OPERATOR): plantsync jobs restart {}",
                    orphan.executionId(), orphan.job(), orphan.executionId());
            outcome = "left_for_operator";
        }
        meters.counter("plantsync.recovery.executions", "job", orphan.job(), "cause",
                orphan.stoppedForShutdown() ? "shutdown" : "dead_node", "outcome", outcome).increment();
    }

    private Actor actor() {
        return new Actor("recovery@" + node.id(), "recovery");
    }
}
