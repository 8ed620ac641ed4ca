package dev.plantsync.reconciliation;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.plantsync.operations.JobControlException;
import dev.plantsync.platform.Downloads;
import dev.plantsync.platform.ReportExport;
import dev.plantsync.platform.Actor;
import dev.plantsync.platform.AuditLog;
import dev.plantsync.platform.StreamedQueries;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Reconciliation reports as finance uses them, the same for inventory, postings and valuation: the run's summary next
 * to the previous run's (new, resolved, value trend), its breaks and extra tables, exports, the sign-off and
 * per-break annotations (both audited).
 */
@Service
public class ReconciliationReports {

    public enum Annotation { EXPLAINED, TO_FIX, FIXED }

    /** {@code leftRows}/{@code rightRows}: the sizes of the two sides compared, labelled per kind. */
    public record Summary(String kind, long run, String scope, LocalDate runDate, Integer leftRows, Integer rightRows,
            int breaks, BigDecimal breakValue, BigDecimal unexplained, Integer newBreaks, Integer resolvedBreaks,
            Integer flaggedBreaks, Map<String, BigDecimal> valueByCategory, Map<String, Integer> countByCategory,
            Long previousRun, BigDecimal previousBreakValue, String reviewedBy, OffsetDateTime reviewedAt,
            String reviewComment) {
    }

    private final JdbcClient jdbc;
    private final StreamedQueries streamed;
    private final AuditLog audit;

    ReconciliationReports(JdbcClient jdbc, StreamedQueries streamed, AuditLog audit) {
        this.jdbc = jdbc;
        this.streamed = streamed;
        this.audit = audit;
    }

    public Optional<Summary> summary(ReportKind kind, long run) {
        Map<String, BigDecimal> values = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        jdbc.sql(kind.categoryTotalsQuery()).param("run", run).query(rs -> {
            counts.put(rs.getString("category"), rs.getInt("n"));
            values.put(rs.getString("category"), rs.getBigDecimal("v"));
        });
        return jdbc.sql("""
                SELECT r.*, p.break_value AS previous_value FROM reconciliation_report r
                  LEFT JOIN reconciliation_report p ON p.kind = r.kind AND p.job_instance_id = r.previous_job_instance_id
                 WHERE r.kind = :kind AND r.job_instance_id = :run""").param("kind", kind.path()).param("run", run)
                .query((rs, n) -> new Summary(kind.path(), run, rs.getString("scope"),
                        rs.getObject("run_date", LocalDate.class), rs.getObject("left_rows", Integer.class),
                        rs.getObject("right_rows", Integer.class), rs.getInt("breaks"), rs.getBigDecimal("break_value"),
                        rs.getBigDecimal("unexplained"), rs.getObject("new_breaks", Integer.class),
                        rs.getObject("resolved_breaks", Integer.class), rs.getObject("flagged_breaks", Integer.class),
                        values, counts, rs.getObject("previous_job_instance_id", Long.class),
                        rs.getBigDecimal("previous_value"), rs.getString("reviewed_by"),
                        rs.getObject("reviewed_at", OffsetDateTime.class), rs.getString("review_comment")))
                .optional();
    }

    /** The latest runs of a kind, newest first; {@code scope} (a site for inventory) narrows when given. */
    public List<Summary> recent(ReportKind kind, String scope, int limit) {
        return jdbc.sql("""
                SELECT job_instance_id FROM reconciliation_report
                 WHERE kind = :kind AND (CAST(:scope AS TEXT) IS NULL OR scope = :scope)
                 ORDER BY run_date DESC, job_instance_id DESC LIMIT :limit""")
                .param("kind", kind.path()).param("scope", scope).param("limit", limit).query(Long.class).list()
                .stream().map(r -> summary(kind, r).orElseThrow()).toList();
    }

    /** One point of a report's trend: a run's date, breaks and values. */
    public record TrendPoint(long run, LocalDate runDate, String scope, int breaks, BigDecimal breakValue,
            BigDecimal unexplained, String reviewedBy) {
    }

