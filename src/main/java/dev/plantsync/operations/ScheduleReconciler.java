package dev.plantsync.operations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Collectors;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Quartz hold exactly the schedules in {@code schedules/}: new files are added, changed ones replaced, deleted
 * ones removed, disabled ones paused. Several nodes may do this at once; each step is idempotent.
 */
public class ScheduleReconciler {

    static final String GROUP = "plantsync-schedules";
    static final String FINGERPRINT = "fingerprint";

    private static final Logger log = LoggerFactory.getLogger(ScheduleReconciler.class);

    private final Scheduler scheduler;

    public ScheduleReconciler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** What a reconciliation changed, by schedule id. */
    public record Result(List<String> added, List<String> updated, List<String> removed, List<String> unchanged) {
    }

    public Result reconcile(Path dir, Set<String> knownJobs) throws SchedulerException {
        if (!Files.isDirectory(dir)) {
            // A missing directory is more likely a wrong working directory than a wish to delete every schedule.
            log.warn("Schedule directory {} does not exist; Quartz schedules left as they are", dir.toAbsolutePath());
            return new Result(List.of(), List.of(), List.of(), List.of());
        }
        List<ScheduleDefinition> wanted = ScheduleFiles.read(dir, knownJobs);
        Set<JobKey> existing = scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP));
        List<String> added = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (ScheduleDefinition def : wanted) {
            JobKey key = JobKey.jobKey(def.id(), GROUP);
            JobDetail current = scheduler.getJobDetail(key);
            if (current != null && def.fingerprint().equals(current.getJobDataMap().getString(FINGERPRINT))) {
                unchanged.add(def.id());
                continue;
            }
            scheduler.scheduleJob(jobDetail(def), Set.of(trigger(def)), true);
            if (!def.enabled()) {
                scheduler.pauseTrigger(TriggerKey.triggerKey(def.id(), GROUP));
            }
            (current == null ? added : updated).add(def.id());
        }
        Set<String> wantedIds = wanted.stream().map(ScheduleDefinition::id).collect(Collectors.toSet());
        List<String> removed = new ArrayList<>();
        for (JobKey key : existing) {
            if (!wantedIds.contains(key.getName())) {
                scheduler.deleteJob(key);
                removed.add(key.getName());
            }
        }
        Result result = new Result(added, updated, removed, unchanged);
        log.info("Schedules reconciled from {}: added {}, updated {}, removed {}, unchanged {}", dir, added, updated,
                removed, unchanged);
        return result;
    }

    private static JobDetail jobDetail(ScheduleDefinition def) {
        JobDataMap data = new JobDataMap();
        data.put(ScheduledJobLauncher.JOB, def.job());
        data.put(ScheduledJobLauncher.TIME_ZONE, def.timeZone());
        data.put(ScheduledJobLauncher.DATE_OFFSET, String.valueOf(def.businessDateOffsetDays()));
        data.put(ScheduledJobLauncher.PER_FIRE, String.valueOf(def.runPerFire()));
        def.parameters().forEach((k, v) -> data.put(ScheduledJobLauncher.PARAM_PREFIX + k, v));
        data.put(FINGERPRINT, def.fingerprint());
        return JobBuilder.newJob(ScheduledJobLauncher.class)
                .withIdentity(def.id(), GROUP)
                .withDescription(def.description())
                .usingJobData(data)
                .storeDurably()
                .build();
    }

    private static Trigger trigger(ScheduleDefinition def) {
        CronScheduleBuilder cron = CronScheduleBuilder.cronSchedule(def.cron())
                .inTimeZone(TimeZone.getTimeZone(def.timeZone()));
        cron = switch (def.misfirePolicy()) {
            case FIRE_ONCE_NOW -> cron.withMisfireHandlingInstructionFireAndProceed();
            case DO_NOTHING -> cron.withMisfireHandlingInstructionDoNothing();
            case IGNORE_MISFIRES -> cron.withMisfireHandlingInstructionIgnoreMisfires();
        };
        return TriggerBuilder.newTrigger().withIdentity(def.id(), GROUP).withSchedule(cron).build();
    }
}
