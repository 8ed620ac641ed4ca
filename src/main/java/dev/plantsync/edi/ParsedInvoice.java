package dev.plantsync.edi;

import java.util.List;

/**
 * What a parser made of one invoice (one X12 transaction set, one EDIFACT message, one CSV invoice): the invoice as
 * far as it could be read, and every problem found. Valid when there are no errors. {@code invoice} is null only
 * when nothing usable could be read. {@code document} is the invoice's own part of the file (null when not kept).
 */
public record ParsedInvoice(SupplierInvoice invoice, List<EdiError> errors, SupplierInvoice.Source source,
        InvoiceDocument document) {

    public ParsedInvoice(SupplierInvoice invoice, List<EdiError> errors, SupplierInvoice.Source source) {
        this(invoice, errors, source, null);
    }

    public boolean valid() {
        return invoice != null && errors.isEmpty();
    }
}
