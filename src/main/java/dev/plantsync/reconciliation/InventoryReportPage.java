package dev.plantsync.reconciliation;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.web.util.HtmlUtils;

/** The report as a plain HTML page: summary, trend against the previous night, then every break (streamed). */
final class InventoryReportPage {

    private InventoryReportPage() {
    }

    static void write(InventoryReports.Summary s, InventoryReports reports, PrintWriter out) {
        out.println("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Inventory reconciliation "
                + e(s.site()) + " " + s.runDate() + "</title></head><body>");
        out.println("<h1>Inventory reconciliation: site " + e(s.site()) + ", " + s.runDate() + "</h1>");
        out.println("<table><tr><th>Odoo quants</th><td>" + s.odooRows() + "</td></tr>");
        out.println("<tr><th>Snapshot lines</th><td>" + s.wmsRows() + "</td></tr>");
        out.println("<tr><th>Breaks</th><td>" + s.breaks() + " (new " + s.newBreaks() + ", resolved "
                + s.resolvedBreaks() + ", flagged " + s.flaggedBreaks() + ")</td></tr>");
        out.println("<tr><th>Break value</th><td>" + s.breakValue() + "</td></tr>");
        BigDecimal previous = s.previousBreakValue();
        out.println("<tr><th>Previous night</th><td>" + (previous == null ? "none"
                : previous + " (change " + s.breakValue().subtract(previous) + ")") + "</td></tr>");
        out.println("<tr><th>Reviewed</th><td>" + (s.reviewedBy() == null ? "not yet"
                : e(s.reviewedBy()) + " at " + s.reviewedAt() + ": " + e(s.reviewComment())) + "</td></tr></table>");
        out.println("<h2>By category</h2><table><tr><th>Category</th><th>Breaks</th><th>Value</th></tr>");
        s.countByCategory().forEach((category, n) -> out.println("<tr><td>" + e(category) + "</td><td>" + n
                + "</td><td>" + s.valueByCategory().get(category) + "</td></tr>"));
        out.println("</table><h2>Breaks</h2><table><tr>");
        InventoryReports.BREAK_HEADER.forEach(h -> out.print("<th>" + e(h) + "</th>"));
        out.println("</tr>");
        reports.breaks(s.run(), new RowCallbackHandler() {
            @Override
            public void processRow(ResultSet rs) throws SQLException {
                out.print("<tr>");
                for (int i = 1; i <= InventoryReports.BREAK_HEADER.size(); i++) {
                    out.print("<td>" + e(rs.getString(i)) + "</td>");
                }
                out.println("</tr>");
            }
        });
        out.println("</table></body></html>");
        out.flush();
    }

    private static String e(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
