package dev.plantsync.monitoring;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Evaluates every objective of {@link SloSettings} against the database at a given instant: the records that break it
 * (by name, never as metric labels), {@code plantsync_slo_breached{slo,flow}} (0 or 1) and
 * {@code plantsync_slo_breach_records{slo,flow}}, a warning in the log when an objective starts or stops being
 * breached, and the result in {@code slo_status} for the console.
 */
@Component
public class SloMonitor {

    private static final Logger log = LoggerFactory.getLogger("dev.plantsync.slo");
    private static final int NAMED = 50;

    private final JdbcClient jdbc;
    private final SloSettings settings;
    private final Clock clock;
    private final Map<String, AtomicInteger> breached = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> records = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    SloMonitor(JdbcClient jdbc, SloSettings settings, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        settings.slos().forEach((name, slo) -> {
            breached.put(name, new AtomicInteger());
            records.put(name, new AtomicInteger());
            Gauge.builder("plantsync.slo.breached", breached.get(name), AtomicInteger::get)
                    .description("1 while the objective is breached").tag("slo", name).tag("flow", slo.flow())
                    .register(meters);
            Gauge.builder("plantsync.slo.breach.records", records.get(name), AtomicInteger::get)
                    .description("records breaking the objective").tag("slo", name).tag("flow", slo.flow())
                    .register(meters);
        });
    }

    public List<SloResult> evaluate() {
        return evaluate(clock.instant());
    }

    /** Evaluates every objective as of {@code now} and records the outcome. */
    public List<SloResult> evaluate(Instant now) {
        List<SloResult> results = new ArrayList<>();
        settings.slos().forEach((name, slo) -> results.add(record(name, slo, offenders(slo, now), now)));
        return results;
    }

    /** The last evaluation of every objective, as any node stored it. */
    public List<SloResult> status() {
        return jdbc.sql("""
                SELECT slo, flow, objective, breached, breached_since, records, detail, evaluated_at FROM slo_status
                 ORDER BY breached DESC, slo""")
                .query((rs, n) -> new SloResult(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getObject(5, OffsetDateTime.class), rs.getInt(6),
                        rs.getString(7) == null || rs.getString(7).isEmpty() ? List.of()
                                : List.of(rs.getString(7).split("\n")),
                        rs.getObject(8, OffsetDateTime.class)))
                .list();
    }

    private List<String> offenders(SloDefinition slo, Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        return switch (slo.type()) {
            case FILE_HANDLED_WITHIN -> jdbc.sql("""
                    SELECT f.partner || ': ' || coalesce(s.invoice_number || ' in ', '') || f.name
                           || ' (dropped ' || to_char(coalesce(f.dropped_at, f.received_at) AT TIME ZONE 'UTC',
                                                      'YYYY-MM-DD HH24:MI') || ' UTC, ' || coalesce(s.outcome, f.state) || ')'
                      FROM inbound_file f
                      LEFT JOIN invoice_staging s ON s.inbound_file_id = f.id AND s.outcome IN ('STAGED', 'MATCHED')
                     WHERE f.document_type = :type
                       AND coalesce(f.dropped_at, f.received_at) < CAST(:now AS TIMESTAMPTZ) - CAST(:within AS INTERVAL)
                       AND (f.state IN ('CLAIMED', 'STAGED') OR s.id IS NOT NULL)
                     ORDER BY coalesce(f.dropped_at, f.received_at), f.id, s.id""")
                    .param("type", slo.documentType()).param("now", at)
                    .param("within", slo.within().toMillis() + " milliseconds").query(String.class).list();
            case COMPLETED_BY -> late(slo, now);
            case APPROVAL_DECIDED_WITHIN -> jdbc.sql("""
                    SELECT '#' || id || ' ' || subject || ' (asked ' || to_char(requested_at AT TIME ZONE 'UTC',
                           'YYYY-MM-DD HH24:MI') || ' UTC)' FROM approval_request
                     WHERE state = 'PENDING' AND requested_at < :cutoff
                       AND (CAST(:job AS TEXT) IS NULL OR job_name = :job)
                     ORDER BY requested_at, id""")
                    .param("cutoff", businessDaysBefore(now, slo.businessDays(), ZoneId.of(slo.timeZone())))
                    .param("job", slo.job()).query(String.class).list();
            case EVENT_APPLIED_WITHIN -> unapplied(slo, at);
        };
    }

    /**
     * MES events neither applied nor otherwise settled (STAGED, or MARKED by a run that has not finished its Odoo
     * calls) {@code within} after they happened on the shop floor. Events waiting for an approver count as handled:
     * the approvals objective watches them.
     */
    private List<String> unapplied(SloDefinition slo, OffsetDateTime at) {
        return jdbc.sql("""
                SELECT plant || ': event ' || event_id || ' ' || event_type
                       || coalesce(' ' || trim_scale(quantity), '') || ' of ' || mo_name
                       || ' (happened ' || to_char(event_time AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')
                       || ' UTC, staged ' || to_char(staged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC, '
                       || state || ')'
                  FROM mes_event
                 WHERE state IN ('STAGED', 'MARKED')
                   AND event_time < CAST(:now AS TIMESTAMPTZ) - CAST(:within AS INTERVAL)
                   AND (cardinality(CAST(:plants AS TEXT[])) = 0 OR plant = ANY (CAST(:plants AS TEXT[])))
                 ORDER BY event_time, id""")
                .param("now", at).param("within", slo.within().toMillis() + " milliseconds")
                .param("plants", slo.scopes().toArray(String[]::new)).query(String.class).list();
    }

