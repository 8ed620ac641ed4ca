package dev.plantsync.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import dev.plantsync.support.PlantSyncTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The objectives shipped in {@code jobs/*.yml}, evaluated at chosen instants (the clock is the test's): breached at
 * the right moment and not before, naming the records concerned, met again once they are handled.
 */
@PlantSyncTest
class SloMonitorTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    SloMonitor monitor;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void anInvoiceNotPostedNorQueuedFourHoursAfterItsDropBreaksItsObjective() {
        long file = file("acme", "invoice", "drop-1.edi", "PROCESSED", "2026-12-01T10:00:00Z");
        long invoice = invoice(file, "ACME-9", "MATCHED");
        long queued = invoice(file, "ACME-10", "EXCEPTION");
        file("baltic", "invoice", "stuck.edi", "CLAIMED", "2026-12-01T09:30:00Z");
        file("acme", "invoice", "fresh.edi", "CLAIMED", "2026-12-01T13:00:00Z");

        assertThat(result(monitor.evaluate(at("2026-12-01T13:29:00Z")), "invoices-handled-within-4h").breached())
                .isFalse();

        SloResult late = result(monitor.evaluate(at("2026-12-01T14:01:00Z")), "invoices-handled-within-4h");
        assertThat(late.breached()).isTrue();
        assertThat(late.named()).containsExactly(
                "baltic: stuck.edi (dropped 2026-12-01 09:30 UTC, CLAIMED)",
                "acme: ACME-9 in drop-1.edi (dropped 2026-12-01 10:00 UTC, MATCHED)");
        assertThat(late.flow()).isEqualTo("supplier-invoice-posting");
        assertThat(gauge("plantsync.slo.breached", "invoices-handled-within-4h")).isEqualTo(1);
        assertThat(gauge("plantsync.slo.breach.records", "invoices-handled-within-4h")).isEqualTo(2);
        assertThat(monitor.status()).anySatisfy(s -> {
            assertThat(s.slo()).isEqualTo("invoices-handled-within-4h");
            assertThat(s.breachedSince()).isEqualTo("2026-12-01T14:01Z");
        });

        jdbc.sql("UPDATE invoice_staging SET outcome = 'POSTED' WHERE id = :id").param("id", invoice).update();
        jdbc.sql("UPDATE inbound_file SET state = 'PROCESSED' WHERE name = 'stuck.edi'").update();
        SloResult met = result(monitor.evaluate(at("2026-12-01T14:05:00Z")), "invoices-handled-within-4h");
        assertThat(met.breached()).as("handled; %d stays queued for approval, which the objective allows", queued)
                .isFalse();
        assertThat(met.breachedSince()).isNull();
        assertThat(gauge("plantsync.slo.breached", "invoices-handled-within-4h")).isZero();
        assertThat(meters.counter("plantsync.slo.breaches", "slo", "invoices-handled-within-4h", "flow",
                "supplier-invoice-posting").count()).isEqualTo(1);
    }

    @Test
    void aSiteWithoutACompletedReconciliationBySixIsNamed() {
        completedRun(9001, "inventory-reconciliation", "2026-11-30", "MAIN", "2026-12-01T03:10:00Z");

        assertThat(result(monitor.evaluate(berlin("2026-12-02T05:59")), "inventory-reconciled-by-6").breached())
                .as("at 05:59 the last deadline passed was yesterday's, and it was met").isFalse();

        SloResult late = result(monitor.evaluate(berlin("2026-12-02T06:01")), "inventory-reconciled-by-6");
        assertThat(late.breached()).isTrue();
        assertThat(late.named()).containsExactly(
                "MAIN: business date 2026-12-01 not completed by 2026-12-02 06:00 Europe/Berlin");

        completedRun(9002, "inventory-reconciliation", "2026-12-01", "MAIN", "2026-12-02T07:30:00Z");
        assertThat(result(monitor.evaluate(berlin("2026-12-02T09:00")), "inventory-reconciled-by-6").breached())
                .as("completed, but after the deadline: the day's objective stays missed").isTrue();
        assertThat(result(monitor.evaluate(berlin("2026-12-03T05:00")), "inventory-reconciled-by-6").breached())
                .as("until the next deadline").isTrue();
        completedRun(9003, "inventory-reconciliation", "2026-12-02", "MAIN", "2026-12-03T04:00:00Z");
        assertThat(result(monitor.evaluate(berlin("2026-12-03T06:30")), "inventory-reconciled-by-6").breached())
                .as("the next night on time").isFalse();
    }

    @Test
    void aMasterDataRunWaitingForAnApproverCountsAsDoneAFailedOneDoesNot() {
        ended(9101, "master-data-sync", "2026-12-02", null, "2026-12-02T01:00:00Z", "FAILED", "FAILED");
        assertThat(result(monitor.evaluate(berlin("2026-12-02T05:30")), "master-data-synced-by-5").named())
                .containsExactly("master-data-sync: business date 2026-12-02 not completed by 2026-12-02 05:00 "
                        + "Europe/Berlin");
        ended(9102, "master-data-sync", "2026-12-02", null, "2026-12-02T02:00:00Z", "STOPPED", "AWAITING_APPROVAL");
        assertThat(result(monitor.evaluate(berlin("2026-12-02T05:30")), "master-data-synced-by-5").breached())
                .isFalse();
    }

    @Test
    void anApprovalWaitingMoreThanTwoBusinessDaysIsABreachWeekendsExcluded() {
        jdbc.sql("""
                INSERT INTO approval_request (job_name, job_instance_id, job_execution_id, checkpoint, business_key,
                       subject, reason_code, reason, requested_at)
                VALUES ('supplier-invoice-posting', 1, 1, 'invoice-exceptions', 'k1', 'acme invoice ACME-77',
                        'PRICE_OVER_TOLERANCE', 'price', CAST(:at AS TIMESTAMPTZ))""")
                .param("at", berlin("2026-11-27T10:00").toString()).update();

        assertThat(result(monitor.evaluate(berlin("2026-11-30T11:00")), "approvals-decided-within-2-business-days")
                .breached()).as("Friday 10:00 to Monday 11:00 is one business day").isFalse();
        assertThat(result(monitor.evaluate(berlin("2026-12-01T09:00")), "approvals-decided-within-2-business-days")
                .breached()).isFalse();
        SloResult late = result(monitor.evaluate(berlin("2026-12-01T11:00")),
                "approvals-decided-within-2-business-days");
        assertThat(late.breached()).isTrue();
        assertThat(late.named()).singleElement().satisfies(r -> assertThat(r)
                .endsWith(" acme invoice ACME-77 (asked 2026-11-27 09:00 UTC)"));
    }

    @Test
    void aMesCompletionNotInOdooFifteenMinutesAfterItHappenedBreaksItsObjective() {
        long produced = mesEvent("plant-1", "E-100", "PRODUCED", "WH/MO/00017", "STAGED", "2026-12-01T10:00:00Z");
        long consumed = mesEvent("plant-1", "E-101", "CONSUMED", "WH/MO/00017", "MARKED", "2026-12-01T10:02:00Z");
        mesEvent("plant-1", "E-102", "SCRAPPED", "WH/MO/00018", "APPROVAL", "2026-12-01T09:00:00Z");
        mesEvent("plant-1", "E-103", "PRODUCED", "WH/MO/00018", "EXCEPTION", "2026-12-01T09:00:00Z");
        mesEvent("plant-1", "E-104", "PRODUCED", "WH/MO/00019", "APPLIED", "2026-12-01T09:00:00Z");
        mesEvent("plant-2", "E-100", "PRODUCED", "WH/MO/00020", "STAGED", "2026-12-01T10:10:00Z");

        assertThat(result(monitor.evaluate(at("2026-12-01T10:14:00Z")), "mes-completions-in-odoo-within-15m")
                .breached()).as("14 minutes after the oldest open event happened").isFalse();

        SloResult late = result(monitor.evaluate(at("2026-12-01T10:17:30Z")), "mes-completions-in-odoo-within-15m");
        assertThat(late.breached()).isTrue();
        assertThat(late.flow()).isEqualTo("production-completion-import");
        assertThat(late.named()).as("waiting for an approver or set aside as an exception counts as handled")
                .containsExactly(
                        "plant-1: event E-100 PRODUCED 4.5 of WH/MO/00017 (happened 2026-12-01 10:00 UTC, staged "
                                + "2026-12-01 10:01 UTC, STAGED)",
                        "plant-1: event E-101 CONSUMED 4.5 of WH/MO/00017 (happened 2026-12-01 10:02 UTC, staged "
                                + "2026-12-01 10:03 UTC, MARKED)");
        assertThat(gauge("plantsync.slo.breach.records", "mes-completions-in-odoo-within-15m")).isEqualTo(2);

        jdbc.sql("UPDATE mes_event SET state = 'APPLIED', applied_at = CAST(:at AS TIMESTAMPTZ) WHERE id IN (:ids)")
                .param("at", "2026-12-01T10:18:00Z").param("ids", List.of(produced, consumed)).update();
        SloResult met = result(monitor.evaluate(at("2026-12-01T10:19:00Z")), "mes-completions-in-odoo-within-15m");
        assertThat(met.breached()).isFalse();
        assertThat(met.records()).isZero();
        assertThat(result(monitor.evaluate(at("2026-12-01T10:26:00Z")), "mes-completions-in-odoo-within-15m")
                .named()).as("plant-2's event, 16 minutes old").singleElement()
                .satisfies(r -> assertThat(r).startsWith("plant-2: event E-100 PRODUCED 4.5 of WH/MO/00020"));
    }

    private long mesEvent(String plant, String eventId, String type, String mo, String state, String happened) {
        return jdbc.sql("""
                INSERT INTO mes_event (plant, event_id, line, mo_name, event_type, quantity, event_time, fingerprint,
                       state, job_instance_id, staged_at)
                VALUES (:plant, :event, 2, :mo, :type, 4.500000, CAST(:happened AS TIMESTAMPTZ), md5(:event), :state, 1,
                        CAST(:happened AS TIMESTAMPTZ) + interval '1 minute') RETURNING id""")
                .param("plant", plant).param("event", eventId).param("mo", mo).param("type", type)
                .param("state", state).param("happened", happened).query(Long.class).single();
    }

    private SloResult result(List<SloResult> results, String slo) {
        return results.stream().filter(r -> r.slo().equals(slo)).findFirst().orElseThrow();
    }

    private double gauge(String name, String slo) {
        return meters.get(name).tag("slo", slo).gauge().value();
    }

    private long file(String partner, String type, String name, String state, String dropped) {
        return jdbc.sql("""
                INSERT INTO inbound_file (partner, document_type, name, size_bytes, sha256, state, received_at, dropped_at)
                VALUES (:partner, :type, :name, 1, md5(:name) || md5(:name), :state, CAST(:dropped AS TIMESTAMPTZ),
                        CAST(:dropped AS TIMESTAMPTZ)) RETURNING id""")
                .param("partner", partner).param("type", type).param("name", name).param("state", state)
                .param("dropped", dropped).query(Long.class).single();
    }

    private long invoice(long file, String number, String outcome) {
        return jdbc.sql("""
                INSERT INTO invoice_staging (job_instance_id, inbound_file_id, partner, invoice_number, outcome)
                VALUES (1, :file, 'acme', :number, :outcome) RETURNING id""")
                .param("file", file).param("number", number).param("outcome", outcome).query(Long.class).single();
    }

    private void completedRun(long id, String job, String businessDate, String site, String ended) {
        ended(id, job, businessDate, site, ended, "COMPLETED", "COMPLETED");
    }

    private void ended(long id, String job, String businessDate, String site, String ended, String status,
            String exitCode) {
        jdbc.sql("INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key) VALUES (:id, 0, :job, :key)")
                .param("id", id).param("job", job).param("key", "k" + id).update();
        jdbc.sql("""
                INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time, start_time,
                       end_time, status, exit_code)
                VALUES (:id, 1, :id, CAST(:ended AS TIMESTAMPTZ) AT TIME ZONE current_setting('TimeZone'),
                        CAST(:ended AS TIMESTAMPTZ) AT TIME ZONE current_setting('TimeZone'),
                        CAST(:ended AS TIMESTAMPTZ) AT TIME ZONE current_setting('TimeZone'), :status, :exit)""")
                .param("id", id).param("ended", ended).param("status", status).param("exit", exitCode).update();
        jdbc.sql("""
                INSERT INTO batch_job_execution_params (job_execution_id, parameter_name, parameter_type,
                       parameter_value, identifying)
                SELECT :id, 'businessDate', 'java.time.LocalDate', :date, 'Y'
                UNION ALL SELECT :id, 'site', 'java.lang.String', :site, 'Y' WHERE CAST(:site AS TEXT) IS NOT NULL""")
                .param("id", id).param("date", businessDate).param("site", site).update();
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static Instant berlin(String local) {
        return ZonedDateTime.of(LocalDateTime.parse(local), BERLIN).toInstant();
    }
}
