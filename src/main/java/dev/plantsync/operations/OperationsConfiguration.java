package dev.plantsync.operations;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.plantsync.platform.AuditLog;
import dev.plantsync.platform.ExceptionRecords;
import dev.plantsync.platform.NodeIdentity;
import dev.plantsync.platform.Periodic;
import io.micrometer.core.instrument.MeterRegistry;
import org.quartz.Scheduler;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.batch.autoconfigure.BatchTaskExecutor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How jobs are launched. The CLI runs a job in its own thread and waits; the server ({@code plantsync.jobs.async})
 * hands jobs to a small pool so the REST API and Quartz threads return at once.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RecoverySettings.class)
class OperationsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock(@Value("${plantsync.time-zone:}") String zone) {
        return zone.isBlank() ? Clock.systemDefaultZone() : Clock.system(ZoneId.of(zone));
    }

    /** The history of the jobs this application has (a read-only command gets it from the catalogue instead). */
    @Bean
    JobHistory jobHistory(ExecutionQueries queries, ExceptionRecords exceptions, AuditLog audit, List<Job> jobs) {
        return new JobHistory(queries, exceptions, audit, jobs.stream().map(Job::getName).toList());
    }

    /** A server runs up to {@code plantsync.jobs.max-concurrent} jobs at once; the CLI one, in its own thread. */
    @Bean
    LaunchCapacity launchCapacity(@Value("${plantsync.jobs.async:false}") boolean async,
            @Value("${plantsync.jobs.max-concurrent:4}") int maxConcurrent) {
        return async ? new LaunchCapacity(maxConcurrent) : LaunchCapacity.unbounded();
    }

    @Bean
    @BatchTaskExecutor
    @ConditionalOnProperty(name = "plantsync.jobs.async", havingValue = "true")
    TaskExecutor batchTaskExecutor(LaunchCapacity capacity) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("job-");
        executor.setCorePoolSize(capacity.max());
        // Spare threads: a slot is freed as its run ends, a moment before its thread is back in the pool.
        executor.setMaxPoolSize(capacity.max() * 2);
        executor.setQueueCapacity(0);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.initialize();
        return capacity.limit(executor);
    }

    /** Server nodes recover what dead nodes left running (every check interval, see below). */
    @Bean
    ExecutionRecovery executionRecovery(JdbcClient jdbc, PlatformTransactionManager transactions,
            JobRepository repository, JobOperator operator, JobControl jobs, AuditLog audit, NodeIdentity node,
            RecoverySettings settings, MeterRegistry meters, LaunchGate gate, LaunchCapacity capacity) {
        return new ExecutionRecovery(jdbc, new TransactionTemplate(transactions), repository, operator, jobs, audit,
                node, settings, meters, gate, capacity);
    }

    @Bean
    @ConditionalOnProperty(name = "plantsync.scheduler.enabled", havingValue = "true")
    Periodic recoverySchedule(ExecutionRecovery recovery, RecoverySettings settings) {
        return new Periodic("recovery", settings.checkInterval(), recovery::recoverOrphans);
    }

    @Bean
    ScheduleReconciler scheduleReconciler(Scheduler scheduler) {
        return new ScheduleReconciler(scheduler);
    }

    /** A scheduling node refuses to start with a recovery policy for a job that does not exist (it would never apply). */
    @Bean
    @ConditionalOnProperty(name = "plantsync.scheduler.enabled", havingValue = "true")
    ApplicationRunner checkRecoveryPolicies(RecoverySettings settings, List<Job> jobs) {
        Set<String> names = jobs.stream().map(Job::getName).collect(Collectors.toSet());
        return args -> settings.requireKnownJobs(names);
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
