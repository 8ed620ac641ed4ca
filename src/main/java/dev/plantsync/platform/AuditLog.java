package dev.plantsync.platform;

import java.time.OffsetDateTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Records who did what, when and with which outcome ({@code audit_event}); every operator and approver action goes here. */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger("dev.plantsync.audit");

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One audit row. */
    public record Event(long id, OffsetDateTime at, String actor, String channel, String action, String target,
            String outcome, String detail) {
    }

    /** Newest first; {@code actor} and {@code action} (a prefix) narrow when given. */
    public List<Event> recent(String actor, String action, int offset, int limit) {
        return jdbc.sql("""
                SELECT id, occurred_at, actor, channel, action, target, outcome, detail FROM audit_event
                 WHERE (CAST(:actor AS TEXT) IS NULL OR actor = :actor)
                   AND (CAST(:action AS TEXT) IS NULL OR action LIKE :action || '%')
                 ORDER BY occurred_at DESC, id DESC OFFSET :offset LIMIT :limit""")
                .param("actor", actor).param("action", action).param("offset", offset).param("limit", limit)
                .query((rs, n) -> new Event(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
                .list();
    }

    public void record(Actor actor, String action, String target, String outcome, String detail) {
        jdbc.sql("""
                INSERT INTO audit_event (actor, channel, action, target, outcome, detail)
                VALUES (:actor, :channel, :action, :target, :outcome, :detail)""")
                .param("actor", actor.name())
                .param("channel", actor.channel())
                .param("action", action)
                .param("target", target)
                .param("outcome", outcome)
                .param("detail", detail)
                .update();
        log.info("audit actor={} channel={} action={} target={} outcome={}{}", actor.name(), actor.channel(), action,
                target, outcome, detail == null ? "" : " detail=" + detail);
    }
}
