package dev.plantsync.platform;

import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Starting point of every PlantSync job and step: builders that already carry the listeners every job needs
 * (log context, failure summary, local running executions), so no job forgets them.
 */
@Component
public class Jobs {

    private final JobRepository repository;
    private final JobLogContext logContext;
    private final FailureSummary failureSummary;
    private final LocalExecutions localExecutions;

    public Jobs(JobRepository repository, JobLogContext logContext, FailureSummary failureSummary,
            LocalExecutions localExecutions) {
        this.repository = repository;
        this.logContext = logContext;
        this.failureSummary = failureSummary;
        this.localExecutions = localExecutions;
    }

    public JobBuilder job(String name) {
        return new JobBuilder(name, repository).listener(logContext).listener(failureSummary).listener(localExecutions);
    }

    public StepBuilder step(String name) {
        return new StepBuilder(name, repository).listener(logContext);
    }

    /**
     * A chunk step writing staged rows to Odoo by id ({@link StagedIds}), {@code chunk} per transaction; the writer
     * also hears the step's start when it wants to (to record exceptions under the execution).
     */
    public Step stagedIdsStep(String name, int chunk, PlatformTransactionManager tm, ItemReader<Long> ids,
            ItemWriter<Long> writer) {
        var step = step(name).<Long, Long>chunk(chunk).transactionManager(tm).reader(ids).writer(writer);
        if (writer instanceof StepExecutionListener listener) {
            step.listener(listener);
        }
        return step.build();
    }
}
