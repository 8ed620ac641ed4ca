package dev.plantsync.edi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one invoice while its segments (or CSV rows) stream by, and the problems found on the way, each with
 * its location. Shared by the X12, EDIFACT and CSV parsers so that they check amounts, dates and totals alike.
 */
final class InvoiceBuilder {

    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final BigDecimal TOLERANCE = new BigDecimal("0.01");

    final SupplierInvoice.Source source;
    final List<EdiError> errors = new ArrayList<>();
    String vendorId;
    String vendorName;
    String invoiceNumber;
    LocalDate invoiceDate;
    String currency;
    final List<String> poNumbers = new ArrayList<>();
    SupplierInvoice.Party billTo;
    SupplierInvoice.Party shipTo;
    final List<SupplierInvoice.InvoiceLine> lines = new ArrayList<>();
    final List<SupplierInvoice.Charge> charges = new ArrayList<>();
    BigDecimal taxAmount;
    /** The rates the invoice states outside its lines and charges (X12 summary TXI03, EDIFACT SG6/SG50 TAX). */
    private final java.util.Set<BigDecimal> invoiceTaxRates = new java.util.TreeSet<>();
    BigDecimal total;
    /** Where the stated total was read, for the error when it does not add up. */
    int totalPosition;
    String totalSegment;
    Integer totalElement;

    /** The invoice's own text as read (its segments or CSV rows), for its document; null when not kept. */
    private StringBuilder text;
    private long textLength;
    private int textLimit;

    InvoiceBuilder(SupplierInvoice.Source source) {
        this.source = source;
    }

    /** Keeps the invoice's own text, up to {@code limit} characters (0: none). */
    void keepText(int limit) {
        textLimit = limit;
        text = limit > 0 ? new StringBuilder(256) : null;
    }

    /** Appends a segment of this invoice to its text; past the limit only its length is counted. */
    void append(Segment s) {
        if (text == null) {
            return;
        }
        int before = text.length();
        s.appendText(text);
        textLength += text.length() - before;
        if (textLimit < 0 || textLength > textLimit) {
            textLimit = -1; // over the limit: the text is dropped, its length still counted for the note
            text.setLength(0);
        }
    }

    void appendLine(String line) {
        if (text == null) {
            return;
        }
        textLength += line.length() + 1;
        if (textLimit >= 0 && textLength <= textLimit) {
            text.append(line).append('\n');
        } else {
            textLimit = -1;
            text.setLength(0);
        }
    }

    /**
     * The invoice's document: {@code head} + its text + {@code tail}, encoded in {@code charset}; over the limit a
     * note naming its size and place instead. Null when no text was kept.
     */
    InvoiceDocument document(String head, String tail, String mimetype, String extension,
            java.nio.charset.Charset charset) {
        if (text == null) {
            return null;
        }
        if (textLimit < 0) {
            return new InvoiceDocument(null, mimetype, extension, textLength, "invoice " + invoiceNumber + " is "
                    + textLength + " characters in " + source.file() + " from segment/line " + source.position()
                    + ", over the " + InvoiceDocument.DEFAULT_LIMIT / (1024 * 1024) + " MB attachment limit; see the"
                    + " archived file");
        }
        String whole = head + text + tail;
        return new InvoiceDocument(whole.getBytes(charset), mimetype, extension, textLength, null);
    }

    void error(int position, String segment, Integer element, EdiError.Code code, String reason) {
        errors.add(new EdiError(source.file(), source.interchangeControl(), source.messageControl(), position, segment,
                element, code, reason));
    }

    void error(Segment s, Integer element, EdiError.Code code, String reason) {
        error(s.position(), s.tag(), element, code, reason);
    }

    /** A decimal, or null with an error naming the place; {@code impliedDecimals} for X12's N2 amounts. */
    BigDecimal decimal(Segment s, int element, String text, boolean mandatory, int impliedDecimals) {
        return decimal(s.position(), s.tag(), element, text, mandatory, impliedDecimals);
    }

