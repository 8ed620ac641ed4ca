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
 * records of the run are counted by reason at the end of the line. A run that left partner files behind
 * (exception_record {@value #FILE_LEFT_BEHIND}: a file neither taken nor quarantined) says so first in its
 * summary, and a run that would otherwise end COMPLETED ends with exit code {@value #FILES_LEFT}.
 */
public final class RunSummary implements JobExecutionListener {

    public static final String AWAITING = "AWAITING_APPROVAL";
    /** The exception_record reason of a partner file a pickup had to leave in the drop. */
    public static final String FILE_LEFT_BEHIND = "FILE_LEFT_BEHIND";
    /** Exit code of a run that completed but left partner files behind: not a clean COMPLETED. */
    public static final String FILES_LEFT = "COMPLETED_FILES_LEFT_BEHIND";

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
        int left = jdbc.sql("""
                SELECT count(*) FROM exception_record WHERE job_execution_id = :execution AND reason_code = :code""")
                .param("execution", execution.getId()).param("code", FILE_LEFT_BEHIND).query(Integer.class).single();
        if (left > 0) {
            summary = "WARNING: " + left + " partner file(s) left behind in the drop (exceptions " + FILE_LEFT_BEHIND
                    + "); " + summary;
            if (ExitStatus.COMPLETED.getExitCode().equals(exit.getExitCode())) {
                exit = new ExitStatus(FILES_LEFT, exit.getExitDescription());
            }
        }
        execution.setExitStatus(exit.addExitDescription(summary));
        LoggerFactory.getLogger(RunSummary.class).info("{} run {} {}: {}", job, execution.getId(),
                execution.getExitStatus().getExitCode(), summary);
    }
}
