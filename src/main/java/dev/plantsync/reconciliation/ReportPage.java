package dev.plantsync.reconciliation;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.web.util.HtmlUtils;

/** A report as a plain HTML page: summary, change since the previous run, its sections, then every break (streamed). */
final class ReportPage {

    private ReportPage() {
    }

    static void write(ReportKind kind, ReconciliationReports.Summary s, ReconciliationReports reports,
            PrintWriter out) {
        String title = kind.title() + ": " + ("inventory".equals(s.kind()) ? "site " : "") + s.scope() + ", "
                + s.runDate();
        out.println("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + e(title)
                + "</title></head><body>");
        out.println("<h1>" + e(title) + "</h1>");
        out.println("<table><tr><th>" + e(kind.leftLabel) + "</th><td>" + s.leftRows() + "</td></tr>");
        if (kind.rightLabel != null) {
            out.println("<tr><th>" + e(kind.rightLabel) + "</th><td>" + s.rightRows() + "</td></tr>");
        }
        out.println("<tr><th>Breaks</th><td>" + s.breaks() + " (new " + n(s.newBreaks()) + ", resolved "
                + n(s.resolvedBreaks()) + (s.flaggedBreaks() == null ? "" : ", flagged " + s.flaggedBreaks())
                + ")</td></tr>");
        if (s.breakValue() != null) {
            out.println("<tr><th>Break value</th><td>" + s.breakValue() + "</td></tr>");
        }
        if (s.unexplained() != null) {
            out.println("<tr><th>Unexplained</th><td>" + s.unexplained() + "</td></tr>");
        }
        BigDecimal previous = s.previousBreakValue();
        out.println("<tr><th>Previous run</th><td>" + (s.previousRun() == null ? "none" : s.previousRun()
                + (previous == null || s.breakValue() == null ? ""
                        : ": value " + previous + " (change " + s.breakValue().subtract(previous) + ")"))
                + "</td></tr>");
        out.println("<tr><th>Reviewed</th><td>" + (s.reviewedBy() == null ? "not yet"
                : e(s.reviewedBy()) + " at " + s.reviewedAt() + ": " + e(s.reviewComment())) + "</td></tr></table>");
        out.println("<h2>By category</h2><table><tr><th>Category</th><th>Breaks</th><th>Value</th></tr>");
        s.countByCategory().forEach((category, count) -> out.println("<tr><td>" + e(category) + "</td><td>" + count
                + "</td><td>" + s.valueByCategory().get(category) + "</td></tr>"));
        out.println("</table>");
        kind.sections().keySet().forEach(section -> {
            out.println("<h2>" + e(section) + "</h2><table>");
            reports.section(kind, s.run(), section, new Rows(out, true));
            out.println("</table>");
        });
        out.println("<h2>Breaks</h2><table><tr>");
        kind.breakHeader.forEach(h -> out.print("<th>" + e(h) + "</th>"));
        out.println("</tr>");
        reports.breaks(kind, s.run(), new Rows(out, false));
        out.println("</table></body></html>");
        out.flush();
    }

    /** Table rows as they stream from the database, with a header row from the first row's columns. */
    private static final class Rows implements RowCallbackHandler {

        private final PrintWriter out;
        private boolean headed;

        Rows(PrintWriter out, boolean header) {
            this.out = out;
            this.headed = !header;
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            ResultSetMetaData meta = rs.getMetaData();
            if (!headed) {
                out.print("<tr>");
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    out.print("<th>" + e(meta.getColumnLabel(i)) + "</th>");
                }
                out.println("</tr>");
            }
            headed = true;
            out.print("<tr>");
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                out.print("<td>" + e(rs.getString(i)) + "</td>");
            }
            out.println("</tr>");
        }
    }

    private static String n(Integer value) {
        return value == null ? "-" : value.toString();
    }

    private static String e(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
