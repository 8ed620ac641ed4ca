package dev.plantsync.operations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.LocalDateTime;

import dev.plantsync.operations.JobControlException;
import dev.plantsync.support.PlantSyncTest;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What an operator sees at the terminal: answers on stdout, one-line errors on stderr, exit codes that mean something. */
@PlantSyncTest
class CommandLineTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Test
    void unknownJobIsOneLineNamingTheJobsThatExist() {
        Result r = run("run", "no-such-job");

        assertThat(r.exit).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(r.err.strip()).isEqualTo("error: unknown job 'no-such-job'; jobs: cost-rollup, demo, inventory-reconciliation, master-data-sync, posting-reconciliation, production-completion-import, production-order-release, supplier-invoice-posting, valuation-reconciliation");
    }

    @Test
    void unknownExecutionIsOneLineForShowAndRestart() {
        Result show = run("jobs", "show", "987654");
        Result restart = run("jobs", "restart", "987654");

        assertThat(show.exit).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(show.err).startsWith("error: unknown execution 987654; recent executions: ");
        assertThat(show.err.lines()).hasSize(1);
        assertThat(restart.exit).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(restart.err.lines()).hasSize(1);
    }

    @Test
    void restartOfCompletedExecutionIsRefused() {
        Result ran = run("run", "demo", "-p", "items=50", "-p", "businessDate=2026-01-05");
        long id = executionIdIn(ran.out);

        Result restart = run("jobs", "restart", String.valueOf(id));

        assertThat(ran.exit).isEqualTo(ExitCodes.COMPLETED);
        assertThat(restart.exit).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(restart.err.strip()).isEqualTo("error: execution " + id
                + " of job demo is COMPLETED; only FAILED or STOPPED executions can be restarted");
    }

    @Test
    void aJobAlreadyRunningIsRefusedWithItsOwnExitCodeAndNothingStarts() {
        JobRepository repository = context.getBean(JobRepository.class);
        JobParameters params = new JobParametersBuilder().addLocalDate("businessDate", LocalDate.parse("2026-01-07"))
                .toJobParameters();
        JobExecution running = repository.createJobExecution(repository.createJobInstance("demo", params), params,
                new ExecutionContext());
        running.setStatus(BatchStatus.STARTED);
        running.setStartTime(LocalDateTime.now());
        repository.update(running);
        try {
            Result r = run("run", "demo", "-p", "items=10", "-p", "businessDate=2026-01-08");

            assertThat(r.exit).isEqualTo(ExitCodes.ALREADY_RUNNING);
            assertThat(r.err.strip()).isEqualTo("error: job demo is already running: execution " + running.getId()
                    + " is STARTED; nothing was started; if its process was killed: plantsync jobs recover "
                    + running.getId() + " (once its node's heartbeat is older than plantsync.recovery.dead-after=60s)");
        } finally {
            running.setStatus(BatchStatus.ABANDONED);
            repository.update(running);
        }
        assertThat(ExitCodes.of(new JobControlException(JobControlException.Reason.BUSY, "busy")))
                .isEqualTo(ExitCodes.BUSY);
    }

    @Test
    void aRunKilledWithItsProcessIsRecoveredFromTheCommandLineOnceItsNodeIsSilent() {
        JobExecution killed = leftRunning("2026-01-20", "killed-cli-node", "10 minutes");
        String id = String.valueOf(killed.getId());

        Result restart = run("jobs", "restart", id);
        Result launch = run("run", "demo", "-p", "items=10", "-p", "businessDate=2026-01-21");
        Result abandon = run("jobs", "abandon", id);

        assertThat(restart.exit).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(launch.exit).isEqualTo(ExitCodes.ALREADY_RUNNING);
        assertThat(abandon.exit).isEqualTo(ExitCodes.ALREADY_RUNNING);
        for (Result refusal : java.util.List.of(restart, launch, abandon)) {
            assertThat(refusal.err).as("each refusal says the way out").contains("plantsync jobs recover " + id);
        }

        Result recover = run("jobs", "recover", id);

        assertThat(recover.exit).as(recover.err).isEqualTo(ExitCodes.COMPLETED);
        assertThat(recover.out).startsWith("execution " + id + " marked FAILED (its node killed-cli-node last beat at");
        Result show = run("jobs", "show", id);
        assertThat(show.out).contains("execution " + id + " of job demo", ": FAILED, exit FAILED",
                "reason: recovered: its node killed-cli-node last beat at");
        assertThat(show.out.lines().filter(l -> l.contains("stage-rows"))).singleElement().satisfies(step -> {
            assertThat(step).contains("FAILED").doesNotContain("STARTED").doesNotContain("EXECUTING");
            assertThat(step.strip()).as("the step's duration ends the line").matches(".*\\d+\\.\\d{3}s$");
        });
        assertThat(jdbc.sql("SELECT actor || ' ' || outcome FROM audit_event WHERE action = 'RECOVER' AND target = :t")
                .param("t", "demo#" + id).query(String.class).list()).containsExactly(
                        dev.plantsync.platform.Actor.cli().name() + " FAILED");
        assertThat(jdbc.sql("SELECT stopped_at IS NOT NULL FROM plantsync_node WHERE node_id = 'killed-cli-node'")
                .query(Boolean.class).single()).as("the dead node's end is recorded").isTrue();
        assertThat(run("jobs", "restart", id).exit).as("now restartable").isEqualTo(ExitCodes.COMPLETED);
    }

    @Test
    void aRunRecoveredBeforeItsReasonWasKeptShowsTheReasonItsRecoveryWasAuditedWith() {
        JobExecution recovered = leftRunning("2026-01-24", "old-dead-node", "10 minutes");
        recovered.setStatus(BatchStatus.FAILED);
        recovered.setEndTime(LocalDateTime.now());
        context.getBean(JobRepository.class).update(recovered);
        jdbc.sql("""
                INSERT INTO audit_event (actor, channel, action, target, outcome, detail)
                VALUES ('recovery@n1', 'recovery', 'RECOVER', :target, 'FAILED',
                        'its node old-dead-node last beat at X')""")
                .param("target", "demo#" + recovered.getId()).update();

        Result show = run("jobs", "show", String.valueOf(recovered.getId()));

        assertThat(show.out).contains("reason: recovered: its node old-dead-node last beat at X");
    }

    @Test
    void recoverIsRefusedWhileTheRunsNodeStillBeats() {
        JobExecution busy = leftRunning("2026-01-22", "live-cli-node", "2 seconds");
        try {
            Result recover = run("jobs", "recover", String.valueOf(busy.getId()));

            assertThat(recover.exit).isEqualTo(ExitCodes.ALREADY_RUNNING);
            assertThat(recover.err).contains("execution " + busy.getId() + " is STARTED and may still be running:"
                    + " its node live-cli-node last beat", "plantsync.recovery.dead-after=60s");
            assertThat(context.getBean(JobRepository.class).getJobExecution(busy.getId()).getStatus())
                    .isEqualTo(BatchStatus.STARTED);
            assertThat(jdbc.sql("SELECT outcome FROM audit_event WHERE action = 'RECOVER' AND target = :t")
                    .param("t", "demo#" + busy.getId()).query(String.class).list()).containsExactly("REFUSED");
        } finally {
            jdbc.sql("DELETE FROM execution_owner WHERE job_execution_id = :id").param("id", busy.getId()).update();
            busy.setStatus(BatchStatus.ABANDONED);
            context.getBean(JobRepository.class).update(busy);
        }
    }

    @Test
    void aRunThatMetBadInputEndsWithItsOwnExitCodeAndListsItAndItsLaunchIsAuditedWhenAccepted() throws Exception {
        java.util.concurrent.ExecutorService cli = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.Future<Result> running = cli.submit(() -> run("run", "demo", "-p", "items=4000",
                "-p", "pauseMillis=300", "-p", "businessDate=2026-01-23"));
        long execution = awaitRunning("2026-01-23");
        // While the command still runs its job (a kill now would leave nothing else), its launch is on record.
        assertThat(jdbc.sql("SELECT outcome FROM audit_event WHERE action = 'LAUNCH' AND detail LIKE '%2026-01-23%'")
                .query(String.class).list()).containsExactly("ACCEPTED");
        // The run meets 25 bad lines of a file (as a job's reader records them).
        for (int line = 2; line <= 26; line++) {
            jdbc.sql("""
                    INSERT INTO exception_record (job_name, job_execution_id, step_name, location, business_key,
                        reason_code, message)
                    VALUES ('demo', :id, 'stage-rows', :location, :key, :reason, 'bad line')""")
                    .param("id", execution).param("location", "rows.csv:" + line).param("key", "ROW-" + line)
                    .param("reason", line <= 4 ? "MISSING_REFERENCE" : "INVALID_LINE").update();
        }

        Result r = running.get(60, java.util.concurrent.TimeUnit.SECONDS);
        cli.shutdown();

        assertThat(r.exit).as(r.out + r.err).isEqualTo(ExitCodes.COMPLETED_WITH_EXCEPTIONS);
        assertThat(r.out).contains(": COMPLETED, exit COMPLETED",
                "exceptions: 25 exceptions (INVALID_LINE 22, MISSING_REFERENCE 3)", "... and 5 more (25 in all)");
        assertThat(r.out.lines().filter(l -> l.contains("rows.csv:"))).hasSize(20).first().asString()
                .contains("rows.csv:2", "ROW-2", "MISSING_REFERENCE");
        assertThat(run("jobs", "show", String.valueOf(execution)).out).contains("rows.csv:21", "INVALID_LINE");
        assertThat(jdbc.sql("SELECT target || ' ' || outcome FROM audit_event WHERE action = 'LAUNCH'"
                + " AND detail LIKE '%2026-01-23%'").query(String.class).list())
                .containsExactly("demo#" + execution + " OK");
    }

    @Test
    void runningTheSameCompletedInstanceAgainIsRefused() {
        run("run", "demo", "-p", "items=10", "-p", "businessDate=2026-01-06");

        Result again = run("run", "demo", "-p", "items=10", "-p", "businessDate=2026-01-06");

        assertThat(again.exit).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(again.err).contains("already completed for businessDate=2026-01-06");
    }

    @Test
    void failedJobExitsWithThreeAndSaysWhy() {
        Result r = run("run", "demo", "-p", "items=30", "-p", "failAt=20", "-p", "businessDate=2026-01-07");

        assertThat(r.exit).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out).contains("FAILED", "reason: SimulatedCrash: simulated crash at item 20");
    }

    @Test
    void badParametersAreUsageErrors() {
        assertThat(run("run", "demo", "-p", "businessDate=23.11.2026").exit).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(run("run", "demo", "-p", "items").exit).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(run("jobs", "restart").exit).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(run("jobs", "frobnicate").exit).isEqualTo(ExitCodes.BAD_USAGE);
    }

    @Test
    void listShowsEveryJob() {
        Result r = run("jobs", "list");

        assertThat(r.exit).isZero();
        assertThat(r.out).contains("demo");
    }

    @Test
    void helpNeedsNoApplication() {
        StringWriter out = new StringWriter();
        int exit = PlantSyncCommand.commandLine(() -> {
            throw new AssertionError("help must not start the application");
        }).setOut(new PrintWriter(out)).execute("jobs", "restart", "--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Usage: plantsync jobs restart");
    }

    /** A demo run marked STARTED, owned by {@code node} whose last beat was {@code silentFor} ago: a killed process. */
    private JobExecution leftRunning(String businessDate, String node, String silentFor) {
        JobRepository repository = context.getBean(JobRepository.class);
        JobParameters params = new JobParametersBuilder().addLocalDate("businessDate", LocalDate.parse(businessDate))
                .addString("items", "50").toJobParameters();
        JobExecution execution = repository.createJobExecution(repository.createJobInstance("demo", params), params,
                new ExecutionContext());
        execution.setStatus(BatchStatus.STARTED);
        execution.setStartTime(LocalDateTime.now());
        repository.update(execution);
        StepExecution step = repository.createStepExecution("stage-rows", execution);
        step.setStatus(BatchStatus.STARTED);
        step.setStartTime(LocalDateTime.now());
        repository.update(step);
        jdbc.sql("""
                INSERT INTO plantsync_node (node_id, host, pid, server, heartbeat_at)
                VALUES (:node, 'elsewhere', 1, false, now() - CAST(:silent AS INTERVAL))""")
                .param("node", node).param("silent", silentFor).update();
        jdbc.sql("INSERT INTO execution_owner (job_execution_id, node_id) VALUES (:id, :node)")
                .param("id", execution.getId()).param("node", node).update();
        return execution;
    }

    private long awaitRunning(String businessDate) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var id = jdbc.sql("""
                    SELECT e.job_execution_id FROM batch_job_execution e
                      JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
                     WHERE p.parameter_value = :date AND e.status = 'STARTED'""")
                    .param("date", businessDate).query(Long.class).optional();
            if (id.isPresent()) {
                return id.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no run of " + businessDate + " started");
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = PlantSyncCommand.commandLine(() -> context)
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static long executionIdIn(String out) {
        var m = java.util.regex.Pattern.compile("execution (\\d+) of job").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Long.parseLong(m.group(1));
    }

    private record Result(int exit, String out, String err) {
    }
}
