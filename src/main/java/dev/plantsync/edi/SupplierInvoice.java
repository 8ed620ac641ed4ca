package dev.plantsync.edi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A supplier invoice in PlantSync's own terms, whatever format it came in. Every amount and quantity is a
 * BigDecimal; {@code source} says where in which file it was read.
 */
public record SupplierInvoice(Source source, String vendorId, String vendorName, String invoiceNumber,
        LocalDate invoiceDate, String currency, List<String> poNumbers, Party billTo, Party shipTo,
        List<InvoiceLine> lines, List<Charge> charges, BigDecimal taxAmount, BigDecimal total) {

    /** Where an invoice came from: file, standard, envelope and message control numbers, first segment or line. */
    public record Source(String file, String format, String senderId, String interchangeControl, String groupControl,
            String messageControl, int position) {
    }

    /** A party named on the invoice (bill-to, ship-to). */
    public record Party(String id, String name) {
    }

    /**
     * One invoiced item. {@code poLineRef} is the buyer's PO line number when the supplier sends it; {@code poNumber}
     * the purchase order of this line when the invoice names one per line (a CSV invoice over two POs), else null: the
     * invoice's POs apply.
     */
    public record InvoiceLine(int lineNumber, String vendorItem, String buyerItem, String description,
            BigDecimal quantity, String uom, BigDecimal unitPrice, BigDecimal amount, String poLineRef, int position,
            String poNumber) {

        public InvoiceLine(int lineNumber, String vendorItem, String buyerItem, String description, BigDecimal quantity,
                String uom, BigDecimal unitPrice, BigDecimal amount, String poLineRef, int position) {
            this(lineNumber, vendorItem, buyerItem, description, quantity, uom, unitPrice, amount, poLineRef, position,
                    null);
        }
    }

    /**
     * A charge (positive, e.g. freight) or allowance (negative) on the whole invoice, with the tax rate (percent) the
     * invoice gives it: its own (X12 TXI in the SAC loop, EDIFACT TAX in the ALC group), else the invoice's summary
     * rate; null when the invoice names none.
     */
    public record Charge(String code, String description, BigDecimal amount, BigDecimal taxPercent) {

        public Charge(String code, String description, BigDecimal amount) {
            this(code, description, amount, null);
        }

        Charge withTaxPercent(BigDecimal percent) {
            return new Charge(code, description, amount, percent);
        }
    }

    /** Sum of line amounts. */
    public BigDecimal linesTotal() {
        return lines.stream().map(InvoiceLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Sum of charges less allowances. */
    public BigDecimal chargesTotal() {
        return charges.stream().map(Charge::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