    /** Scopes whose run for the last passed deadline's business date has not completed. */
    private List<String> late(SloDefinition slo, Instant now) {
        ZoneId zone = ZoneId.of(slo.timeZone());
        ZonedDateTime local = now.atZone(zone);
        LocalDate deadlineDay = local.toLocalTime().isBefore(slo.by()) ? local.toLocalDate().minusDays(1)
                : local.toLocalDate();
        LocalDate businessDate = deadlineDay.plusDays(slo.businessDateOffsetDays());
        List<String> scopes = slo.scopes().isEmpty() ? Collections.singletonList(null) : slo.scopes();
        List<String> late = new ArrayList<>();
        for (String scope : scopes) {
            boolean done = jdbc.sql("""
                    SELECT EXISTS (SELECT 1 FROM batch_job_execution e
                      JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                      JOIN batch_job_execution_params d ON d.job_execution_id = e.job_execution_id
                           AND d.parameter_name = 'businessDate' AND d.parameter_value = :date
                     WHERE i.job_name = :job
                       AND (e.status = 'COMPLETED' OR (e.status = 'STOPPED' AND e.exit_code = 'AWAITING_APPROVAL'))
                       AND e.end_time <= CAST(:deadline AS TIMESTAMPTZ) AT TIME ZONE current_setting('TimeZone')
                       AND (CAST(:scope AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM batch_job_execution_params s
                            WHERE s.job_execution_id = e.job_execution_id AND s.parameter_name = :scopeParameter
                              AND s.parameter_value = :scope)))""")
                    .param("date", businessDate.toString()).param("job", slo.job())
                    .param("deadline", deadlineDay.atTime(slo.by()).atZone(zone).toOffsetDateTime())
                    .param("scope", scope).param("scopeParameter", slo.scopeParameter())
                    .query(Boolean.class).single();
            if (!done) {
                late.add((scope == null ? slo.job() : scope) + ": business date " + businessDate + " not completed by "
                        + deadlineDay + " " + slo.by() + " " + zone);
            }
        }
        return late;
    }

    static OffsetDateTime businessDaysBefore(Instant now, int days, ZoneId zone) {
        ZonedDateTime t = now.atZone(zone);
        int left = days;
        while (left > 0) {
            t = t.minusDays(1);
            if (t.getDayOfWeek() != DayOfWeek.SATURDAY && t.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return t.toOffsetDateTime();
    }

    private SloResult record(String name, SloDefinition slo, List<String> offenders, Instant now) {
        boolean breach = !offenders.isEmpty();
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        List<String> named = offenders.size() > NAMED ? offenders.subList(0, NAMED) : offenders;
        Boolean was = jdbc.sql("SELECT breached FROM slo_status WHERE slo = :slo").param("slo", name)
                .query(Boolean.class).optional().orElse(false);
        OffsetDateTime since = jdbc.sql("""
                INSERT INTO slo_status (slo, flow, objective, breached, breached_since, records, detail, evaluated_at)
                VALUES (:slo, :flow, :objective, :breached, CASE WHEN :breached THEN CAST(:at AS TIMESTAMPTZ) END,
                        :records, :detail, :at)
                ON CONFLICT (slo) DO UPDATE SET flow = :flow, objective = :objective, breached = :breached,
                       breached_since = CASE WHEN NOT :breached THEN NULL
                                             ELSE coalesce(slo_status.breached_since, CAST(:at AS TIMESTAMPTZ)) END,
                       records = :records, detail = :detail, evaluated_at = :at
                RETURNING breached_since""")
                .param("slo", name).param("flow", slo.flow()).param("objective", objective(slo))
                .param("breached", breach).param("at", at).param("records", offenders.size())
                .param("detail", String.join("\n", named)).query(OffsetDateTime.class).optional().orElse(null);
        breached.get(name).set(breach ? 1 : 0);
        records.get(name).set(offenders.size());
        if (breach && !was) {
            meters.counter("plantsync.slo.breaches", "slo", name, "flow", slo.flow()).increment();
            log.warn("SLO breach slo={} flow={} records={} objective=\"{}\": {}", name, slo.flow(), offenders.size(),
                    objective(slo), named);
        } else if (!breach && was) {
            log.info("SLO met again slo={} flow={}", name, slo.flow());
        }
        return new SloResult(name, slo.flow(), objective(slo), breach, since, offenders.size(), named, at);
    }

    private static String objective(SloDefinition slo) {
        if (slo.objective() != null) {
            return slo.objective();
        }
        return switch (slo.type()) {
            case FILE_HANDLED_WITHIN -> "every " + slo.documentType() + " file handled within " + slo.within();
            case COMPLETED_BY -> slo.job() + " completed by " + slo.by() + " " + slo.timeZone();
            case APPROVAL_DECIDED_WITHIN -> "no approval older than " + slo.businessDays() + " business days";
            case EVENT_APPLIED_WITHIN -> "every MES event applied to Odoo within " + slo.within() + " of happening";
        };
    }
}
