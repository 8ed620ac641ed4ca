package dev.plantsync.costing;

import java.time.LocalDate;

import dev.plantsync.approvals.ApprovalRequest;
import dev.plantsync.approvals.Approvals;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What every cost roll-up job test does: run the job for night N (business date 2026-11-20 + N) and look around. */
abstract class CostRollupNights {

    @Autowired
    JobOperator jobs;

    @Autowired
    @Qualifier("costRollup")
    Job job;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JobRepository repository;

    @Autowired
    Approvals approvals;

    JobExecution run(int night) throws Exception {
        return jobs.start(job, new JobParametersBuilder().addLocalDate("businessDate", night(night))
                .toJobParameters());
    }

    /** Night N's newest execution. */
    JobExecution latest(int night) {
        return repository.getLastJobExecution(CostRollupJob.NAME, new JobParametersBuilder()
                .addLocalDate("businessDate", night(night)).toJobParameters());
    }

    static LocalDate night(int night) {
        return LocalDate.of(2026, 11, 20).plusDays(night);
    }

    /** The pending request about the product with this code. */
    ApprovalRequest pending(String code) {
        return approvals.pending().stream().filter(r -> r.subject().startsWith(code + ":")).findFirst().orElseThrow();
    }
}
