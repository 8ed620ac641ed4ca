package dev.plantsync.operations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.quartz.CronTrigger;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.stereotype.Component;

/** The schedules as Quartz holds them (what the cluster will fire), for the console: cron, zone, next fire, paused. */
@Component
public class JobSchedules {

    /** One schedule; {@code nextFire} is null when paused or never firing again. */
    public record View(String id, String job, String cron, String timeZone, Instant nextFire, boolean paused) {
    }

    private final Scheduler scheduler;

    JobSchedules(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public List<View> all() {
        try {
            List<View> views = new ArrayList<>();
            for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(ScheduleReconciler.GROUP))) {
                Trigger trigger = scheduler.getTrigger(key);
                JobDetail detail = trigger == null ? null : scheduler.getJobDetail(trigger.getJobKey());
                if (detail == null) {
                    continue;
                }
                boolean paused = scheduler.getTriggerState(key) == Trigger.TriggerState.PAUSED;
                String cron = trigger instanceof CronTrigger c ? c.getCronExpression() : null;
                String zone = trigger instanceof CronTrigger c ? c.getTimeZone().getID() : null;
                views.add(new View(key.getName(), detail.getJobDataMap().getString(ScheduledJobLauncher.JOB), cron,
                        zone, paused || trigger.getNextFireTime() == null ? null
                                : trigger.getNextFireTime().toInstant(), paused));
            }
            views.sort(Comparator.comparing(View::job).thenComparing(View::id));
            return views;
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot read the schedules from Quartz: " + e.getMessage(), e);
        }
    }
}
