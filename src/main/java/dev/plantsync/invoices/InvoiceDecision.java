package dev.plantsync.invoices;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What the match decided for one invoice: outcome, reasons (codes with detail), the Odoo vendor, line matches, the
 * lines flagged (by reason code) and the money and quantity at stake.
 */
record InvoiceDecision(Outcome outcome, List<String> reasons, Long odooPartnerId, Map<Long, LineMatch> lines,
        Map<Long, String> flags, BigDecimal impactAmount, BigDecimal impactQuantity) {

    enum Outcome {
        MATCHED, EXCEPTION, REJECTED
    }

    /** An invoice line's PO line and product in Odoo, and its quantity and unit price in the PO line's unit. */
    record LineMatch(long poLineId, long productId, BigDecimal quantity, BigDecimal unitPrice) {
    }

    static InvoiceDecision rejected(String reason, Long partnerId) {
        return new InvoiceDecision(Outcome.REJECTED, List.of(reason), partnerId, Map.of(), Map.of(), null, null);
    }
}
