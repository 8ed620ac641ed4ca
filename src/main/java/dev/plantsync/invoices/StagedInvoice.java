package dev.plantsync.invoices;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A staged invoice as the match and post steps read it back. */
record StagedInvoice(long id, long inboundFileId, String partner, String invoiceNumber, LocalDate invoiceDate,
        String currency, List<String> poNumbers, BigDecimal charges, List<Line> lines, List<Charge> chargeLines) {

    StagedInvoice(long id, long inboundFileId, String partner, String invoiceNumber, LocalDate invoiceDate,
            String currency, List<String> poNumbers, BigDecimal charges, List<Line> lines) {
        this(id, inboundFileId, partner, invoiceNumber, invoiceDate, currency, poNumbers, charges, lines, List.of());
    }

    /** {@code poNumber}: the PO this line names itself, null when the invoice's POs apply. */
    record Line(long id, int lineNumber, String vendorItem, String buyerItem, String description, BigDecimal quantity,
            BigDecimal unitPrice, String poLineRef, String uom, String poNumber) {
    }

    /** A charge or allowance as the partner coded it, with its amount (allowances negative). */
    record Charge(String code, String description, BigDecimal amount) {
    }
}
