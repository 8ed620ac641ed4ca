package dev.plantsync.operations;

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
 * in the schedule's zone. No business logic lives here.
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
    private ExclusiveLauncher launcher;

    @Override
    protected void executeInternal(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        String job = data.getString(JOB);
        ZoneId zone = ZoneId.of(data.getString(TIME_ZONE));
        LocalDate businessDate = LocalDate.ofInstant(context.getScheduledFireTime().toInstant(), zone)
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
            params.put("fireTime", context.getScheduledFireTime().toInstant().toString());
        }
        String schedule = context.getJobDetail().getKey().getName();
        try {
            launcher.launch(job, params, new Actor("schedule:" + schedule, Actor.scheduler().channel()));
        } catch (JobControlException e) {
            // Already complete for that date, or already running: the schedule has nothing to do.
            log.warn("Schedule {} did not launch {}: {}", schedule, job, e.getMessage());
        }
    }
}
