package dev.plantsync.operations;

import org.quartz.JobExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** A Quartz job for tests that notes which scheduler node ran which trigger. */
public class RecordFire extends QuartzJobBean {

    @Autowired
    private JdbcClient jdbc;

    @Override
    protected void executeInternal(JobExecutionContext context) {
        try {
            jdbc.sql("INSERT INTO test_fire_log (trigger_name, instance_id) VALUES (?, ?)")
                    .param(context.getTrigger().getKey().getName())
                    .param(context.getScheduler().getSchedulerInstanceId())
                    .update();
        } catch (org.quartz.SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }
}
