package dev.plantsync.platform;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells the cluster this process is alive: a row in {@code plantsync_node} beaten every {@code heartbeat-interval}
 * with the database's clock (so nodes' clocks never disagree). Stopped last, after running executions were stopped.
 */
@Component
public class NodeHeartbeat implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);

    private final JdbcClient jdbc;
    private final NodeIdentity node;
    private final Duration interval;
    private final boolean server;
    private Periodic beats;

    NodeHeartbeat(JdbcClient jdbc, NodeIdentity node,
            @Value("${plantsync.recovery.heartbeat-interval:PT5S}") Duration interval,
            @Value("${plantsync.scheduler.enabled:false}") boolean server) {
        this.jdbc = jdbc;
        this.node = node;
        this.interval = interval;
        this.server = server;
    }

    @Override
    public synchronized void start() {
        jdbc.sql("""
                INSERT INTO plantsync_node (node_id, host, pid, server) VALUES (:id, :host, :pid, :server)
                ON CONFLICT (node_id) DO UPDATE SET heartbeat_at = now(), stopped_at = NULL""")
                .param("id", node.id()).param("host", node.host()).param("pid", node.pid()).param("server", server)
                .update();
        beats = new Periodic("heartbeat", interval, this::beat);
        beats.start();
        log.info("node {} started (heartbeat every {})", node.id(), interval);
    }

    void beat() {
        try {
            // A node silent past dead-after had its end recorded by recovery (stopped_at = its last beat): it is back.
            jdbc.sql("""
                    UPDATE plantsync_node SET heartbeat_at = now(),
                           stopped_at = CASE WHEN stopped_at = heartbeat_at THEN NULL ELSE stopped_at END
                     WHERE node_id = :id""")
                    .param("id", node.id()).update();
        } catch (RuntimeException e) {
            // The database may be briefly away; the next beat tries again, and a long gap makes peers recover us.
            log.warn("heartbeat of node {} failed: {}", node.id(), e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (beats == null) {
            return;
        }
        beats.stop();
        beats = null;
        try {
            jdbc.sql("UPDATE plantsync_node SET stopped_at = now() WHERE node_id = :id").param("id", node.id())
                    .update();
        } catch (RuntimeException e) {
            log.warn("could not record the stop of node {}: {}", node.id(), e.getMessage());
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return beats != null;
    }

    /** Up before anything can launch a job, down after everything that runs jobs. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
