package dev.plantsync.reconciliation;

import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Puts a completed run's one-line result in its exit description and the log: what finance and operators see first.
 * {@code sql} returns that line for {@code :run}, the job instance.
 */
final class RunSummary implements JobExecutionListener {

    private final JdbcClient jdbc;
    private final String sql;
    private final String job;

    RunSummary(JdbcClient jdbc, String job, String sql) {
        this.jdbc = jdbc;
        this.job = job;
        this.sql = sql;
    }

    @Override
    public void afterJob(JobExecution execution) {
        if (!"COMPLETED".equals(execution.getExitStatus().getExitCode())) {
            return;
        }
        String summary = jdbc.sql(sql).param("run", execution.getJobInstance().getId()).query(String.class)
                .optional().orElse("");
        execution.setExitStatus(execution.getExitStatus().addExitDescription(summary));
        LoggerFactory.getLogger(RunSummary.class).info("{} run {}: {}", job, execution.getId(), summary);
    }
}
