package dev.plantsync.platform;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Replaces a failed execution's exit description (a stack trace, cut at 2,500 characters by the job repository,
 * usually before the interesting "Caused by") with the first PlantSync exception in the chain, else the innermost
 * cause: what operators need to see. The whole trace stays in the log.
 */
@Component
public class FailureSummary implements JobExecutionListener {

    @Override
    public void afterJob(JobExecution execution) {
        if (execution.getStatus() != BatchStatus.FAILED || execution.getAllFailureExceptions().isEmpty()) {
            return;
        }
        Throwable root = execution.getAllFailureExceptions().get(0);
        Throwable ours = null;
        for (Throwable t = root; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (ours == null && t.getClass().getName().startsWith("dev.plantsync.")) {
                ours = t; // PlantSync's own exceptions say what happened in the operator's terms
            }
            root = t;
        }
        Throwable shown = ours != null ? ours : root;
        String reason = UrlUserinfo.mask(shown.getClass().getSimpleName() + ": " + shown.getMessage());
        execution.setExitStatus(new ExitStatus(execution.getExitStatus().getExitCode(), reason));
    }
}