    /** The last {@code limit} runs of a kind (and scope), oldest first, in one query. */
    public List<TrendPoint> trend(ReportKind kind, String scope, int limit) {
        List<TrendPoint> points = new ArrayList<>(jdbc.sql("""
                SELECT job_instance_id, run_date, scope, breaks, break_value, unexplained, reviewed_by
                  FROM reconciliation_report
                 WHERE kind = :kind AND (CAST(:scope AS TEXT) IS NULL OR scope = :scope)
                 ORDER BY run_date DESC, job_instance_id DESC LIMIT :limit""")
                .param("kind", kind.path()).param("scope", scope).param("limit", limit)
                .query((rs, n) -> new TrendPoint(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3),
                        rs.getInt(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(7)))
                .list());
        Collections.reverse(points);
        return points;
    }

    /** The scopes a kind has reports for (sites for inventory). */
    public List<String> scopes(ReportKind kind) {
        return jdbc.sql("SELECT DISTINCT scope FROM reconciliation_report WHERE kind = :kind ORDER BY scope")
                .param("kind", kind.path()).query(String.class).list();
    }

    /** Which breaks a list shows: a category, at least so many nights open, at least this absolute value. */
    public record BreakFilter(String category, int minNights, BigDecimal minValue) {
        public BreakFilter {
            category = category == null || category.isBlank() ? null : category;
            minValue = minValue == null ? BigDecimal.ZERO : minValue.abs();
        }

        boolean all() {
            return category == null && minNights <= 0 && minValue.signum() == 0;
        }
    }

    /** A page of a run's breaks (columns as {@link ReportKind#breakColumns()}), largest value first, and how many match. */
    public record BreakPage(List<Map<String, Object>> rows, int matching) {
    }

    public BreakPage breaks(ReportKind kind, Summary run, BreakFilter filter, int offset, int limit) {
        Map<String, Object> where = new HashMap<>();
        where.put("run", run.run());
        where.put("category", filter.category());
        where.put("minNights", filter.minNights());
        where.put("minValue", filter.minValue());
        // Unfiltered, the run's summary already knows how many: no count over the whole run.
        int matching = filter.all() ? run.breaks()
                : jdbc.sql(kind.filteredBreaksQuery(true)).params(where).query(Integer.class).single();
        where.put("offset", offset);
        where.put("limit", limit);
        List<Map<String, Object>> rows = jdbc.sql(kind.filteredBreaksQuery(false)).params(where).query().listOfRows();
        return new BreakPage(rows, matching);
    }

    /** Streams the run's breaks, or one of its sections, into {@code export} (CSV or XLSX), never holding them all. */
    public void export(ReportKind kind, long run, String section, ReportExport export) {
        if ("breaks".equals(section)) {
            streamed.export(kind.breaksQuery(), export, kind.breakHeader, run);
        } else {
            streamed.export(sectionQuery(kind, section), export, null, run);
        }
    }

    public void exportCsv(ReportKind kind, long run, String section, OutputStream out) {
        export(kind, run, section, ReportExport.csv(out));
    }

    public void exportXlsx(ReportKind kind, long run, String section, OutputStream out) {
        export(kind, run, section, ReportExport.xlsx(out, section));
    }

    /** The run's summary, or a not-found refusal. */
    public Summary require(ReportKind kind, long run) {
        return summary(kind, run).orElseThrow(() -> new JobControlException(
                JobControlException.Reason.UNKNOWN_EXECUTION,
                "no " + kind.path() + " reconciliation report for run " + run));
    }

    /**
     * The run's breaks or one of its sections as a streamed attachment, {@code csv} or {@code xlsx}, named after the
     * report (kind, site, date); unknown runs and sections are refused before anything is sent.
     */
    public ResponseEntity<StreamingResponseBody> download(ReportKind kind, long run, String section, String format) {
        Summary s = require(kind, run);
        requireSection(kind, section);
        String scope = "inventory".equals(s.kind()) ? "-" + s.scope().replaceAll("[^A-Za-z0-9_-]", "_") : "";
        String name = s.kind() + scope + "-" + s.runDate() + ("breaks".equals(section) ? "" : "-" + section) + "."
                + format;
        return "xlsx".equals(format)
                ? Downloads.attachment(name, Downloads.XLSX, out -> exportXlsx(kind, run, section, out))
                : Downloads.attachment(name, Downloads.CSV, out -> exportCsv(kind, run, section, out));
    }

