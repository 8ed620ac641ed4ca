package dev.plantsync.operations;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import dev.plantsync.platform.Actor;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The only Quartz job: it launches the Spring Batch job its schedule names, with the business date of the fire time
 * in the schedule's zone. No business logic lives here. A fire that cannot launch is handed to {@link MissedFires}.
 */
@DisallowConcurrentExecution
public class ScheduledJobLauncher extends QuartzJobBean {

    static final String JOB = "job";
    static final String TIME_ZONE = "timeZone";
    static final String DATE_OFFSET = "businessDateOffsetDays";
    static final String PARAM_PREFIX = "param.";
    static final String PER_FIRE = "runPerFire";

    private static final Logger log = LoggerFactory.getLogger(ScheduledJobLauncher.class);

    @Autowired
    private JobControl jobs;

    @Autowired
    private MissedFires missed;

    @Override
    protected void executeInternal(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        String job = data.getString(JOB);
        ZoneId zone = ZoneId.of(data.getString(TIME_ZONE));
        Instant fireTime = MissedFires.fireTime(context); // a retry runs for the fire it repeats
        LocalDate businessDate = LocalDate.ofInstant(fireTime, zone)
                .plusDays(Long.parseLong(data.getString(DATE_OFFSET)));
        Map<String, String> params = new HashMap<>();
        data.forEach((k, v) -> {
            if (k.startsWith(PARAM_PREFIX)) {
                params.put(k.substring(PARAM_PREFIX.length()), String.valueOf(v));
            }
        });
        params.put(JobParameterParser.BUSINESS_DATE, businessDate.toString());
        if ("true".equals(data.getString(PER_FIRE))) {
            // Several runs a day: the scheduled fire time (the same on every node) names the instance.
            params.put("fireTime", fireTime.toString());
        }
        String schedule = context.getJobDetail().getKey().getName();
        try {
            jobs.launch(job, params, new Actor("schedule:" + schedule, Actor.scheduler().channel()));
        } catch (JobControlException e) {
            switch (e.reason()) {
                // Nothing to do: another run of the job is going (or waits to be resumed), or this one is done.
                // JobControl audited the refusal.
                case ALREADY_RUNNING, ALREADY_COMPLETE -> log.warn("Schedule {} skipped {}: {}", schedule, job,
                        e.getMessage());
                // A schedule naming a job or parameters that do not exist: retrying changes nothing.
                case UNKNOWN_JOB, BAD_PARAMETERS -> missed.failed(context, schedule, job, fireTime, e.getMessage(),
                        false);
                default -> missed.failed(context, schedule, job, fireTime, e.getMessage(), true);
            }
        } catch (RuntimeException e) {
            missed.failed(context, schedule, job, fireTime, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    true);
        }
    }
}
