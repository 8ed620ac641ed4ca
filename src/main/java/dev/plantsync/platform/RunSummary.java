package dev.plantsync.platform;

import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Puts a run's one-line result in its exit description and the log: what finance and operators see first.
 * {@code sql} returns that line for {@code :run}, the job instance. A run stopped at an approval checkpoint (a step
 * ended {@value #AWAITING}) ends with that exit code, which the CLI turns into its own exit status. The exception
 * records of the run are counted by reason at the end of the line.
 */
public final class RunSummary implements JobExecutionListener {

    public static final String AWAITING = "AWAITING_APPROVAL";

    private final JdbcClient jdbc;
    private final String sql;
    private final String job;

    public RunSummary(JdbcClient jdbc, String job, String sql) {
        this.jdbc = jdbc;
        this.job = job;
        this.sql = sql;
    }

    @Override
    public void afterJob(JobExecution execution) {
        ExitStatus exit = execution.getExitStatus();
        if (ExitStatus.FAILED.getExitCode().equals(exit.getExitCode())) {
            return;
        }
        boolean awaiting = execution.getStatus() == BatchStatus.STOPPED && execution.getStepExecutions().stream()
                .anyMatch(s -> AWAITING.equals(s.getExitStatus().getExitCode()));
        if (awaiting) {
            exit = new ExitStatus(AWAITING, exit.getExitDescription());
        }
        String summary = jdbc.sql(sql).param("run", execution.getJobInstance().getId()).query(String.class)
                .optional().orElse("");
        // Bad input met on the way is part of the result, not only a row in exception_record nobody looks at.
        String exceptions = ExceptionRecords.describe(
                new ExceptionRecords(jdbc).countsByReason(execution.getJobInstance().getId()));
        if (!exceptions.isEmpty()) {
            summary = summary.isEmpty() ? exceptions : summary + "; " + exceptions;
        }
        execution.setExitStatus(exit.addExitDescription(summary));
        LoggerFactory.getLogger(RunSummary.class).info("{} run {} {}: {}", job, execution.getId(),
                execution.getExitStatus().getExitCode(), summary);
    }
}
