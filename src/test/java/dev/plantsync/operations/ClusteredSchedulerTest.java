package dev.plantsync.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;

import dev.plantsync.support.Nodes;
import dev.plantsync.support.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two PlantSync servers share one database: a due trigger fires on exactly one of them. */
class ClusteredSchedulerTest {

    private static final int TRIGGERS = 20;

    @TempDir
    Path schedules;

    @Test
    void twoNodesFireEachDueTriggerOnce() throws Exception {
        TestDatabases.FreshDatabase db = TestDatabases.create();
        try (ConfigurableApplicationContext a = Nodes.schedulerNode(db, schedules);
                ConfigurableApplicationContext b = Nodes.schedulerNode(db, schedules)) {
            JdbcClient jdbc = a.getBean(JdbcClient.class);
            jdbc.sql("CREATE TABLE test_fire_log (trigger_name TEXT, instance_id TEXT)").update();
            Scheduler quartzA = a.getBean(Scheduler.class);
            Scheduler quartzB = b.getBean(Scheduler.class);
            assertThat(quartzA.getSchedulerInstanceId()).isNotEqualTo(quartzB.getSchedulerInstanceId());

            JobDetail job = JobBuilder.newJob(RecordFire.class).withIdentity("record", "test").storeDurably().build();
            quartzA.addJob(job, false);
            Date due = new Date(System.currentTimeMillis() + 1500);
            for (int i = 0; i < TRIGGERS; i++) {
                Trigger t = TriggerBuilder.newTrigger().withIdentity("t" + i, "test").forJob(job).startAt(due)
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                        .build();
                (i % 2 == 0 ? quartzA : quartzB).scheduleJob(t);
            }

            waitUntil(() -> count(jdbc) >= TRIGGERS, Duration.ofSeconds(30));
            Thread.sleep(3000); // a second fire would show up by now

            assertThat(count(jdbc)).isEqualTo(TRIGGERS);
            assertThat(jdbc.sql("SELECT count(DISTINCT trigger_name) FROM test_fire_log").query(Integer.class).single())
                    .isEqualTo(TRIGGERS);
            assertThat(jdbc.sql("SELECT count(*) FROM qrtz_scheduler_state").query(Integer.class).single())
                    .isEqualTo(2);
        }
    }

    @Test
    void scheduledLaunchRunsTheJobOnceWithTheBusinessDateOfItsZone() throws Exception {
        TestDatabases.FreshDatabase db = TestDatabases.create();
        String zone = "Pacific/Kiritimati"; // UTC+14: its date differs from UTC's for half of every day
        try (ConfigurableApplicationContext a = Nodes.schedulerNode(db, schedules);
                ConfigurableApplicationContext b = Nodes.schedulerNode(db, schedules)) {
            JdbcClient jdbc = a.getBean(JdbcClient.class);
            JobDetail launch = JobBuilder.newJob(ScheduledJobLauncher.class).withIdentity("demo-now", "test")
                    .usingJobData(ScheduledJobLauncher.JOB, "demo")
                    .usingJobData(ScheduledJobLauncher.TIME_ZONE, zone)
                    .usingJobData(ScheduledJobLauncher.DATE_OFFSET, "-1")
                    .usingJobData(ScheduledJobLauncher.PARAM_PREFIX + "items", "300")
                    .build();
            Date due = new Date(System.currentTimeMillis() + 1000);
            a.getBean(Scheduler.class).scheduleJob(launch,
                    TriggerBuilder.newTrigger().withIdentity("demo-now", "test").startAt(due).build());
            LocalDate expected = LocalDate.ofInstant(due.toInstant(), ZoneId.of(zone)).minusDays(1);

            waitUntil(() -> "COMPLETED".equals(jdbc.sql("SELECT max(status) FROM batch_job_execution")
                    .query(String.class).optional().orElse(null)), Duration.ofSeconds(30));
            Thread.sleep(2000);

            assertThat(jdbc.sql("SELECT count(*) FROM batch_job_execution").query(Integer.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT parameter_value FROM batch_job_execution_params WHERE parameter_name = "
                    + "'businessDate'").query(String.class).single()).isEqualTo(expected.toString());
            assertThat(jdbc.sql("SELECT count(*) FROM demo_staging WHERE business_date = ?").param(expected)
                    .query(Integer.class).single()).isEqualTo(300);
            assertThat(jdbc.sql("SELECT actor FROM audit_event WHERE action = 'LAUNCH'").query(String.class).single())
                    .isEqualTo("schedule:demo-now");
        }
    }

