package dev.plantsync.platform;

import org.slf4j.MDC;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.ExitStatus;
import org.springframework.stereotype.Component;

/**
 * Puts job, execution and step into the logging MDC so every log line of a run says where it came from.
 * Jobs add partner, file and business key themselves with {@link #PARTNER}, {@link #FILE} and {@link #KEY}.
 */
@Component
public class JobLogContext implements JobExecutionListener, StepExecutionListener {

    public static final String JOB = "job";
    public static final String EXECUTION = "execution";
    public static final String STEP = "step";
    public static final String PARTNER = "partner";
    public static final String FILE = "file";
    public static final String KEY = "key";

    @Override
    public void beforeJob(JobExecution execution) {
        MDC.put(JOB, execution.getJobInstance().getJobName());
        MDC.put(EXECUTION, String.valueOf(execution.getId()));
    }

    @Override
    public void afterJob(JobExecution execution) {
        MDC.remove(JOB);
        MDC.remove(EXECUTION);
    }

    @Override
    public void beforeStep(StepExecution step) {
        // Steps may run on another thread than the job, so the job keys are set again here.
        MDC.put(JOB, step.getJobExecution().getJobInstance().getJobName());
        MDC.put(EXECUTION, String.valueOf(step.getJobExecutionId()));
        MDC.put(STEP, step.getStepName());
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        MDC.remove(STEP);
        MDC.remove(PARTNER);
        MDC.remove(FILE);
        MDC.remove(KEY);
        return null;
    }
}
