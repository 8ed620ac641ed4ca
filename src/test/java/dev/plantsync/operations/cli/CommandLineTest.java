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
import org.springframework.context.ApplicationContext;

/** What an operator sees at the terminal: answers on stdout, one-line errors on stderr, exit codes that mean something. */
@PlantSyncTest
class CommandLineTest {

    @Autowired
    ApplicationContext context;

    @Test
    void unknownJobIsOneLineNamingTheJobsThatExist() {
        Result r = run("run", "no-such-job");

        assertThat(r.exit).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(r.err.strip()).isEqualTo("error: unknown job 'no-such-job'; jobs: cost-rollup, demo, inventory-reconciliation, master-data-sync, posting-reconciliation, supplier-invoice-posting, valuation-reconciliation");
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
                    + " is STARTED; nothing was started");
        } finally {
            running.setStatus(BatchStatus.ABANDONED);
            repository.update(running);
        }
        assertThat(ExitCodes.of(new JobControlException(JobControlException.Reason.BUSY, "busy")))
                .isEqualTo(ExitCodes.BUSY);
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
