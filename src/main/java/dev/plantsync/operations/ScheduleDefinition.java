package dev.plantsync.operations;

import java.util.Map;
import java.util.TreeMap;

/**
 * One schedule, read from {@code schedules/<id>.yml}: which job to launch, when (cron in a time zone), what to do
 * about missed fires, and the parameters to pass. The business date is the fire date in the schedule's zone plus
 * {@code businessDateOffsetDays} (e.g. -1 for a nightly run that closes yesterday). A schedule firing several times a
 * day sets {@code runPerFire}: each fire is then its own job instance (parameter {@code fireTime}), not one per day.
 */
public record ScheduleDefinition(String id, String job, String cron, String timeZone, boolean enabled,
        MisfirePolicy misfirePolicy, int businessDateOffsetDays, Map<String, String> parameters, String description,
        boolean runPerFire) {

    /** What Quartz does when a fire was missed (all nodes down, or the job still running). */
    public enum MisfirePolicy {
        /** Run once as soon as possible, then follow the schedule. */
        FIRE_ONCE_NOW,
        /** Skip what was missed; wait for the next scheduled time. */
        DO_NOTHING,
        /** Run every missed fire as soon as possible. */
        IGNORE_MISFIRES
    }

    public ScheduleDefinition {
        parameters = parameters == null ? Map.of() : new TreeMap<>(parameters);
        misfirePolicy = misfirePolicy == null ? MisfirePolicy.FIRE_ONCE_NOW : misfirePolicy;
    }

    /** Changes whenever anything that Quartz stores for this schedule changes. */
    String fingerprint() {
        return String.join("|", job, cron, timeZone, String.valueOf(enabled), misfirePolicy.name(),
                String.valueOf(businessDateOffsetDays), parameters.toString(), String.valueOf(description),
                String.valueOf(runPerFire));
    }
}
