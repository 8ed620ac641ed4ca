package dev.plantsync.reconciliation;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.plantsync.operations.JobControlException;
import dev.plantsync.platform.Actor;
import dev.plantsync.platform.AuditLog;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Inventory reconciliation reports as finance uses them: the run's summary next to the previous night's (new,
 * resolved, value trend), its breaks, exports, the sign-off and per-break annotations (both audited).
 */
@Service
public class InventoryReports {

    public enum Annotation { EXPLAINED, TO_FIX, FIXED }

    public record Summary(long run, String site, LocalDate runDate, int odooRows, int wmsRows, int breaks,
            BigDecimal breakValue, int newBreaks, int resolvedBreaks, int flaggedBreaks,
            Map<String, BigDecimal> valueByCategory, Map<String, Integer> countByCategory,
            BigDecimal previousBreakValue, String reviewedBy, OffsetDateTime reviewedAt, String reviewComment) {
    }

    static final String BREAK_COLUMNS = """
            SELECT id, category, location, item, lot, odoo_quantity, wms_quantity, difference, value, first_seen,
                   nights_open, flagged, annotation, annotation_note, annotated_by
              FROM inventory_break WHERE job_instance_id = ? ORDER BY abs(coalesce(value, 0)) DESC, id""";
    static final List<String> BREAK_HEADER = List.of("id", "category", "location", "item", "lot", "odoo_quantity",
            "wms_quantity", "difference", "value", "first_seen", "nights_open", "flagged", "annotation",
            "annotation_note", "annotated_by");

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private final AuditLog audit;

    InventoryReports(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager tm, AuditLog audit) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(template.getDataSource());
        // PostgreSQL streams with a cursor only inside a transaction and with a fetch size.
        this.streaming.setFetchSize(1000);
        this.readOnly = new TransactionTemplate(tm);
        this.readOnly.setReadOnly(true);
        this.audit = audit;
    }

    public Optional<Summary> summary(long run) {
        Map<String, BigDecimal> values = new java.util.TreeMap<>();
        Map<String, Integer> counts = new java.util.TreeMap<>();
        jdbc.sql("""
                SELECT category, count(*) AS n, coalesce(sum(abs(value)), 0) AS v FROM inventory_break
                 WHERE job_instance_id = :run GROUP BY category""").param("run", run).query(rs -> {
                    counts.put(rs.getString("category"), rs.getInt("n"));
                    values.put(rs.getString("category"), rs.getBigDecimal("v"));
                });
        return jdbc.sql("""
                SELECT r.*, (SELECT p.break_value FROM inventory_recon_run p
                              WHERE p.job_instance_id = r.previous_job_instance_id) AS previous_value
                  FROM inventory_recon_run r WHERE r.job_instance_id = :run""").param("run", run)
                .query((rs, n) -> new Summary(run, rs.getString("site"), rs.getObject("run_date", LocalDate.class),
                        rs.getInt("odoo_rows"), rs.getInt("wms_rows"), rs.getInt("breaks"),
                        rs.getBigDecimal("break_value"), rs.getInt("new_breaks"), rs.getInt("resolved_breaks"),
                        rs.getInt("flagged_breaks"), values, counts, rs.getBigDecimal("previous_value"),
                        rs.getString("reviewed_by"), rs.getObject("reviewed_at", OffsetDateTime.class),
                        rs.getString("review_comment")))
                .optional();
    }

    public List<Summary> recent(String site, int limit) {
        return jdbc.sql("""
                SELECT job_instance_id FROM inventory_recon_run WHERE site = :site
                 ORDER BY run_date DESC, job_instance_id DESC LIMIT :limit""")
                .param("site", site).param("limit", limit).query(Long.class).list().stream()
                .map(r -> summary(r).orElseThrow()).toList();
    }

    /** Streams the run's breaks into {@code export} (CSV or XLSX), never holding them all. */
    public void exportBreaks(long run, ReportExport export) {
        readOnly.executeWithoutResult(tx -> {
            streaming.query(BREAK_COLUMNS, export, run);
            export.headerIfEmpty(BREAK_HEADER);
        });
        export.close();
    }

    public void exportCsv(long run, OutputStream out) {
        exportBreaks(run, ReportExport.csv(out));
    }

    public void exportXlsx(long run, OutputStream out) {
        exportBreaks(run, ReportExport.xlsx(out, "breaks"));
    }

    public void breaks(long run, org.springframework.jdbc.core.RowCallbackHandler handler) {
        readOnly.executeWithoutResult(tx -> streaming.query(BREAK_COLUMNS, handler, run));
    }

    /** Finance signs the report off; a second review replaces the first and both stay in the audit trail. */
    public Summary review(long run, String comment, Actor actor) {
        int updated = jdbc.sql("""
                UPDATE inventory_recon_run SET reviewed_by = :who, reviewed_at = now(), review_comment = :comment
                 WHERE job_instance_id = :run""").param("who", actor.name()).param("comment", comment)
                .param("run", run).update();
        if (updated == 0) {
            throw new JobControlException(JobControlException.Reason.UNKNOWN_EXECUTION,
                    "no inventory reconciliation report for run " + run);
        }
        audit.record(actor, "inventory-report.review", "inventory_recon_run:" + run, "REVIEWED", comment);
        return summary(run).orElseThrow();
    }

    public void annotate(long breakId, Annotation annotation, String note, Actor actor) {
        int updated = jdbc.sql("""
                UPDATE inventory_break SET annotation = :annotation, annotation_note = :note, annotated_by = :who,
                       annotated_at = now() WHERE id = :id""")
                .param("annotation", annotation.name()).param("note", note).param("who", actor.name())
                .param("id", breakId).update();
        if (updated == 0) {
            throw new JobControlException(JobControlException.Reason.UNKNOWN_EXECUTION, "no break " + breakId);
        }
        audit.record(actor, "inventory-break.annotate", "inventory_break:" + breakId, annotation.name(), note);
    }
}
