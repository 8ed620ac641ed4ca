package dev.plantsync.operations;

import java.time.Duration;
import java.util.Set;

import dev.plantsync.platform.Actor;
import dev.plantsync.platform.LocalExecutions;
import dev.plantsync.platform.NodeIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A node told to stop (SIGTERM, context close) lets each of its running executions finish the chunk it is in and end
 * STOPPED, marked as stopped for a shutdown, so that a live node restarts it by its job's policy (or an operator
 * does). Stopped right after Quartz, so no new fire launches meanwhile, and before the web server and the database.
 */
@Component
class GracefulShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final LocalExecutions local;
    private final JobControl jobs;
    private final JdbcClient jdbc;
    private final NodeIdentity node;
    private final RecoverySettings settings;
    private volatile boolean running;

    GracefulShutdown(LocalExecutions local, JobControl jobs, JdbcClient jdbc, NodeIdentity node,
            RecoverySettings settings) {
        this.local = local;
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.node = node;
        this.settings = settings;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        Set<Long> executions = local.runningHere();
        if (executions.isEmpty()) {
            return;
        }
        log.warn("node {} is shutting down: stopping executions {} after their current chunk", node.id(), executions);
        Actor actor = new Actor("shutdown@" + node.id(), "shutdown");
        for (long id : executions) {
            jdbc.sql("UPDATE execution_owner SET released_reason = 'SHUTDOWN' WHERE job_execution_id = :id"
                    + " AND node_id = :node").param("id", id).param("node", node.id()).update();
            try {
                jobs.stop(id, actor);
            } catch (JobControlException e) {
                log.info("execution {} needs no stop: {}", id, e.getMessage());
            }
        }
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        while (executions.stream().anyMatch(local::isRunningHere) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        executions.stream().filter(local::isRunningHere).forEach(id -> log.error("execution {} did not stop within "
                + "{}; a live node will recover it once this node's heartbeat has stopped", id,
                settings.shutdownGrace()));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After Quartz's scheduler (Integer.MAX_VALUE), before the web server and everything else. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
