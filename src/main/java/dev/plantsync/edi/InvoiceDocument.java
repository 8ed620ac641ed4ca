package dev.plantsync.edi;

/**
 * An invoice's own part of its partner's file, to go with its bill as finance's proof: an X12 transaction set (ST..SE)
 * inside its ISA/GS envelope and GE/IEA trailers counting only it, an EDIFACT message (UNH..UNT) inside UNB (UNG)
 * and UNE/UNZ likewise, or a CSV invoice's rows under the file's header. Never the whole file: a drop of 10,000
 * invoices would otherwise go 10,000 times to Odoo.
 * <p>
 * Bounded: a part over the limit ({@link #DEFAULT_LIMIT} unless configured) is not kept; {@code content} is null and
 * {@code note} says how large it was and where it is in the file, and that note is what the bill gets.
 *
 * @param content   the part in the file's own encoding, or null when over the limit
 * @param mimetype  application/edi-x12, application/edifact or text/csv
 * @param extension ".edi" or ".csv"
 * @param size      characters in the part (also when it was not kept)
 * @param note      why there is no content, else null
 */
public record InvoiceDocument(byte[] content, String mimetype, String extension, long size, String note) {

    /** 5 MB: an invoice is a few kilobytes; one this large is attached as a note, not copied into Odoo. */
    public static final int DEFAULT_LIMIT = 5 * 1024 * 1024;

    public static final String X12 = "application/edi-x12";
    public static final String EDIFACT = "application/edifact";
    public static final String CSV = "text/csv";
}
