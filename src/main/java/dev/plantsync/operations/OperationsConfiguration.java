package dev.plantsync.operations;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.quartz.Scheduler;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.batch.autoconfigure.BatchTaskExecutor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * How jobs are launched. The CLI runs a job in its own thread and waits; the server ({@code plantsync.jobs.async})
 * hands jobs to a small pool so the REST API and Quartz threads return at once.
 */
@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock(@Value("${plantsync.time-zone:}") String zone) {
        return zone.isBlank() ? Clock.systemDefaultZone() : Clock.system(ZoneId.of(zone));
    }

    @Bean
    @BatchTaskExecutor
    @ConditionalOnProperty(name = "plantsync.jobs.async", havingValue = "true")
    TaskExecutor batchTaskExecutor(@Value("${plantsync.jobs.max-concurrent:4}") int maxConcurrent) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("job-");
        executor.setCorePoolSize(maxConcurrent);
        executor.setMaxPoolSize(maxConcurrent);
        executor.setQueueCapacity(0);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.initialize();
        return executor;
    }

    @Bean
    ScheduleReconciler scheduleReconciler(Scheduler scheduler) {
        return new ScheduleReconciler(scheduler);
    }

    /** At start-up of a scheduling node, Quartz is made to match {@code schedules/}. */
    @Bean
    @ConditionalOnProperty(name = "plantsync.scheduler.enabled", havingValue = "true")
    ApplicationRunner reconcileSchedules(ScheduleReconciler reconciler, List<Job> jobs,
            @Value("${plantsync.schedules.dir:schedules}") Path dir) {
        Set<String> names = jobs.stream().map(Job::getName).collect(Collectors.toSet());
        return args -> reconciler.reconcile(dir, names);
    }
}
