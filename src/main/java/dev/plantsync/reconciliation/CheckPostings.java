package dev.plantsync.reconciliation;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import dev.plantsync.invoices.BillFingerprint;
import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooRecord;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every write in the odoo_write ledger over the window, checked against Odoo a page at a time (one or two reads per
 * page and model): a bill deleted, cancelled or changed since PlantSync posted it, a master-data value someone
 * changed by hand. Re-running replaces this run's breaks.
 */
class CheckPostings implements Tasklet {

    static final int PAGE = 500;

    private final OdooClient odoo;
    private final JdbcClient jdbc;
    private final ObjectMapper json = new ObjectMapper();

    CheckPostings(OdooClient odoo, JdbcClient jdbc) {
        this.odoo = odoo;
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var step = chunkContext.getStepContext().getStepExecution();
        long run = step.getJobExecution().getJobInstance().getId();
        String days = step.getJobParameters().getString("windowDays");
        int window = days == null ? 35 : Integer.parseInt(days);
        jdbc.sql("DELETE FROM posting_break WHERE job_instance_id = :run").param("run", run).update();
        int checked = 0;
        long after = 0;
        while (true) {
            List<LedgerEntry> page = jdbc.sql("""
                    SELECT id, model, business_key, odoo_id, state, written_values #>> '{}' AS values_text,
                           written_values::text AS values_json, job_name, updated_at
                      FROM odoo_write
                     WHERE id > :after AND odoo_id IS NOT NULL AND state IN ('CREATED', 'UPDATED', 'CONFIRMED')
                       AND updated_at > now() - make_interval(days => :days)
                     ORDER BY id LIMIT :page""")
                    .param("after", after).param("days", window).param("page", PAGE)
                    .query((rs, n) -> new LedgerEntry(rs.getLong("id"), rs.getString("model"),
                            rs.getString("business_key"), rs.getInt("odoo_id"), rs.getString("state"),
                            BillFingerprint.MODEL.equals(rs.getString("model")) ? rs.getString("values_text")
                                    : rs.getString("values_json"),
                            rs.getString("job_name"), rs.getObject("updated_at", OffsetDateTime.class)))
                    .list();
            if (page.isEmpty()) {
                break;
            }
            after = page.get(page.size() - 1).id();
            checked += page.size();
            Map<String, List<LedgerEntry>> byModel = page.stream()
                    .collect(Collectors.groupingBy(LedgerEntry::model));
            byModel.forEach((model, entries) -> {
                if (BillFingerprint.MODEL.equals(model)) {
                    checkBills(run, entries);
                } else {
                    checkValues(run, model, entries);
                }
            });
            contribution.incrementReadCount();
        }
        int breaks = jdbc.sql("SELECT count(*) FROM posting_break WHERE job_instance_id = :run").param("run", run)
                .query(Integer.class).single();
        java.time.LocalDate day = step.getJobParameters().getLocalDate("businessDate");
        jdbc.sql("""
                INSERT INTO posting_recon_run (job_instance_id, window_days, checked, breaks, run_date)
                VALUES (:run, :days, :checked, :breaks, :day)
                ON CONFLICT (job_instance_id) DO UPDATE SET window_days = EXCLUDED.window_days,
                    checked = EXCLUDED.checked, breaks = EXCLUDED.breaks, run_date = EXCLUDED.run_date""")
                .param("run", run).param("days", window).param("checked", checked).param("breaks", breaks)
                .param("day", day == null ? java.time.LocalDate.now() : day).update();
        ReconciliationReports.compareWithPrevious(jdbc, ReportKind.POSTINGS, run);
        contribution.incrementWriteCount(breaks);
        return RepeatStatus.FINISHED;
    }

    private void checkBills(long run, List<LedgerEntry> entries) {
        Map<Integer, BillFingerprint.Found> found = BillFingerprint.read(odoo,
                entries.stream().map(LedgerEntry::odooId).toList());
        for (LedgerEntry e : entries) {
            BillFingerprint.Found bill = found.get(e.odooId());
            if (bill == null) {
                record(run, "BILL_MISSING", e, e.writtenValues(), "deleted");
            } else if ("cancel".equals(bill.state())) {
                record(run, "BILL_CANCELLED", e, left(e), "cancelled");
            } else if ("CONFIRMED".equals(e.state()) && !"posted".equals(bill.state())) {
                // Posted by PlantSync, reset to draft since (a draft PlantSync left may be posted by finance: no break).
                record(run, "BILL_CHANGED", e, "state posted", "state " + bill.state());
            } else if (e.writtenValues() != null && !e.writtenValues().equals(bill.comparableWith(e.writtenValues()))) {
                List<String> expected = new ArrayList<>();
                List<String> actual = new ArrayList<>();
                differences(e.writtenValues(), bill.comparableWith(e.writtenValues()), expected, actual);
                record(run, "BILL_CHANGED", e, String.join("; ", expected), String.join("; ", actual));
            }
        }
    }

