package dev.plantsync.masterdata;

import java.time.LocalDate;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What every master-data job test does: run the job for night N (business date 2026-11-20 + N) and look around. */
abstract class MasterDataNights {

    @Autowired
    JobOperator jobs;

    @Autowired
    @Qualifier("masterDataSync")
    Job job;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JobRepository repository;

    JobExecution run(int night) throws Exception {
        return jobs.start(job, new JobParametersBuilder()
                .addLocalDate("businessDate", LocalDate.of(2026, 11, 20).plusDays(night)).toJobParameters());
    }
}