    BigDecimal decimal(int position, String segment, Integer element, String text, boolean mandatory,
            int impliedDecimals) {
        if (text == null || text.isBlank()) {
            if (mandatory) {
                error(position, segment, element, EdiError.Code.MISSING_MANDATORY, "mandatory amount or quantity is empty");
            }
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text.trim());
            return impliedDecimals > 0 && text.indexOf('.') < 0 ? value.movePointLeft(impliedDecimals) : value;
        } catch (NumberFormatException e) {
            errors.add(new EdiError(source.file(), source.interchangeControl(), source.messageControl(), position,
                    segment, element, EdiError.Code.BAD_NUMBER, "'" + text + "' is not a number", text));
            return null;
        }
    }

    /**
     * An EDIFACT number (ISO 9735 numeric): an optional minus, digits and at most one decimal mark, which is the one
     * the UNA declares or '.' (version 4 allows either); at least one digit before the mark. No thousands separator,
     * no plus sign, no exponent: "1.250,00" is refused rather than guessed at.
     */
    BigDecimal edifactDecimal(int position, String segment, Integer element, String text, boolean mandatory,
            char decimalMark) {
        if (text == null || text.isBlank()) {
            return decimal(position, segment, element, text, mandatory, 0);
        }
        String t = text.trim();
        int marks = 0;
        int digitsBeforeMark = 0;
        boolean digits = false;
        boolean ok = true;
        for (int i = 0; i < t.length() && ok; i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
                digitsBeforeMark += marks == 0 ? 1 : 0;
            } else if (c == decimalMark || c == '.') {
                marks++;
                ok = marks == 1 && digitsBeforeMark > 0;
            } else {
                ok = c == '-' && i == 0;
            }
        }
        if (!ok || !digits) {
            errors.add(new EdiError(source.file(), source.interchangeControl(), source.messageControl(), position,
                    segment, element, EdiError.Code.BAD_NUMBER, "'" + text + "' is not a number (decimal mark '"
                    + decimalMark + "'" + (decimalMark == '.' ? "" : " or '.'") + ", no thousands separator)", text));
            return null;
        }
        return new BigDecimal(decimalMark == '.' ? t : t.replace(decimalMark, '.'));
    }

    LocalDate date(Segment s, int element, String text) {
        return date(s.position(), s.tag(), element, text, CCYYMMDD, "CCYYMMDD");
    }

    LocalDate date(int position, String segment, Integer element, String text, DateTimeFormatter format,
            String pattern) {
        if (text == null || text.isBlank()) {
            error(position, segment, element, EdiError.Code.MISSING_MANDATORY, "invoice date is missing");
            return null;
        }
        try {
            return LocalDate.parse(text.trim(), format);
        } catch (DateTimeParseException e) {
            errors.add(new EdiError(source.file(), source.interchangeControl(), source.messageControl(), position,
                    segment, element, EdiError.Code.BAD_DATE, "'" + text + "' is not a date (" + pattern + ")", text));
            return null;
        }
    }

    /** Checks that a stated total equals what the lines, charges and tax add up to. */
    void checkTotal(int position, String segment, Integer element, BigDecimal stated, BigDecimal expected, String what) {
        // A line whose amount could not be read is reported already; a total that then "does not add up" is noise.
        boolean unreadableLine = lines.stream().anyMatch(l -> l.amount() == null);
        if (!unreadableLine && stated != null && expected != null
                && stated.subtract(expected).abs().compareTo(TOLERANCE) >= 0) {
            error(position, segment, element, EdiError.Code.BAD_TOTAL, what + " " + stated.toPlainString()
                    + " does not equal the sum " + expected.toPlainString());
        }
    }

    /**
     * Checks that a tax stated for the whole invoice equals its breakdown: the lines' tax amounts plus the allowances'
     * and charges'. Each of the {@code amounts} summed, and the stated tax itself, may have been rounded to the cent
     * on its own, so they may differ by up to half a cent each; a larger difference means the two levels disagree,
     * and which one the partner meant is not guessed.
     */
    void checkTaxBreakdown(int position, String segment, Integer element, String what, BigDecimal stated,
            BigDecimal lineTax, BigDecimal chargeTax, int amounts, String detail) {
        BigDecimal breakdown = lineTax.add(chargeTax);
        BigDecimal allowed = HALF_CENT.multiply(BigDecimal.valueOf(amounts + 1L));
        if (stated.subtract(breakdown).abs().compareTo(allowed) > 0) {
            error(position, segment, element, EdiError.Code.BAD_TOTAL, what + " " + stated.toPlainString()
                    + " does not equal the " + detail + " amounts of the lines " + lineTax.toPlainString()
                    + (chargeTax.signum() == 0 ? "" : " and of the allowances and charges " + chargeTax.toPlainString()
                            + " (together " + breakdown.toPlainString() + ")")
                    + ": the invoice's tax is counted once, and rounding " + amounts + " amount(s) to the cent explains"
                    + " at most " + allowed.stripTrailingZeros().toPlainString());
        }
    }

    private static final BigDecimal HALF_CENT = new BigDecimal("0.005");

    void requireHeader(int position, String segment) {
        if (invoiceNumber == null || invoiceNumber.isBlank()) {
            error(position, segment, null, EdiError.Code.MISSING_MANDATORY, "invoice number is missing");
        }
        if (lines.isEmpty()) {
            error(position, segment, null, EdiError.Code.MISSING_MANDATORY, "invoice has no lines");
        }
    }

    BigDecimal linesTotal() {
        return lines.stream().map(SupplierInvoice.InvoiceLine::amount).filter(a -> a != null)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal chargesTotal() {
        return charges.stream().map(SupplierInvoice.Charge::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The rate a charge's own tax segment gives it. */
    void chargeTaxPercent(int charge, BigDecimal percent) {
        if (percent != null && charge >= 0 && charge < charges.size()) {
            charges.set(charge, charges.get(charge).withTaxPercent(percent));
        }
    }

    /** A rate stated for the invoice as a whole. */
    void invoiceTaxRate(BigDecimal percent) {
        if (percent != null) {
            invoiceTaxRates.add(percent); // a TreeSet: 19 and 19.00 are one rate
        }
    }

    /** The one rate the invoice states for itself, null when it states none or several. */
    BigDecimal singleInvoiceTaxRate() {
        return invoiceTaxRates.size() == 1 ? invoiceTaxRates.iterator().next() : null;
    }

    ParsedInvoice build() {
        return build(null);
    }

    ParsedInvoice build(InvoiceDocument document) {
        // A charge without a rate of its own is taxed at the invoice's rate: the tax the invoice gives it.
        // With several rates the invoice does not say which one a charge carries: it gets none here (the partner's
        // setting, else Odoo's totals compared with the invoice's, decide).
        if (invoiceTaxRates.size() == 1) {
            BigDecimal rate = invoiceTaxRates.iterator().next();
            charges.replaceAll(c -> c.taxPercent() == null ? c.withTaxPercent(rate) : c);
        }
        refuseNegativeTotal();
        SupplierInvoice invoice = new SupplierInvoice(source, vendorId, vendorName, invoiceNumber, invoiceDate,
                currency == null || currency.isBlank() ? null : currency, List.copyOf(poNumbers), billTo, shipTo,
                List.copyOf(lines), List.copyOf(charges), taxAmount == null ? BigDecimal.ZERO : taxAmount, total);
        return new ParsedInvoice(invoice, List.copyOf(errors), source, document);
    }

    /**
     * A document whose total is below zero is a credit however it is labelled (some partners send credit memos as
     * plain invoices with negative quantities): it is not a bill, and Odoo refuses to post a vendor bill with a
     * negative total. Told like a credit note, at the stated total when there is one.
     */
    private void refuseNegativeTotal() {
        if (errors.stream().anyMatch(e -> e.code() == EdiError.Code.DOCUMENT_TYPE)) {
            return;
        }
        BigDecimal sum = total != null ? total
                : linesTotal().add(chargesTotal()).add(taxAmount == null ? BigDecimal.ZERO : taxAmount);
        if (sum.signum() < 0) {
            boolean stated = total != null && totalPosition > 0;
            error(stated ? totalPosition : source.position(), stated ? totalSegment : null, stated ? totalElement : null,
                    EdiError.Code.DOCUMENT_TYPE, "credit notes are not supported yet: the invoice total "
                            + sum.toPlainString() + " is negative, a credit and not a bill; enter the refund in Odoo "
                            + "by hand");
        }
    }

    /**
     * {@code amount} per one of {@code per} (a price per 100, a line amount over its quantity): exact when it divides
     * exactly, else to 6 decimals, the precision prices are staged at.
     */
    static BigDecimal perUnit(BigDecimal amount, BigDecimal per) {
        try {
            return amount.divide(per);
        } catch (ArithmeticException notExact) {
            return amount.divide(per, 6, java.math.RoundingMode.HALF_UP);
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
