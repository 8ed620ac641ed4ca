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

    /** Outcome of a request accepted and under way; {@link #complete} replaces it with how it ended. */
    public static final String ACCEPTED = "ACCEPTED";

    /**
     * Writes the row when a request is accepted, before the work, so a process killed during the work (a CLI run
     * runs its job before returning) still leaves who asked for what; returns its id for {@link #complete}.
     */
    public long accepted(Actor actor, String action, String target, String detail) {
        long id = jdbc.sql("""
                INSERT INTO audit_event (actor, channel, action, target, outcome, detail)
                VALUES (:actor, :channel, :action, :target, :outcome, :detail) RETURNING id""")
                .param("actor", actor.name()).param("channel", actor.channel()).param("action", action)
                .param("target", target).param("outcome", ACCEPTED).param("detail", detail)
                .query(Long.class).single();
        log.info("audit actor={} channel={} action={} target={} outcome={}{}", actor.name(), actor.channel(), action,
                target, ACCEPTED, detail == null ? "" : " detail=" + detail);
        return id;
    }

    /** Completes an {@link #accepted} row with the outcome (and the target once it is known, e.g. the execution). */
    public void complete(long id, String target, String outcome, String detail) {
        jdbc.sql("UPDATE audit_event SET target = :target, outcome = :outcome, detail = :detail WHERE id = :id")
                .param("id", id).param("target", target).param("outcome", outcome).param("detail", detail).update();
        log.info("audit id={} target={} outcome={}{}", id, target, outcome, detail == null ? "" : " detail=" + detail);
    }

    /** The detail of the newest row of {@code action} on {@code target} with {@code outcome}, if any. */
    public java.util.Optional<String> lastDetail(String action, String target, String outcome) {
        return jdbc.sql("""
                SELECT detail FROM audit_event WHERE action = :action AND target = :target AND outcome = :outcome
                 ORDER BY id DESC LIMIT 1""")
                .param("action", action).param("target", target).param("outcome", outcome)
                .query(String.class).optional();
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
