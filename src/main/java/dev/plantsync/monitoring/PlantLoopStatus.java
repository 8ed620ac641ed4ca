package dev.plantsync.monitoring;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * How the plant loop stands at one plant, read from the tables of its two jobs (production_release*, mes_event,
 * mes_mo_map) and nothing else: the orders released with their latest version and the MES's answer, the MES events
 * still open (waiting for a run, an approver, or someone to fix the file) and the lag from the shop floor to Odoo.
 */
@Service
public class PlantLoopStatus {

    /** Events still needing something, whatever their age: a run (STAGED, MARKED), an approver, a person. */
    public static final List<String> OPEN = List.of("STAGED", "MARKED", "APPROVAL", "EXCEPTION");
    /** Events settled, counted over the last 24 hours. */
    public static final List<String> SETTLED = List.of("APPLIED", "REJECTED", "SKIPPED");
    static final Duration RECENT = Duration.ofHours(24);

    /** One order as last released to the plant. */
    public record ReleasedOrder(int moId, String moName, int version, String change, String changes, String file,
            String fileState, OffsetDateTime releasedAt, String ackStatus, String ackReason, OffsetDateTime ackedAt) {
    }

    /** One MES event as the page shows it; {@code odooName} the Odoo order it went to, as far as known. */
    public record Event(String eventId, String type, BigDecimal quantity, String unit, String lot, String moName,
            String state, String stateReason, String file, int line, OffsetDateTime eventTime,
            OffsetDateTime stagedAt, OffsetDateTime appliedAt, Long odooMoId, String odooName) {
    }

    /**
     * Lag from the shop floor to Odoo: the oldest event still waiting for a run (now - event_time), and over the
     * last 24 hours' applied events applied_at - event_time (median and worst; null when none).
     */
    public record Lag(Duration oldestWaiting, int applied, Duration appliedMedian, Duration appliedMax) {
    }

    /** The plant's whole picture: counts by state (open ones all, settled ones of the last 24 h). */
    public record Overview(String plant, Map<String, Long> counts, Lag lag, List<Event> open, List<Event> recent) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    PlantLoopStatus(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The plants the loop has records of, and those given (the configured ones), sorted. */
    public List<String> plants(java.util.Collection<String> configured) {
        TreeSet<String> plants = new TreeSet<>(configured);
        plants.addAll(jdbc.sql("""
                SELECT plant FROM production_release_file UNION SELECT plant FROM mes_mo_map
                 UNION SELECT plant FROM mes_event WHERE state IN ('STAGED', 'MARKED', 'APPROVAL', 'EXCEPTION')""")
                .query(String.class).list());
        return List.copyOf(plants);
    }

    public Overview overview(String plant, int openLimit, int recentLimit) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime since = now.minus(RECENT);
        Map<String, Long> counts = new LinkedHashMap<>();
        OPEN.forEach(s -> counts.put(s, 0L));
        SETTLED.forEach(s -> counts.put(s, 0L));
        jdbc.sql("""
                SELECT state, count(*) FROM mes_event
                 WHERE plant = :plant AND state IN ('STAGED', 'MARKED', 'APPROVAL', 'EXCEPTION') GROUP BY state
                UNION ALL
                SELECT state, count(*) FROM mes_event
                 WHERE plant = :plant AND state IN ('APPLIED', 'REJECTED', 'SKIPPED')
                   AND coalesce(applied_at, marked_at, staged_at) > :since GROUP BY state""")
                .param("plant", plant).param("since", since)
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        OffsetDateTime oldest = jdbc.sql("""
                SELECT min(event_time) FROM mes_event WHERE plant = :plant AND state IN ('STAGED', 'MARKED')""")
                .param("plant", plant).query(OffsetDateTime.class).optional().orElse(null);
        Lag lag = jdbc.sql("""
                SELECT count(*),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM applied_at - event_time)),
                       max(extract(epoch FROM applied_at - event_time))
                  FROM mes_event WHERE plant = :plant AND state = 'APPLIED' AND applied_at > :since
                   -- implied by the line above (applied_at is set), it lets mes_event_settled_idx bound the scan
                   AND coalesce(applied_at, marked_at, staged_at) > :since""")
                .param("plant", plant).param("since", since)
                .query((rs, n) -> new Lag(oldest == null ? null : Duration.between(oldest, now),
                        rs.getInt(1), seconds(rs.getObject(2)), seconds(rs.getObject(3))))
                .single();
        List<Event> open = events(plant, "state IN ('STAGED', 'MARKED', 'APPROVAL', 'EXCEPTION')",
                "e.event_time, e.id", openLimit);
        List<Event> recent = events(plant, "state IN ('APPLIED', 'REJECTED', 'SKIPPED')", "e.id DESC", recentLimit);
        return new Overview(plant, counts, lag, open, recent);
    }

