package dev.plantsync.edi;

import java.util.Locale;
import java.util.Map;

/**
 * Which documents are plain invoices. PlantSync posts plain invoices only (Odoo vendor bills, {@code in_invoice});
 * a credit note read as an invoice would become a positive bill - money paid instead of money owed back - so every
 * other document type is a located error ({@link EdiError.Code#DOCUMENT_TYPE}) and never staged. Refunds
 * ({@code in_refund}) are future work.
 */
final class DocumentTypes {

    // UN/EDIFACT 1001 (BGM C002): 380 commercial invoice is the one we post. An absent code is taken as 380
    // (C002 is conditional in D.96A; EANCOM makes it mandatory and our partners send 380).
    private static final Map<String, String> EDIFACT = Map.of("381", "credit note", "383", "debit note",
            "384", "corrected invoice", "385", "consolidated invoice", "386", "prepayment invoice",
            "389", "self-billed invoice", "325", "proforma invoice", "396", "factored credit note",
            "532", "forwarder's credit note");

    // X12 640 (BIG07, transaction type): absent or DI (debit invoice) is a plain invoice.
    private static final Map<String, String> X12 = Map.of("CR", "credit memo", "CN", "credit note",
            "DR", "debit memo");

    private DocumentTypes() {
    }

    /** Null when BGM's document name code is a plain invoice, else why it is not posted. */
    static String edifactRefusal(String code) {
        if (code.isEmpty() || "380".equals(code)) {
            return null;
        }
        return refusal("BGM " + code, EDIFACT.get(code), "380 commercial invoices");
    }

    /** Null when BIG07 is a plain invoice, else why it is not posted. */
    static String x12Refusal(String code) {
        String c = code.trim().toUpperCase(Locale.ROOT);
        if (c.isEmpty() || "DI".equals(c)) {
            return null;
        }
        return refusal("BIG07 " + code, X12.get(c), "BIG07 absent or DI (debit invoice)");
    }

    /** Null when the CSV {@code document_type} is a plain invoice (or absent), else why it is not posted. */
    static String csvRefusal(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (v.isEmpty() || "INVOICE".equals(v)) {
            return null;
        }
        return refusal("document_type '" + value + "'", "CREDIT_NOTE".equals(v) ? "credit note" : null,
                "document_type INVOICE");
    }

    private static String refusal(String what, String name, String posted) {
        if (name != null && name.contains("credit")) {
            return "credit notes are not supported yet: " + what + " (" + name + ") would post as a positive bill; "
                    + "enter the refund in Odoo by hand";
        }
        return "document type " + what + (name == null ? "" : " (" + name + ")") + " is not supported yet; only "
                + posted + " are posted";
    }
}
