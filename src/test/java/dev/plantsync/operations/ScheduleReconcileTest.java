package dev.plantsync.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import dev.plantsync.support.Nodes;
import dev.plantsync.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.context.ConfigurableApplicationContext;

/** Schedules live in files; what Quartz holds follows them at every start. */
class ScheduleReconcileTest {

    @TempDir
    Path dir;

    @Test
    void editedAndRemovedScheduleFilesChangeQuartzOnNextStart() throws Exception {
        TestDatabases.FreshDatabase db = TestDatabases.create();
        write("hourly.yml", "job: demo\ncron: \"0 0 * * * ?\"\ntimeZone: Europe/Berlin\nparameters:\n  items: \"5\"\n");
        write("nightly.yml", "job: demo\ncron: \"0 15 2 * * ?\"\ntimeZone: UTC\n");
        write("paused.yml", "job: demo\ncron: \"0 0 6 * * ?\"\ntimeZone: UTC\nenabled: false\n");

        try (ConfigurableApplicationContext node = Nodes.schedulerNode(db, dir)) {
            Scheduler quartz = node.getBean(Scheduler.class);
            assertThat(scheduleIds(quartz)).containsExactlyInAnyOrder("hourly", "nightly", "paused");
            assertThat(cron(quartz, "hourly").getCronExpression()).isEqualTo("0 0 * * * ?");
            assertThat(cron(quartz, "hourly").getTimeZone().getID()).isEqualTo("Europe/Berlin");
            assertThat(quartz.getJobDetail(JobKey.jobKey("hourly", ScheduleReconciler.GROUP)).getJobDataMap()
                    .getString("param.items")).isEqualTo("5");
            assertThat(state(quartz, "paused")).isEqualTo(Trigger.TriggerState.PAUSED);
            assertThat(state(quartz, "nightly")).isEqualTo(Trigger.TriggerState.NORMAL);
        }

        write("hourly.yml", "job: demo\ncron: \"0 30 * * * ?\"\ntimeZone: America/Chicago\n");
        Files.delete(dir.resolve("nightly.yml"));
        write("paused.yml", "job: demo\ncron: \"0 0 6 * * ?\"\ntimeZone: UTC\nenabled: true\n");

        try (ConfigurableApplicationContext node = Nodes.schedulerNode(db, dir)) {
            Scheduler quartz = node.getBean(Scheduler.class);
            assertThat(scheduleIds(quartz)).containsExactlyInAnyOrder("hourly", "paused");
            assertThat(cron(quartz, "hourly").getCronExpression()).isEqualTo("0 30 * * * ?");
            assertThat(cron(quartz, "hourly").getTimeZone().getID()).isEqualTo("America/Chicago");
            assertThat(quartz.getJobDetail(JobKey.jobKey("hourly", ScheduleReconciler.GROUP)).getJobDataMap()
                    .containsKey("param.items")).isFalse();
            assertThat(state(quartz, "paused")).isEqualTo(Trigger.TriggerState.NORMAL);
        }
    }

    @Test
    void invalidScheduleFilesStopStartupNamingFileAndField() throws Exception {
        TestDatabases.FreshDatabase db = TestDatabases.create();
        write("typo.yml", "job: deom\ncron: \"0 0 * * * ?\"\ntimeZone: Europe/Berlin\n");
        write("badcron.yml", "job: demo\ncron: \"every night\"\ntimeZone: Mars/Olympus\n");

        assertThatThrownBy(() -> Nodes.schedulerNode(db, dir).close())
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessageContaining("typo.yml: job 'deom' is not a PlantSync job (jobs: ")
                .hasMessageContaining("badcron.yml: cron 'every night' is not a Quartz cron expression")
                .hasMessageContaining("badcron.yml: timeZone 'Mars/Olympus' is not a known zone id");
    }

    private void write(String name, String yaml) throws Exception {
        Files.writeString(dir.resolve(name), yaml);
    }

    private static Set<String> scheduleIds(Scheduler quartz) throws Exception {
        return quartz.getJobKeys(GroupMatcher.jobGroupEquals(ScheduleReconciler.GROUP)).stream()
                .map(JobKey::getName).collect(java.util.stream.Collectors.toSet());
    }

    private static CronTrigger cron(Scheduler quartz, String id) throws Exception {
        return (CronTrigger) quartz.getTrigger(TriggerKey.triggerKey(id, ScheduleReconciler.GROUP));
    }

    private static Trigger.TriggerState state(Scheduler quartz, String id) throws Exception {
        return quartz.getTriggerState(TriggerKey.triggerKey(id, ScheduleReconciler.GROUP));
    }
}
