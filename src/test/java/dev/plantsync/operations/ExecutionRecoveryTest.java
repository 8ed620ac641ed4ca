package dev.plantsync.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.plantsync.approvals.Approvals;
import dev.plantsync.approvals.Decision;
import dev.plantsync.platform.Actor;
import dev.plantsync.platform.NodeIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Executions left running by a node that died are found by its silent heartbeat, marked failed and audited, then
 * restarted here or left for an operator by their job's policy; a live node's executions are never touched; a node
 * that shuts down stops its runs at a chunk boundary and a live node restarts them.
 */
@SpringBootTest(properties = {"plantsync.scheduler.enabled=false", "plantsync.jobs.async=true",
        "plantsync.recovery.check-interval=PT1H", "plantsync.recovery.dead-after=PT30S",
        "plantsync.recovery.jobs.demo=RESTART", "plantsync.recovery.jobs.cost-rollup=OPERATOR"})
@ActiveProfiles("test")
class ExecutionRecoveryTest {

    @Autowired
    ExecutionRecovery recovery;

    @Autowired
    GracefulShutdown shutdown;

    @Autowired
    JobControl jobs;

    @Autowired
    JobRepository repository;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    NodeIdentity node;

    @Autowired
    MeterRegistry meters;

    @Autowired
    LaunchGate gate;

    @Autowired
    Approvals approvals;

    @Test
    void aDeadNodesRunIsFailedAuditedAndRestartedFromItsLastChunkByPolicy() throws Exception {
        JobExecution crashed = leftRunning("demo", params("2026-10-01", "items", "3000"), "dead-node", "10 minutes");
        double restartedBefore = meters.counter("plantsync.recovery.executions", "job", "demo", "cause", "dead_node",
                "outcome", "restarted").count();

        assertThat(recovery.recoverOrphans()).isEqualTo(1);

        assertThat(jobs.execution(crashed.getId()).execution().status()).isEqualTo("FAILED");
        assertThat(audit("RECOVER", crashed.getId())).singleElement().satisfies(a -> assertThat(a)
                .startsWith("recovery@" + node.id() + " RECOVER demo#" + crashed.getId() + " FAILED its node dead-node"
                        + " last beat at"));
        ExecutionSummary restarted = jobs.executions("demo", 1).get(0);
        assertThat(restarted.id()).isNotEqualTo(crashed.getId());
        assertThat(jobs.awaitEnd(restarted.id(), Duration.ofSeconds(30)).status()).isEqualTo("COMPLETED");
        assertThat(audit("RESTART", crashed.getId())).singleElement().satisfies(a -> assertThat(a).contains("OK", "demo#"
                + crashed.getId()));
        assertThat(recovery.recoverOrphans()).as("nothing twice").isZero();
        assertThat(meters.counter("plantsync.recovery.executions", "job", "demo", "cause", "dead_node", "outcome",
                "restarted").count()).isEqualTo(restartedBefore + 1);
    }

    @Test
    void aJobWhosePolicyIsOperatorIsFailedAndLeftForAPerson() {
        JobExecution crashed = leftRunning("cost-rollup", params("2026-10-02"), "dead-node-2", "5 minutes");

        recovery.recoverOrphans();

        assertThat(jobs.execution(crashed.getId()).execution().status()).isEqualTo("FAILED");
        assertThat(jobs.executions("cost-rollup", 5)).hasSize(1);
        assertThat(meters.counter("plantsync.recovery.executions", "job", "cost-rollup", "cause", "dead_node",
                "outcome", "left_for_operator").count()).isEqualTo(1);
    }

