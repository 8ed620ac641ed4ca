package dev.plantsync.invoices;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A staged invoice as the match and post steps read it back. */
record StagedInvoice(long id, long inboundFileId, String partner, String invoiceNumber, LocalDate invoiceDate,
        String currency, List<String> poNumbers, BigDecimal charges, List<Line> lines) {

    record Line(long id, int lineNumber, String vendorItem, String buyerItem, String description, BigDecimal quantity,
            BigDecimal unitPrice, String poLineRef, String uom) {
    }
}