    /** Refuses, before a download starts, a section the kind does not have. */
    public void requireSection(ReportKind kind, String section) {
        if (!"breaks".equals(section) && !kind.sections().containsKey(section)) {
            throw new JobControlException(JobControlException.Reason.UNKNOWN_EXECUTION, noSection(kind, section));
        }
    }

    private static String noSection(ReportKind kind, String section) {
        return "the " + kind.path() + " report has no section " + section + "; it has breaks"
                + String.join("", kind.sections().keySet().stream().map(n -> ", " + n).toList());
    }

    public void breaks(ReportKind kind, long run, RowCallbackHandler handler) {
        streamed.query(kind.breaksQuery(), handler, run);
    }

    public void section(ReportKind kind, long run, String section, RowCallbackHandler handler) {
        streamed.query(sectionQuery(kind, section), handler, run);
    }

    /** Finance signs the report off; a second review replaces the first and both stay in the audit trail. */
    public Summary review(ReportKind kind, long run, String comment, Actor actor) {
        int updated = jdbc.sql("UPDATE " + kind.runTable + " SET reviewed_by = :who, reviewed_at = now(),"
                + " review_comment = :comment WHERE job_instance_id = :run")
                .param("who", actor.name()).param("comment", comment).param("run", run).update();
        if (updated == 0) {
            throw new JobControlException(JobControlException.Reason.UNKNOWN_EXECUTION,
                    "no " + kind.path() + " reconciliation report for run " + run);
        }
        audit.record(actor, kind.path() + "-report.review", kind.runTable + ":" + run, "REVIEWED", comment);
        return summary(kind, run).orElseThrow();
    }

    /** An annotation status as a form or request names it, or a bad-parameters refusal. */
    public static Annotation annotation(String status) {
        try {
            return Annotation.valueOf(String.valueOf(status));
        } catch (IllegalArgumentException e) {
            throw new JobControlException(JobControlException.Reason.BAD_PARAMETERS,
                    "status must be one of EXPLAINED, TO_FIX, FIXED, not " + status);
        }
    }

    public void annotate(ReportKind kind, long breakId, Annotation annotation, String note, Actor actor) {
        int updated = jdbc.sql("UPDATE " + kind.breakTable + " SET annotation = :annotation, annotation_note = :note,"
                + " annotated_by = :who, annotated_at = now() WHERE id = :id")
                .param("annotation", annotation.name()).param("note", note).param("who", actor.name())
                .param("id", breakId).update();
        if (updated == 0) {
            throw new JobControlException(JobControlException.Reason.UNKNOWN_EXECUTION,
                    "no " + kind.path() + " break " + breakId);
        }
        audit.record(actor, kind.path() + "-break.annotate", kind.breakTable + ":" + breakId, annotation.name(),
                note);
    }

    /**
     * Stores the previous run of the kind on {@code run} and how many breaks are new and resolved since then (by the
     * kind's break key). Inventory ages its breaks itself, per site.
     */
    static void compareWithPrevious(JdbcClient jdbc, ReportKind kind, long run) {
        Long previous = jdbc.sql("SELECT max(job_instance_id) FROM " + kind.runTable + " WHERE job_instance_id < :run")
                .param("run", run).query(Long.class).optional().orElse(null);
        long other = previous == null ? -1 : previous;
        int fresh = jdbc.sql(kind.newBreaksQuery()).param("run", run).param("previous", other).query(Integer.class)
                .single();
        int resolved = jdbc.sql(kind.resolvedBreaksQuery()).param("run", run).param("previous", other)
                .query(Integer.class).single();
        jdbc.sql("UPDATE " + kind.runTable + " SET previous_job_instance_id = :previous, new_breaks = :fresh,"
                + " resolved_breaks = :resolved WHERE job_instance_id = :run")
                .param("previous", previous, java.sql.Types.BIGINT).param("fresh", fresh).param("resolved", resolved)
                .param("run", run).update();
    }

    private static String sectionQuery(ReportKind kind, String section) {
        String query = kind.sections().get(section);
        if (query == null) {
            throw new JobControlException(JobControlException.Reason.UNKNOWN_EXECUTION, noSection(kind, section));
        }
        return query;
    }
}
