package dev.plantsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.plantsync.operations.ExecutionRecovery;
import dev.plantsync.operations.ExecutionSummary;
import dev.plantsync.operations.JobControl;
import dev.plantsync.operations.JobHistory;
import dev.plantsync.operations.cli.PlantSyncCommand;
import dev.plantsync.platform.Actor;
import dev.plantsync.platform.NodeHeartbeat;
import dev.plantsync.support.PlantSyncTest;
import dev.plantsync.support.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Commands that only look ({@code jobs list|executions|show}, {@code approvals list}, {@code trace}) start the
 * database and what reads it, nothing else: no job, Spring Batch, Quartz, recovery, heartbeat, Flyway or web server.
 * They answer as the whole application would, and refuse a database whose schema is older than the code.
 */
@PlantSyncTest
class ReadOnlyCommandsTest {

    @Autowired
    ApplicationContext application;

    @Autowired
    JobControl jobs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment env;

    @Test
    void lookingStartsOnlyTheDatabaseAndAnswersAsTheWholeApplication() {
        ExecutionSummary ran = jobs.launch("demo", Map.of("businessDate", "2026-11-02", "items", "20"), Actor.cli());
        PlantSyncApplication.LazyContext command = command(database());
        try {
            Result list = run(command, "jobs", "list");
            Result show = run(command, "jobs", "show", String.valueOf(ran.id()));
            Result executions = run(command, "jobs", "executions", "demo");
            Result unknownJob = run(command, "jobs", "executions", "no-such-job");
            Result approvals = run(command, "approvals", "list");
            Result trace = run(command, "trace", "invoice", "NEVER-SEEN");

            assertThat(list.exit).as(list.err).isZero();
            List<String> listed = list.out.lines().skip(1).map(l -> l.split("\\s+")[0]).toList();
            assertThat(listed).as("every job the application has, though none was built")
                    .containsExactlyElementsOf(application.getBeansOfType(Job.class).values().stream()
                            .map(Job::getName).sorted().toList());
            assertThat(list.out).contains("demo                         " + ran.id() + " COMPLETED COMPLETED");
            assertThat(show.exit).as(show.err).isZero();
            assertThat(show.out).startsWith("execution " + ran.id() + " of job demo").contains("stage-rows");
            assertThat(executions.out.lines()).hasSize(2);
            assertThat(unknownJob.exit).isEqualTo(2);
            assertThat(unknownJob.err.strip()).isEqualTo("error: unknown job 'no-such-job'; jobs: "
                    + String.join(", ", application.getBean(JobHistory.class).jobNames()));
            assertThat(approvals.exit).as(approvals.err).isZero();
            assertThat(trace.exit).isEqualTo(1);
            assertThat(trace.err).contains("no invoice NEVER-SEEN was received");

            // reading() hands out the whole application once that is started: none of it here means it never was
            ApplicationContext started = command.reading();
            for (Class<?> absent : List.of(Job.class, JobOperator.class, JobRepository.class, JobControl.class,
                    Scheduler.class, ExecutionRecovery.class, NodeHeartbeat.class, Flyway.class)) {
                assertThat(started.getBeanNamesForType(absent)).as(absent.getSimpleName()).isEmpty();
            }
            assertThat(started).isNotInstanceOf(WebServerApplicationContext.class);
        } finally {
            command.close();
        }
    }

    @Test
    void aDatabaseOlderThanTheCodeIsRefusedNamingWhatIsMissingANewerOneIsRead() {
        String last = jdbc.sql("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL "
                + "ORDER BY installed_rank DESC LIMIT 1").query(String.class).single();
        String database = jdbc.sql("SELECT current_database()").query(String.class).single();
        jdbc.sql("UPDATE flyway_schema_history SET success = false WHERE version = :v").param("v", last).update();
        Result older;
        try {
            older = runOnce(database(), "jobs", "list");
        } finally {
            jdbc.sql("UPDATE flyway_schema_history SET success = true WHERE version = :v").param("v", last).update();
        }
        jdbc.sql("""
                INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, installed_by,
                                                   execution_time, success)
                VALUES (100000, '100000', 'from a newer PlantSync', 'SQL', 'V100000__newer.sql', 'test', 0, true)""")
                .update();
        Result newer;
        try {
            newer = runOnce(database(), "jobs", "list");
        } finally {
            jdbc.sql("DELETE FROM flyway_schema_history WHERE installed_rank = 100000").update();
        }
        Result empty = runOnce(TestDatabases.create().properties(), "jobs", "show", "1");

        assertThat(older.exit).isEqualTo(1);
        assertThat(older.out).isEmpty();
        assertThat(older.err.strip()).isEqualTo("error: database " + database + " is older than this PlantSync: "
                + "migration " + last + " not applied; plantsync server or plantsync run applies them");
        assertThat(newer.exit).as(newer.err).isZero();
        assertThat(empty.exit).isEqualTo(1);
        assertThat(empty.err.strip()).matches("error: database plantsync_test_\\w+ has no PlantSync schema yet; "
                + "plantsync server or plantsync run creates it");
    }

    @Test
    void ediValidateStartsNothingEvenWithoutADatabase() {
        Result r = runOnce(new String[] {"plantsync.db.url=jdbc:postgresql://127.0.0.1:1/none", "plantsync.db.user=x"},
                "edi", "validate", Path.of("src", "test", "resources", "edi", "x12-810-004010-two-invoices.edi")
                        .toString());

        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.out.lines()).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{\"valid\":true,"));
    }

    private String[] database() {
        return new String[] {"plantsync.db.url=" + env.getProperty("plantsync.db.url"),
                "plantsync.db.user=" + env.getProperty("plantsync.db.user"), "plantsync.db.password="};
    }

    /** As {@code main} starts a command: nothing until the command asks for it. */
    private static PlantSyncApplication.LazyContext command(String[] properties) {
        String[] settings = new String[properties.length];
        for (int i = 0; i < properties.length; i++) {
            settings[i] = "--" + properties[i];
        }
        return new PlantSyncApplication.LazyContext(false, settings);
    }

    private static Result runOnce(String[] properties, String... args) {
        PlantSyncApplication.LazyContext command = command(properties);
        try {
            return run(command, args);
        } finally {
            command.close();
        }
    }

    private static Result run(PlantSyncApplication.LazyContext command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = PlantSyncCommand.commandLine(command).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private record Result(int exit, String out, String err) {
    }
}
