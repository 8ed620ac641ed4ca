package dev.plantsync.platform;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The executions whose job thread is still running in this JVM, also claimed in {@code execution_owner} for this
 * node so that, should the process die, a live node knows whose they were. The job repository alone cannot say so:
 * after a stop, Spring Batch 6 writes STOPPED before the step thread has committed its current chunk. A restart
 * before that thread is done would write the chunk twice.
 */
@Component
public class LocalExecutions implements JobExecutionListener {

    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final JdbcClient jdbc;
    private final NodeIdentity node;

    public LocalExecutions(JdbcClient jdbc, NodeIdentity node) {
        this.jdbc = jdbc;
        this.node = node;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        running.add(execution.getId());
        jdbc.sql("""
                INSERT INTO execution_owner (job_execution_id, node_id) VALUES (:id, :node)
                ON CONFLICT (job_execution_id) DO UPDATE SET node_id = :node, claimed_at = now(), released_reason = NULL""")
                .param("id", execution.getId()).param("node", node.id()).update();
    }

    @Override
    public void afterJob(JobExecution execution) {
        running.remove(execution.getId());
        // A stop for shutdown keeps its row (released SHUTDOWN) for a live node to restart it; any other end is final.
        jdbc.sql("DELETE FROM execution_owner WHERE job_execution_id = :id AND released_reason IS NULL")
                .param("id", execution.getId()).update();
    }

    public boolean isRunningHere(long executionId) {
        return running.contains(executionId);
    }

    /** Ids of the executions running in this JVM now. */
    public Set<Long> runningHere() {
        return Set.copyOf(running);
    }
}