    @Test
    void aLiveNodesRunIsNeverTakenOver() {
        JobExecution busy = leftRunning("demo", params("2026-10-03"), "live-node", "1 second");

        recovery.recoverOrphans();

        assertThat(repository.getJobExecution(busy.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);
        jdbc.sql("DELETE FROM execution_owner WHERE job_execution_id = :id").param("id", busy.getId()).update();
        busy.setStatus(BatchStatus.ABANDONED);
        repository.update(busy);
    }

    @Test
    void aNodeShuttingDownStopsAtAChunkBoundaryAndALiveNodeRestartsTheRun() throws Exception {
        ExecutionSummary started = jobs.launch("demo", Map.of("businessDate", "2026-10-04", "items", "6000",
                "pauseMillis", "400"), new Actor("test", "test"));
        awaitFirstCommit(started.id());

        shutdown.stop();

        ExecutionSummary stopped = jobs.awaitEnd(started.id(), Duration.ofSeconds(30));
        assertThat(stopped.status()).isEqualTo("STOPPED");
        assertThat(jdbc.sql("SELECT released_reason FROM execution_owner WHERE job_execution_id = :id")
                .param("id", started.id()).query(String.class).single()).isEqualTo("SHUTDOWN");
        long committed = jdbc.sql("SELECT sum(write_count) FROM batch_step_execution WHERE job_execution_id = :id")
                .param("id", started.id()).query(Long.class).single();

        // Until recovery restarts it, the stopped run blocks any new run of its job (a fire, an operator's launch).
        assertThatThrownBy(() -> jobs.launch("demo", Map.of("businessDate", "2026-10-05", "items", "10"),
                new Actor("schedule:demo-nightly", "scheduler")))
                .isInstanceOfSatisfying(JobControlException.class, e -> {
                    assertThat(e.reason()).isEqualTo(JobControlException.Reason.ALREADY_RUNNING);
                    assertThat(e.getMessage()).isEqualTo("job demo is already running: execution " + started.id()
                            + " was stopped by a node's shutdown and waits to be restarted by recovery;"
                            + " nothing was started");
                });
        assertThat(jdbc.sql("SELECT outcome FROM audit_event WHERE actor = 'schedule:demo-nightly'")
                .query(String.class).list()).containsExactly("REFUSED");

        assertThat(recovery.recoverOrphans()).isEqualTo(1);
        ExecutionSummary restarted = jobs.executions("demo", 1).get(0);
        assertThat(jobs.awaitEnd(restarted.id(), Duration.ofSeconds(30)).status()).isEqualTo("COMPLETED");
        assertThat(jdbc.sql("SELECT count(*) FROM batch_job_execution_params WHERE parameter_value = '2026-10-05'")
                .query(Integer.class).single()).as("the refused launch created nothing").isZero();
        assertThat(jdbc.sql("SELECT sum(read_count) FROM batch_step_execution WHERE job_execution_id = :id")
                .param("id", restarted.id()).query(Long.class).single())
                .as("the restart read only what the stopped run had not committed").isEqualTo(6000 - committed);
        assertThat(jdbc.sql("SELECT count(*) FROM demo_staging WHERE business_date = '2026-10-04'")
                .query(Integer.class).single()).isEqualTo(6000);
        shutdown.start();
    }

    @Test
    void aRecoveryRestartTakesTheJobsLaunchLockLikeEveryLaunch() throws Exception {
        JobExecution crashed = leftRunning("demo", params("2026-10-06", "items", "100"), "dead-node-3", "10 minutes");
        ExecutorService other = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        Future<?> launching = other.submit(() -> {
            try (LaunchGate.Held lock = gate.hold("demo", Duration.ZERO)) {
                held.countDown();
                release.await();
            }
            return null;
        });
        held.await();

        assertThat(recovery.recoverOrphans()).as("demo is being launched elsewhere").isZero();
        assertThat(repository.getJobExecution(crashed.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);

        release.countDown();
        launching.get();
        other.shutdown();
        assertThat(recovery.recoverOrphans()).isEqualTo(1);
        ExecutionSummary restarted = jobs.executions("demo", 1).get(0);
        assertThat(restarted.id()).isNotEqualTo(crashed.getId());
        assertThat(jobs.awaitEnd(restarted.id(), Duration.ofSeconds(30)).status()).isEqualTo("COMPLETED");
    }

    @Test
    void twoOrphanedRunsOfOneJobAreRestartedOneAfterTheOther() throws Exception {
        JobExecution first = leftRunning("demo", params("2026-10-07", "items", "2000", "pauseMillis", "300"),
                "dead-node-4", "10 minutes");
        JobExecution second = leftRunning("demo", params("2026-10-08", "items", "100"), "dead-node-4", "10 minutes");

        assertThat(recovery.recoverOrphans()).as("the first; the second waits for it").isEqualTo(1);
        assertThat(repository.getJobExecution(second.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);
        ExecutionSummary firstRestart = jobs.executions("demo", 1).get(0);
        assertThat(jobs.awaitEnd(firstRestart.id(), Duration.ofSeconds(30)).status()).isEqualTo("COMPLETED");

        assertThat(recovery.recoverOrphans()).isEqualTo(1);
        ExecutionSummary secondRestart = jobs.executions("demo", 1).get(0);
        assertThat(secondRestart.id()).isNotIn(first.getId(), second.getId(), firstRestart.id());
        assertThat(jobs.awaitEnd(secondRestart.id(), Duration.ofSeconds(30)).status()).isEqualTo("COMPLETED");
    }

    @Test
    void aRecoveredRunSaysWhyItsInterruptedStepEndsAndItsDeadNodesEndIsRecorded() {
        JobExecution crashed = leftRunning("valuation-reconciliation", params("2026-10-09"), "dead-node-5",
                "5 minutes");
        StepExecution step = repository.createStepExecution("roll-up", crashed);
        step.setStatus(BatchStatus.STARTED);
        step.setStartTime(LocalDateTime.now());
        repository.update(step);
        // Its end recorded before the check: the run's reason still says it went silent, not that it stopped.
        assertThat(recovery.endDeadNodes()).isPositive();
        assertThat(jdbc.sql("SELECT stopped_at = heartbeat_at FROM plantsync_node WHERE node_id = 'dead-node-5'")
                .query(Boolean.class).single()).isTrue();

        recovery.recoverOrphans();

        ExecutionDetail detail = jobs.execution(crashed.getId());
        assertThat(detail.execution().status()).isEqualTo("FAILED");
        assertThat(detail.execution().exitCode()).isEqualTo("FAILED");
        assertThat(detail.execution().exitDescription()).startsWith("recovered: its node dead-node-5 last beat at");
        assertThat(detail.steps()).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo("FAILED");
            assertThat(s.exitCode()).isEqualTo("FAILED");
            assertThat(s.ended()).isNotNull();
        });
        assertThat(audit("RECOVER", crashed.getId())).singleElement().satisfies(a -> assertThat(a)
                .contains("FAILED its node dead-node-5 last beat at"));
    }

    @Test
    void anOperatorRecoversOneKilledRunFromAnyNodeAndIsRefusedWhileItsNodeBeats() {
        JobExecution killed = leftRunning("posting-reconciliation", params("2026-10-10"), "dead-node-6", "5 minutes");
        JobExecution alive = leftRunning("posting-reconciliation", params("2026-10-11"), "live-node-6", "1 second");
        Actor operator = new Actor("otto", "cli");

        assertThatThrownBy(() -> recovery.recover(alive.getId(), operator))
                .isInstanceOfSatisfying(JobControlException.class, e -> {
                    assertThat(e.reason()).isEqualTo(JobControlException.Reason.ALREADY_RUNNING);
                    assertThat(e.getMessage()).contains("may still be running: its node live-node-6 last beat");
                });
        assertThat(recovery.recover(killed.getId(), operator)).startsWith("its node dead-node-6 last beat at");

        assertThat(repository.getJobExecution(killed.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(repository.getJobExecution(alive.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);
        assertThat(audit("RECOVER", killed.getId())).singleElement().satisfies(a -> assertThat(a)
                .startsWith("otto RECOVER posting-reconciliation#" + killed.getId() + " FAILED its node dead-node-6"));
        assertThat(audit("RECOVER", alive.getId())).singleElement().satisfies(a -> assertThat(a)
                .startsWith("otto RECOVER posting-reconciliation#" + alive.getId() + " REFUSED"));
        assertThatThrownBy(() -> recovery.recover(killed.getId(), operator))
                .isInstanceOfSatisfying(JobControlException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("execution " + killed.getId() + " is FAILED, not running; nothing to recover"));
        jdbc.sql("DELETE FROM execution_owner WHERE job_execution_id = :id").param("id", alive.getId()).update();
        alive.setStatus(BatchStatus.ABANDONED);
        repository.update(alive);
    }

    /**
     * The last decision on a run waiting for approval comes while another run of its job goes: the decision stands
     * and the restart is recorded as owed (RESTART DEFERRED), not refused; the recovery check leaves it while the job
     * is busy and restarts it, once, when the job is free.
     */
    @Test
    void anApprovalDecidedWhileItsJobRunsIsRestartedByTheRecoveryCheckOnceTheJobIsFree() throws Exception {
        JobParameters params = params("2026-10-12", "items", "50");
        JobInstance instance = repository.createJobInstance("demo", params);
        JobExecution awaiting = repository.createJobExecution(instance, params, new ExecutionContext());
        awaiting.setStatus(BatchStatus.STOPPED);
        awaiting.setExitStatus(new ExitStatus("AWAITING_APPROVAL"));
        awaiting.setStartTime(LocalDateTime.now());
        awaiting.setEndTime(LocalDateTime.now());
        repository.update(awaiting);
        approvals.request("demo", instance.getInstanceId(), awaiting.getId(), "rehearsal", "row-1", "demo row 1",
                "PRICE_VARIANCE", "rehearsed", BigDecimal.ONE, "EUR", BigDecimal.ZERO);
        Actor operator = new Actor("otto", "test");
        ExecutionSummary busy = jobs.launch("demo", Map.of("businessDate", "2026-10-13", "items", "20000",
                "pauseMillis", "500"), operator);
        long request = approvals.pending().stream().filter(r -> r.jobInstanceId() == instance.getInstanceId())
                .findFirst().orElseThrow().id();

        assertThat(approvals.decide(request, Decision.approve("rehearsal"), new Actor("anna", "test")).state())
                .isEqualTo("APPROVED");

        assertThat(audit("RESTART", awaiting.getId())).singleElement().satisfies(a -> assertThat(a)
                .startsWith("approval:anna RESTART demo#" + awaiting.getId() + " DEFERRED job demo is already"
                        + " running: execution " + busy.id())
                .endsWith("; the recovery check restarts it once the job is free"));
        assertThat(recovery.recoverOrphans()).as("demo still runs").isZero();
        assertThat(jobs.executionsOfInstance(instance.getInstanceId())).hasSize(1);

        jobs.stop(busy.id(), operator);
        assertThat(jobs.awaitEnd(busy.id(), Duration.ofSeconds(30)).status()).isEqualTo("STOPPED");
        assertThat(recovery.recoverOrphans()).isEqualTo(1);
        List<ExecutionSummary> runs = jobs.executionsOfInstance(instance.getInstanceId());
        assertThat(runs).hasSize(2);
        assertThat(jobs.awaitEnd(runs.get(1).id(), Duration.ofSeconds(30)).status()).isEqualTo("COMPLETED");
        assertThat(recovery.recoverOrphans()).as("nothing twice").isZero();
        assertThat(audit("RESTART", awaiting.getId())).extracting(a -> a.split(" ")[0] + " " + a.split(" ")[3])
                .containsExactly("approval:anna DEFERRED", "recovery@" + node.id() + " OK");
        jobs.abandon(busy.id(), operator);
    }

    /** An execution marked STARTED, claimed by {@code owner} whose last beat was {@code silentFor} ago. */
    private JobExecution leftRunning(String job, JobParameters params, String owner, String silentFor) {
        JobInstance instance = repository.createJobInstance(job, params);
        JobExecution execution = repository.createJobExecution(instance, params, new ExecutionContext());
        execution.setStatus(BatchStatus.STARTED);
        execution.setStartTime(LocalDateTime.now());
        repository.update(execution);
        jdbc.sql("""
                INSERT INTO plantsync_node (node_id, host, pid, server, heartbeat_at)
                VALUES (:node, 'elsewhere', 1, true, now() - CAST(:silent AS INTERVAL))
                ON CONFLICT (node_id) DO UPDATE SET heartbeat_at = now() - CAST(:silent AS INTERVAL)""")
                .param("node", owner).param("silent", silentFor).update();
        jdbc.sql("INSERT INTO execution_owner (job_execution_id, node_id) VALUES (:id, :node)")
                .param("id", execution.getId()).param("node", owner).update();
        return execution;
    }

    private static JobParameters params(String businessDate, String... more) {
        JobParametersBuilder builder = new JobParametersBuilder().addLocalDate("businessDate",
                LocalDate.parse(businessDate));
        for (int i = 0; i < more.length; i += 2) {
            builder.addString(more[i], more[i + 1]);
        }
        return builder.toJobParameters();
    }

    private List<String> audit(String action, long execution) {
        return jdbc.sql("SELECT actor || ' ' || action || ' ' || target || ' ' || outcome || ' ' || coalesce(detail, '')"
                + " FROM audit_event WHERE action = :action AND target LIKE :target ORDER BY id")
                .param("action", action).param("target", "%#" + execution).query(String.class).list();
    }

    private void awaitFirstCommit(long execution) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (jdbc.sql("SELECT coalesce(sum(commit_count), 0) FROM batch_step_execution WHERE job_execution_id = :id")
                .param("id", execution).query(Long.class).single() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
