package dev.plantsync.operations;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import dev.plantsync.platform.Actor;
import dev.plantsync.platform.AuditLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.stereotype.Component;

/**
 * A schedule fire that could not launch its job (the job repository kept conflicting, the node was full, the database
 * was away) is never just dropped: it is audited ({@code FIRE FAILED}), counted in
 * {@code plantsync_schedule_fires_failed_total} (alert PlantSyncScheduleFireFailed) and tried again at the next
 * recovery check by a one-shot Quartz trigger, stored in the cluster's job store like every trigger, carrying the
 * original fire time (so the run gets the business date it was meant for). After {@link #MAX_RETRIES} the fire is
 * given up, counted with {@code outcome="gave_up"} (alert PlantSyncScheduleFireLost) for a person to launch it.
 */
@Component
class MissedFires {

    static final String RETRY_GROUP = "plantsync-fire-retries";
    /** On a retry trigger: the scheduled fire time (epoch millis) of the fire it repeats. */
    static final String FIRE_TIME = "retryOfFireTime";
    static final String ATTEMPT = "retryAttempt";
    static final int MAX_RETRIES = 20;

    private static final Logger log = LoggerFactory.getLogger(MissedFires.class);

    private final AuditLog audit;
    private final MeterRegistry meters;
    private final RecoverySettings settings;

    MissedFires(AuditLog audit, MeterRegistry meters, RecoverySettings settings, List<Job> jobs) {
        this.audit = audit;
        this.meters = meters;
        this.settings = settings;
        // Exported from the start (at zero): increase() misses the first count of a series that appears at 1.
        jobs.forEach(job -> {
            counter(job.getName(), "retry_scheduled");
            counter(job.getName(), "gave_up");
        });
    }

    /** The fire time a run is for: the original one when this is a retry. */
    static Instant fireTime(JobExecutionContext context) {
        String original = context.getMergedJobDataMap().getString(FIRE_TIME);
        return original != null ? Instant.ofEpochMilli(Long.parseLong(original))
                : context.getScheduledFireTime().toInstant();
    }

    /** Records the failed fire and, unless {@code retryable} is false or retries are used up, schedules a retry. */
    void failed(JobExecutionContext context, String schedule, String job, Instant fireTime, String why,
            boolean retryable) {
        JobDataMap data = context.getMergedJobDataMap();
        int attempt = data.containsKey(ATTEMPT) ? Integer.parseInt(data.getString(ATTEMPT)) + 1 : 1;
        Actor actor = new Actor("schedule:" + schedule, Actor.scheduler().channel());
        String target = job + " fire " + fireTime;
        if (retryable && attempt <= MAX_RETRIES) {
            Instant at = Instant.now().plus(settings.checkInterval());
            try {
                Trigger retry = TriggerBuilder.newTrigger()
                        .withIdentity(schedule + "@" + fireTime.toEpochMilli() + "#" + attempt, RETRY_GROUP)
                        .forJob(context.getJobDetail().getKey())
                        .usingJobData(FIRE_TIME, String.valueOf(fireTime.toEpochMilli()))
                        .usingJobData(ATTEMPT, String.valueOf(attempt))
                        .startAt(Date.from(at))
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                        .build();
                context.getScheduler().scheduleJob(retry);
                audit.record(actor, "FIRE", target, "FAILED", why + "; tried again at " + at + " (retry " + attempt
                        + " of " + MAX_RETRIES + ")");
                counter(job, "retry_scheduled").increment();
                log.warn("Schedule {} could not launch {} for its fire at {}: {}; tried again at {} (retry {} of {})",
                        schedule, job, fireTime, why, at, attempt, MAX_RETRIES);
                return;
            } catch (SchedulerException | RuntimeException e) {
                log.error("Schedule {}: the retry of its fire at {} could not be scheduled", schedule, fireTime, e);
                why = why + "; its retry could not be scheduled: " + e.getMessage();
            }
        }
        counter(job, "gave_up").increment();
        log.error("Schedule {} did not launch {} for its fire at {}: {}; given up, launch it by hand"
                + " (plantsync run {} businessDate=...)", schedule, job, fireTime, why, job);
        try {
            audit.record(actor, "FIRE", target, "FAILED", why + "; given up after " + (attempt - 1) + " retries");
        } catch (RuntimeException e) {
            log.error("the failed fire could not be audited", e);
        }
    }

    private Counter counter(String job, String outcome) {
        return Counter.builder("plantsync.schedule.fires.failed")
                .description("Schedule fires that could not launch their job, by what happens next")
                .tag("job", job).tag("outcome", outcome).register(meters);
    }
}