    /** The state PlantSync left a bill in: posted, or draft (the partner's bills are left for finance). */
    private static String left(LedgerEntry e) {
        return "CONFIRMED".equals(e.state()) ? "posted" : "draft";
    }

    /** The parts ("ref X", "total 12.5", ...) of two fingerprints that differ, each side's. */
    private static void differences(String written, String now, List<String> expected, List<String> actual) {
        List<String> was = List.of(written.split("; "));
        List<String> is = List.of(now.split("; "));
        if (was.size() != is.size()) {
            expected.add(written);
            actual.add(now);
            return;
        }
        for (int i = 0; i < was.size(); i++) {
            if (!was.get(i).equals(is.get(i))) {
                expected.add(was.get(i));
                actual.add(is.get(i));
            }
        }
    }

    /** Master data: each field PlantSync wrote must still hold the value it wrote. */
    private void checkValues(long run, String model, List<LedgerEntry> entries) {
        List<LedgerEntry> withValues = entries.stream().filter(e -> e.writtenValues() != null).toList();
        if (withValues.isEmpty()) {
            return;
        }
        Map<LedgerEntry, JsonNode> written = new HashMap<>();
        java.util.Set<String> fields = new java.util.TreeSet<>();
        for (LedgerEntry e : withValues) {
            JsonNode values = json.readTree(e.writtenValues());
            written.put(e, values);
            for (Iterator<String> names = values.propertyNames().iterator(); names.hasNext();) {
                fields.add(names.next());
            }
        }
        Map<Integer, OdooRecord> current = new HashMap<>();
        for (OdooRecord r : odoo.searchRead(model, Domain.in("id", withValues.stream().map(LedgerEntry::odooId)
                .toList()), new ArrayList<>(fields), null, null, null, Map.of("active_test", false))) {
            current.put(r.id(), r);
        }
        for (LedgerEntry e : withValues) {
            OdooRecord now = current.get(e.odooId());
            if (now == null) {
                record(run, "MASTER_DATA_DRIFT", e, e.writtenValues(), "deleted");
                continue;
            }
            List<String> expected = new ArrayList<>();
            List<String> actual = new ArrayList<>();
            JsonNode values = written.get(e);
            for (Iterator<String> names = values.propertyNames().iterator(); names.hasNext();) {
                String field = names.next();
                String want = text(values.get(field));
                String have = text(now.raw(field));
                if (!Objects.equals(want, have)) {
                    expected.add(field + "=" + want);
                    actual.add(field + "=" + have);
                }
            }
            if (!expected.isEmpty()) {
                record(run, "MASTER_DATA_DRIFT", e, String.join("; ", expected), String.join("; ", actual));
            }
        }
    }

    /** A value as text: many2one as its id, numbers without trailing zeros, false/null as empty. */
    private static String text(Object value) {
        if (value instanceof JsonNode node) {
            if (node.isNull() || (node.isBoolean() && !node.asBoolean())) {
                return "";
            }
            if (node.isArray() && !node.isEmpty()) {
                return text(node.get(0));
            }
            return node.isNumber() ? number(node.decimalValue()) : node.asString();
        }
        if (value == null || Boolean.FALSE.equals(value)) {
            return "";
        }
        if (value instanceof List<?> list && !list.isEmpty()) {
            return text(list.get(0));
        }
        if (value instanceof Number n) {
            return number(new BigDecimal(n.toString()));
        }
        return value.toString();
    }

    private static String number(BigDecimal n) {
        return n.stripTrailingZeros().toPlainString();
    }

    private void record(long run, String category, LedgerEntry e, String expected, String actual) {
        jdbc.sql("""
                INSERT INTO posting_break (job_instance_id, category, model, odoo_id, business_key, expected, actual,
                    written_by_job, written_at)
                VALUES (:run, :category, :model, :id, :key, :expected, :actual, :job, :at)""")
                .param("run", run).param("category", category).param("model", e.model()).param("id", e.odooId())
                .param("key", e.businessKey()).param("expected", expected).param("actual", actual)
                .param("job", e.job()).param("at", e.writtenAt()).update();
    }
}
