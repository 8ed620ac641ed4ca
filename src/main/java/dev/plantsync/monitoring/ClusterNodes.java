package dev.plantsync.monitoring;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The PlantSync processes of the last day as the cluster sees them: alive, silent (maybe dead) or stopped. */
@Component
public class ClusterNodes {

    /** One process; {@code running}: executions it claims now. */
    public record Node(String id, String host, long pid, boolean server, OffsetDateTime started,
            OffsetDateTime lastBeat, OffsetDateTime stopped, String state, int running) {
    }

    private final JdbcClient jdbc;
    private final Duration deadAfter;

    ClusterNodes(JdbcClient jdbc, @Value("${plantsync.recovery.dead-after:PT60S}") Duration deadAfter) {
        this.jdbc = jdbc;
        this.deadAfter = deadAfter;
    }

    public List<Node> recent() {
        return jdbc.sql("""
                SELECT n.node_id, n.host, n.pid, n.server, n.started_at, n.heartbeat_at, n.stopped_at,
                       CASE WHEN n.stopped_at IS NOT NULL THEN 'STOPPED'
                            WHEN n.heartbeat_at < now() - CAST(:dead AS INTERVAL) THEN 'SILENT' ELSE 'ALIVE' END,
                       (SELECT count(*) FROM execution_owner o WHERE o.node_id = n.node_id
                           AND o.released_reason IS NULL)
                  FROM plantsync_node n
                 WHERE n.stopped_at IS NULL OR n.stopped_at > now() - interval '1 day'
                 ORDER BY n.stopped_at IS NOT NULL, n.started_at DESC LIMIT 100""")
                .param("dead", deadAfter.toMillis() + " milliseconds")
                .query((rs, n) -> new Node(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4),
                        rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class),
                        rs.getObject(7, OffsetDateTime.class), rs.getString(8), rs.getInt(9)))
                .list();
    }
}
