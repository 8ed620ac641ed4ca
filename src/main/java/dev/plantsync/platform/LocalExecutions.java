package dev.plantsync.platform;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The executions whose job thread is still running in this JVM. The job repository alone cannot say so: after a
 * stop, Spring Batch 6 writes STOPPED before the step thread has committed its current chunk. A restart before that
 * thread is done would write the chunk twice.
 */
@Component
public class LocalExecutions implements JobExecutionListener {

    private final Set<Long> running = ConcurrentHashMap.newKeySet();

    @Override
    public void beforeJob(JobExecution execution) {
        running.add(execution.getId());
    }

    @Override
    public void afterJob(JobExecution execution) {
        running.remove(execution.getId());
    }

    public boolean isRunningHere(long executionId) {
        return running.contains(executionId);
    }
}
