package dev.plantsync.reconciliation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.plantsync.operations.JobControlException;

/**
 * The three reconciliation reports: where each keeps its run header and breaks, the columns finance sees, how a break
 * is recognised night over night, and the extra tables a report carries besides its breaks. Every query takes the run
 * (job instance id) as its one parameter.
 */
public enum ReportKind {

    INVENTORY("inventory", "inventory_recon_run", "inventory_break", "value",
            List.of("category", "location", "item", "lot"), "Odoo quants", "Snapshot lines",
            List.of("id", "category", "location", "item", "lot", "odoo_quantity", "wms_quantity", "difference", "value",
                    "first_seen", "nights_open", "flagged"),
            Map.of()),

    POSTINGS("postings", "posting_recon_run", "posting_break", "NULL",
            List.of("category", "model", "odoo_id"), "Odoo writes checked", null,
            List.of("id", "category", "model", "business_key", "odoo_id", "expected", "actual", "written_by_job",
                    "written_at"),
            Map.of()),

    VALUATION("valuation", "valuation_recon_report", "valuation_break", "amount",
            List.of("account", "category", "item", "reference"), "Valuation records", "Journal items",
            List.of("id", "account", "category", "item", "reference", "amount"),
            sections(
                    "accounts", """
                            SELECT account, stock_value, ledger_balance, difference, unexplained
                              FROM valuation_recon_run WHERE job_instance_id = ? ORDER BY account""",
                    "products", """
                            WITH r AS (SELECT CAST(? AS BIGINT) AS run)
                            SELECT item, sum(stock) AS stock_value, sum(ledger) AS ledger_balance,
                                   sum(stock) - sum(ledger) AS difference
                              FROM (SELECT item, value AS stock, CAST(0 AS NUMERIC(19, 2)) AS ledger
                                      FROM valuation_recon_record, r WHERE job_instance_id = r.run
                                    UNION ALL
                                    SELECT coalesce(item, '(no product)'), CAST(0 AS NUMERIC(19, 2)), balance
                                      FROM valuation_recon_entry, r WHERE job_instance_id = r.run) v
                             GROUP BY item ORDER BY abs(sum(stock) - sum(ledger)) DESC, item"""));

    private final String path;
    final String runTable;
    final String breakTable;
    private final String valueColumn;
    private final List<String> key;
    final String leftLabel;
    final String rightLabel;
    final List<String> breakHeader;
    private final Map<String, String> sections;

    ReportKind(String path, String runTable, String breakTable, String valueColumn, List<String> key,
            String leftLabel, String rightLabel, List<String> columns, Map<String, String> sections) {
        this.path = path;
        this.runTable = runTable;
        this.breakTable = breakTable;
        this.valueColumn = valueColumn;
        this.key = key;
        this.leftLabel = leftLabel;
        this.rightLabel = rightLabel;
        // Annotations close every break table's columns: finance's word on each break.
        this.breakHeader = concat(columns, List.of("annotation", "annotation_note", "annotated_by"));
        this.sections = sections;
    }

    /** The name in URLs, audit actions and the {@code reconciliation_report} view. */
    public String path() {
        return path;
    }

    public static Optional<ReportKind> of(String path) {
        return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
    }

    /** The kind named in a URL, or a not-found refusal listing the known ones. */
    public static ReportKind require(String path) {
        return of(path).orElseThrow(() -> new JobControlException(JobControlException.Reason.UNKNOWN_EXECUTION,
                "no reconciliation report kind " + path + "; known: "
                        + String.join(", ", Arrays.stream(values()).map(ReportKind::path).toList())));
    }

    /** What finance calls the report. */
    public String title() {
        return switch (this) {
            case INVENTORY -> "Inventory reconciliation";
            case POSTINGS -> "Posting reconciliation";
            case VALUATION -> "Valuation reconciliation";
        };
    }

    /** Columns of a break as lists and exports show them. */
    public List<String> breakColumns() {
        return breakHeader;
    }

    /** Whether breaks carry a money value (postings do not). */
    public boolean valued() {
        return !"NULL".equals(valueColumn);
    }

    /** Whether breaks are aged night over night ({@code nights_open}). */
    public boolean aged() {
        return this == INVENTORY;
    }

    /**
     * Filtered breaks, largest value first; named parameters {@code :run}, {@code :category} (null: all),
     * {@code :minNights} (aged kinds only), {@code :minValue}, and for a page {@code :offset}, {@code :limit}.
     */
    String filteredBreaksQuery(boolean count) {
        String where = " FROM " + breakTable + " WHERE job_instance_id = :run"
                + " AND (CAST(:category AS TEXT) IS NULL OR category = :category)"
                + (aged() ? " AND nights_open >= :minNights" : "")
                + " AND abs(coalesce(" + valueColumn + ", 0)) >= :minValue";
        return count ? "SELECT count(*)" + where
                : "SELECT " + String.join(", ", breakHeader) + where + " ORDER BY abs(coalesce(" + valueColumn
                        + ", 0)) DESC, id OFFSET :offset LIMIT :limit";
    }

    /** The run's breaks, largest value first; one positional parameter, the run. */
    String breaksQuery() {
        return "SELECT " + String.join(", ", breakHeader) + " FROM " + breakTable
                + " WHERE job_instance_id = ? ORDER BY abs(coalesce(" + valueColumn + ", 0)) DESC, id";
    }

    /** Per category: count and absolute value (named parameter {@code :run}). */
    String categoryTotalsQuery() {
        return "SELECT category, count(*) AS n, coalesce(sum(abs(" + valueColumn + ")), 0) AS v FROM " + breakTable
                + " WHERE job_instance_id = :run GROUP BY category";
    }

    /** Breaks of {@code :run} whose key was not among {@code :previous}'s ({@code :previous} may be null). */
    String newBreaksQuery() {
        return "SELECT count(*) FROM " + breakTable + " b WHERE b.job_instance_id = :run AND NOT EXISTS (SELECT 1 FROM "
                + breakTable + " p WHERE p.job_instance_id = :previous AND " + sameKey("p", "b") + ")";
    }

    /** Breaks of {@code :previous} no longer among {@code :run}'s. */
    String resolvedBreaksQuery() {
        return "SELECT count(*) FROM " + breakTable + " p WHERE p.job_instance_id = :previous AND NOT EXISTS (SELECT 1"
                + " FROM " + breakTable + " b WHERE b.job_instance_id = :run AND " + sameKey("p", "b") + ")";
    }

    /** Extra tables of this report besides its breaks, by name (each query takes the run as parameter 1). */
    public Map<String, String> sections() {
        return sections;
    }

    private String sameKey(String a, String b) {
        return "(" + String.join(", ", key.stream().map(c -> a + "." + c).toList()) + ") IS NOT DISTINCT FROM ("
                + String.join(", ", key.stream().map(c -> b + "." + c).toList()) + ")";
    }

    private static Map<String, String> sections(String... nameAndQuery) {
        Map<String, String> sections = new LinkedHashMap<>();
        for (int i = 0; i < nameAndQuery.length; i += 2) {
            sections.put(nameAndQuery[i], nameAndQuery[i + 1]);
        }
        return sections;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