    @Test
    void schedulesRunningSeveralTimesADayMakeOneRunPerFire() throws Exception {
        TestDatabases.FreshDatabase db = TestDatabases.create();
        try (ConfigurableApplicationContext node = Nodes.schedulerNode(db, schedules)) {
            JdbcClient jdbc = node.getBean(JdbcClient.class);
            Scheduler quartz = node.getBean(Scheduler.class);
            JobDetail launch = JobBuilder.newJob(ScheduledJobLauncher.class).withIdentity("every-15", "test")
                    .usingJobData(ScheduledJobLauncher.JOB, "demo")
                    .usingJobData(ScheduledJobLauncher.TIME_ZONE, "UTC")
                    .usingJobData(ScheduledJobLauncher.DATE_OFFSET, "0")
                    .usingJobData(ScheduledJobLauncher.PER_FIRE, "true")
                    .usingJobData(ScheduledJobLauncher.PARAM_PREFIX + "items", "50")
                    .storeDurably().build();
            quartz.addJob(launch, false);
            long now = System.currentTimeMillis();
            for (int i = 0; i < 2; i++) {
                quartz.scheduleJob(TriggerBuilder.newTrigger().withIdentity("fire-" + i, "test").forJob(launch)
                        .startAt(new Date(now + 1000 + 1500L * i)).build());
            }

            waitUntil(() -> jdbc.sql("SELECT count(*) FROM batch_job_execution WHERE status = 'COMPLETED'")
                    .query(Integer.class).single() >= 2, Duration.ofSeconds(30));

            assertThat(jdbc.sql("SELECT count(DISTINCT job_instance_id) FROM batch_job_execution").query(Integer.class)
                    .single()).isEqualTo(2);
            assertThat(jdbc.sql("SELECT count(*) FROM batch_job_execution_params WHERE parameter_name = 'fireTime'")
                    .query(Integer.class).single()).isEqualTo(2);
        }
    }

    /**
     * PostgreSQL refuses the job repository's insert with a serialization failure (40001), as it did when an API launch
     * and a fire met in the same second: 5 quick attempts fail, the fire is audited and counted, and its retry at the
     * next recovery check launches the run, for the business date and fire time of the original fire.
     */
    @Test
    void aFireRefusedBySerializationFailuresIsRetriedAndTheRunHappens() throws Exception {
        TestDatabases.FreshDatabase db = TestDatabases.create();
        try (ConfigurableApplicationContext node = Nodes.schedulerNode(db, schedules,
                "plantsync.recovery.check-interval=PT1S")) {
            JdbcClient jdbc = node.getBean(JdbcClient.class);
            // The first 7 inserts into BATCH_JOB_INSTANCE fail as a concurrent SERIALIZABLE transaction would make them
            // (a sequence, because the failing transaction rolls back whatever else it wrote).
            jdbc.sql("CREATE SEQUENCE test_conflicts").update();
            jdbc.sql("""
                    CREATE FUNCTION test_conflict() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      IF nextval('test_conflicts') <= 7 THEN
                        RAISE EXCEPTION 'could not serialize access due to read/write dependencies among transactions'
                          USING ERRCODE = '40001';
                      END IF;
                      RETURN NEW;
                    END $$""").update();
            jdbc.sql("CREATE TRIGGER test_conflict BEFORE INSERT ON batch_job_instance FOR EACH ROW"
                    + " EXECUTE FUNCTION test_conflict()").update();
            Scheduler quartz = node.getBean(Scheduler.class);
            JobDetail launch = JobBuilder.newJob(ScheduledJobLauncher.class).withIdentity("posting", "test")
                    .usingJobData(ScheduledJobLauncher.JOB, "demo")
                    .usingJobData(ScheduledJobLauncher.TIME_ZONE, "UTC")
                    .usingJobData(ScheduledJobLauncher.DATE_OFFSET, "0")
                    .usingJobData(ScheduledJobLauncher.PER_FIRE, "true")
                    .usingJobData(ScheduledJobLauncher.PARAM_PREFIX + "items", "30")
                    .storeDurably().build();
            quartz.addJob(launch, false);
            Date due = new Date((System.currentTimeMillis() / 1000 + 2) * 1000);
            quartz.scheduleJob(TriggerBuilder.newTrigger().withIdentity("posting", "test").forJob(launch)
                    .startAt(due).withSchedule(SimpleScheduleBuilder.simpleSchedule()
                            .withMisfireHandlingInstructionNextWithRemainingCount()).build());

            waitUntil(() -> "COMPLETED".equals(jdbc.sql("SELECT max(status) FROM batch_job_execution")
                    .query(String.class).optional().orElse(null)), Duration.ofSeconds(60));

            assertThat(jdbc.sql("SELECT count(*) FROM batch_job_execution").query(Integer.class).single())
                    .as("the run happened, once").isEqualTo(1);
            assertThat(jdbc.sql("SELECT parameter_value FROM batch_job_execution_params WHERE parameter_name ="
                    + " 'fireTime'").query(String.class).single()).isEqualTo(due.toInstant().toString());
            assertThat(jdbc.sql("SELECT action || ' ' || outcome FROM audit_event WHERE actor = 'schedule:posting'"
                    + " ORDER BY id").query(String.class).list())
                    .containsExactly("LAUNCH REFUSED", "FIRE FAILED", "LAUNCH OK");
            assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE action = 'FIRE'").query(String.class).single())
                    .contains("other launches kept conflicting", "tried again at", "retry 1 of 20")
                    .doesNotContainIgnoringCase("insert");
            assertThat(node.getBean(MeterRegistry.class).counter("plantsync.schedule.fires.failed", "job", "demo",
                    "outcome", "retry_scheduled").count()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT nextval('test_conflicts')").query(Long.class).single())
                    .as("5 attempts on the fire, 3 on its retry").isEqualTo(9);
        }
    }

    private static int count(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM test_fire_log").query(Integer.class).single();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }
}
