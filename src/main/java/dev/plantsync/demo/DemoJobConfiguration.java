package dev.plantsync.demo;

import java.time.LocalDate;

import javax.sql.DataSource;

import dev.plantsync.platform.Jobs;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The reference PlantSync job: generated rows are staged into {@code demo_staging} in chunks. It shows the shape
 * every job follows (named job and steps, restartable reader, batched writer, log context) and lets operators
 * rehearse a failure and a restart.
 *
 * <p>Parameters: {@code businessDate} (identifies the run), {@code items} (default 10000), {@code failAt} (item at which
 * the first execution of the instance crashes), {@code pauseMillis} (a pause per chunk, to rehearse a stop).
 */
@Configuration(proxyBeanMethods = false)
class DemoJobConfiguration {

    static final String JOB_NAME = "demo";

    @Bean
    Job demo(Jobs jobs, Step demoStageRows) {
        return jobs.job(JOB_NAME)
                .start(demoStageRows)
                .build();
    }

    @Bean
    Step demoStageRows(Jobs jobs, PlatformTransactionManager tm, GeneratedRowReader demoReader,
            CrashAtItem demoCrash, JdbcBatchItemWriter<DemoRow> demoWriter,
            @Value("${plantsync.demo.chunk-size:1000}") int chunkSize) {
        return jobs.step("stage-rows")
                .<DemoRow, DemoRow>chunk(chunkSize)
                .transactionManager(tm)
                .reader(demoReader)
                .processor(demoCrash)
                .writer(demoWriter)
                .build();
    }

    @Bean
    @StepScope
    GeneratedRowReader demoReader(@Value("#{jobParameters['items'] ?: '10000'}") int items) {
        return new GeneratedRowReader(items);
    }

    @Bean
    @StepScope
    CrashAtItem demoCrash(@Value("#{jobParameters['failAt']}") Integer failAt,
            @Value("#{jobParameters['pauseMillis'] ?: '0'}") long pauseMillis,
            @Value("${plantsync.demo.chunk-size:1000}") int chunkSize,
            @Value("#{stepExecution}") StepExecution step, JobRepository repository) {
        boolean first = repository.getJobExecutions(step.getJobExecution().getJobInstance()).size() == 1;
        return new CrashAtItem(failAt, first, chunkSize, pauseMillis);
    }

    @Bean
    @StepScope
    JdbcBatchItemWriter<DemoRow> demoWriter(DataSource dataSource,
            @Value("#{jobParameters['businessDate']}") LocalDate businessDate,
            @Value("#{stepExecution.jobExecutionId}") long executionId,
            @Value("#{stepExecution.jobExecution.jobInstance.id}") long instanceId) {
        return new JdbcBatchItemWriterBuilder<DemoRow>()
                .dataSource(dataSource)
                .sql("""
                        INSERT INTO demo_staging (job_instance_id, business_date, item_no, payload, job_execution_id)
                        VALUES (:instanceId, :businessDate, :itemNo, :payload, :executionId)""")
                .itemSqlParameterSourceProvider(row -> new MapSqlParameterSource()
                        .addValue("businessDate", businessDate)
                        .addValue("itemNo", row.itemNo())
                        .addValue("payload", row.payload())
                        .addValue("executionId", executionId)
                        .addValue("instanceId", instanceId))
                .assertUpdates(true)
                .build();
    }
}
