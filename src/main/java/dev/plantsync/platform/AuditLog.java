package dev.plantsync.platform;

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
