package dev.plantsync.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;

import dev.plantsync.operations.cli.PlantSyncCommand;
import dev.plantsync.support.PlantSyncTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;

/** The reference job fails mid-run and an operator restarts it with {@code plantsync jobs restart}. */
@PlantSyncTest
@SpringBatchTest
class DemoJobRestartTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    @Autowired
    JobOperatorTestUtils batch;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Autowired
    @Qualifier("demo")
    Job demo;

    @BeforeEach
    void useTheDemoJob() {
        batch.setJob(demo);
    }

    @Test
    void failedRunRestartsFromLastCommittedChunkAndWritesEveryRowOnce() throws Exception {
        JobParameters params = new JobParametersBuilder()
                .addLocalDate("businessDate", DAY)
                .addString("items", "10000")
                .addString("failAt", "5000")
                .toJobParameters();

        JobExecution failed = batch.startJob(params);

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getExitStatus().getExitDescription()).contains("simulated crash at item 5000");
        // Chunks of 1,000: items 1-4,000 were committed, the chunk holding item 5,000 rolled back.
        assertThat(rowsOf(failed.getId())).isEqualTo(4000);

        StringWriter out = new StringWriter();
        int exit = new CommandLine(new PlantSyncCommand(() -> context)).setOut(new PrintWriter(out))
                .execute("jobs", "restart", String.valueOf(failed.getId()));

        assertThat(exit).as(out.toString()).isZero();
        long restartId = jdbc.sql("SELECT max(job_execution_id) FROM batch_job_execution").query(Long.class).single();
        assertThat(out.toString()).contains("execution " + restartId + " of job demo", "COMPLETED");
        assertThat(jdbc.sql("SELECT count(*), count(DISTINCT item_no), min(item_no), max(item_no) FROM demo_staging "
                + "WHERE business_date = ?").param(DAY).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2),
                        rs.getLong(3), rs.getLong(4)}).single())
                .containsExactly(10000, 10000, 1, 10000);
        // The restart went on from item 4,001: it neither re-read nor re-wrote the committed chunks.
        StepExecution resumed = batch.getJobRepository().getJobExecution(restartId).getStepExecutions().iterator().next();
        assertThat(resumed.getReadCount()).isEqualTo(6000);
        assertThat(resumed.getWriteCount()).isEqualTo(6000);
        assertThat(jdbc.sql("SELECT min(item_no) FROM demo_staging WHERE job_execution_id = ?").param(restartId)
                .query(Integer.class).single()).isEqualTo(4001);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'RESTART' AND outcome = 'OK'")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void cleanRunCompletesWithEveryRow() throws Exception {
        JobParameters params = new JobParametersBuilder()
                .addLocalDate("businessDate", DAY.plusDays(1))
                .addString("items", "2500")
                .toJobParameters();

        JobExecution execution = batch.startJob(params);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(rowsOf(execution.getId())).isEqualTo(2500);
    }

    @Test
    void twoRunsForTheSameBusinessDateKeepTheirOwnRows() throws Exception {
        LocalDate day = DAY.plusDays(2);
        JobExecution first = batch.startJob(new JobParametersBuilder().addLocalDate("businessDate", day)
                .addString("items", "300").addString("plant", "P1").toJobParameters());
        JobExecution second = batch.startJob(new JobParametersBuilder().addLocalDate("businessDate", day)
                .addString("items", "300").addString("plant", "P2").toJobParameters());

        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(rowsOf(first.getId())).isEqualTo(300);
        assertThat(rowsOf(second.getId())).isEqualTo(300);
    }

    private long rowsOf(long executionId) {
        return jdbc.sql("SELECT count(*) FROM demo_staging WHERE job_execution_id = ?").param(executionId)
                .query(Long.class).single();
    }
}