    /** The plant's orders, each with its latest version, newest release first. */
    public List<ReleasedOrder> released(String plant, int offset, int limit) {
        return jdbc.sql("""
                SELECT * FROM (
                  SELECT DISTINCT ON (r.mo_id) r.mo_id, r.mo_name, r.version, r.change, r.changes, r.ack_status,
                         r.ack_reason, r.acked_at, f.name AS file_name, f.state AS file_state,
                         coalesce(f.delivered_at, f.created_at) AS released_at
                    FROM production_release r JOIN production_release_file f ON f.id = r.file_id
                   WHERE r.plant = :plant
                   ORDER BY r.mo_id, r.version DESC, r.id DESC) latest
                 ORDER BY released_at DESC, mo_id DESC OFFSET :offset LIMIT :limit""")
                .param("plant", plant).param("offset", offset).param("limit", limit)
                .query((rs, n) -> new ReleasedOrder(rs.getInt("mo_id"), rs.getString("mo_name"), rs.getInt("version"),
                        rs.getString("change"), rs.getString("changes"), rs.getString("file_name"),
                        rs.getString("file_state"), rs.getObject("released_at", OffsetDateTime.class),
                        rs.getString("ack_status"), rs.getString("ack_reason"),
                        rs.getObject("acked_at", OffsetDateTime.class)))
                .list();
    }

    /**
     * Column {@code odoo_name} of a {@code mes_event e}: the name Odoo gave the order when the event was applied
     * (-001 once split); events of runs before V45 have none and are named by the mapping or the last release.
     */
    static final String ODOO_NAME = """
            coalesce(e.odoo_mo_name,
                     (SELECT m.odoo_name FROM mes_mo_map m
                       WHERE m.plant = e.plant AND m.odoo_mo_id = e.odoo_mo_id LIMIT 1),
                     (SELECT r.mo_name FROM production_release r
                       WHERE r.plant = e.plant AND r.mo_id = e.odoo_mo_id ORDER BY r.id DESC LIMIT 1)) AS odoo_name""";

    // where and order are constants of this class, never user input.
    private List<Event> events(String plant, String where, String order, int limit) {
        return jdbc.sql("""
                SELECT e.event_id, e.event_type, e.quantity, e.unit, e.lot, e.mo_name, e.state, e.state_reason,
                       f.name AS file_name, e.line, e.event_time, e.staged_at, e.applied_at, e.odoo_mo_id,
                       """ + ODOO_NAME + """
                  FROM mes_event e LEFT JOIN inbound_file f ON f.id = e.inbound_file_id
                 WHERE e.plant = :plant AND e.""" + where + " ORDER BY " + order + " LIMIT :limit")
                .param("plant", plant).param("limit", limit)
                .query((rs, n) -> new Event(rs.getString("event_id"), rs.getString("event_type"),
                        rs.getBigDecimal("quantity"), rs.getString("unit"), rs.getString("lot"),
                        rs.getString("mo_name"), rs.getString("state"), rs.getString("state_reason"),
                        rs.getString("file_name"), rs.getInt("line"), rs.getObject("event_time", OffsetDateTime.class),
                        rs.getObject("staged_at", OffsetDateTime.class),
                        rs.getObject("applied_at", OffsetDateTime.class),
                        rs.getObject("odoo_mo_id") == null ? null : rs.getLong("odoo_mo_id"),
                        rs.getString("odoo_name")))
                .list();
    }

    private static Duration seconds(Object value) {
        return value == null ? null : Duration.ofMillis(Math.round(((Number) value).doubleValue() * 1000));
    }
}
