package dev.plantsync.edi;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ANSI X12 810 (004010 and 005010): ISA/GS/ST/BIG/REF/N1/ITD/DTM/CUR/IT1/PID/TDS/TXI/SAC/CTT/SE/GE/IEA, several
 * invoices per interchange and several interchanges per file. Checks control numbers (ISA13/IEA02, GS06/GE02,
 * ST02/SE02), counts (SE01, GE01, IEA01, CTT01), TDS against lines and charges, numbers, dates and the sender.
 * <p>
 * Envelopes follow X12 practice: an error in the interchange envelope (IEA02 not ISA13, IEA01 not the number of
 * groups, an unknown ISA06 sender, no IEA, input that could not be read to the IEA) rejects the whole interchange
 * (TA1, TA104 R with the TA105 note code); an error in a group envelope (GE02 not GS06, GE01 not the number of
 * transaction sets, no GE) rejects the group (997 AK9 R with AK905). The verdict travels in the {@link Interchange}.
 */
final class X12InvoiceParser {

    private final String file;
    private final Set<String> knownSenders;
    private final InvoiceSink sink;

    private String isaSenderQualifier;
    private String isaSender;
    private String isaReceiverQualifier;
    private String isaReceiver;
    private String isaControl;
    private String isaVersion;
    private String isaDate;
    private String isaTime;
    private int isaPosition;
    private List<Interchange.Group> groups = new ArrayList<>();
    /** Every envelope error of the open interchange (its own and its groups'), for the acknowledgement. */
    private List<EdiError> envelopeErrors = new ArrayList<>();
    /** Errors of the interchange envelope itself: any rejects the interchange. */
    private List<EdiError> interchangeErrors = new ArrayList<>();
    /** Errors of the open group's envelope: any rejects the group. */
    private List<EdiError> groupErrors = new ArrayList<>();
    private String gsFunctional;
    private String gsControl;
    private String gsVersion;
    private int gsPosition;
    private List<Interchange.Message> messages = new ArrayList<>();
    private InvoiceBuilder invoice;
    private String stType;
    private int stPosition;
    private SupplierInvoice.InvoiceLine pendingLine;
    private int it1Count;
    /** A TXI now belongs to the SAC read last (the SAC loop), not to the invoice. */
    private boolean inSacLoop;
    /** The SAC read last was SAC01 N (information only): a TXI in its loop concerns no charge of ours. */
    private boolean sacInformational;
    private final List<PercentCharge> percentCharges = new ArrayList<>();
    /** The index of the charge the open SAC loop added, -1 when it added none (SAC N, an unreadable amount). */
    private int sacCharge = -1;
    /** The open transaction set's TXIs, by loop. */
    private X12Taxes taxes = new X12Taxes();
    private int lastPosition;
    private EdiError lastSyntax;

    /** How much of each invoice's own text is kept for its document (0: none); the envelope it is wrapped in. */
    private final int documentLimit;
    private String isaText;
    private String gsText;
    private char terminator = '~';
    private char separator = '*';

    private X12InvoiceParser(String file, Set<String> knownSenders, InvoiceSink sink, int documentLimit) {
        this.file = file;
        this.knownSenders = knownSenders;
        this.sink = sink;
        this.documentLimit = documentLimit;
    }

    static void parse(InputStream in, String file, Set<String> knownSenders, InvoiceSink sink) {
        parse(in, file, knownSenders, sink, 0);
    }

    static void parse(InputStream in, String file, Set<String> knownSenders, InvoiceSink sink, int documentLimit) {
        X12InvoiceParser parser = new X12InvoiceParser(file, knownSenders, sink, documentLimit);
        // X12's character sets are within Latin-1; decoding it is far cheaper than UTF-8.
        boolean complete = SegmentReader.read(in, "ISO-8859-1", file, parser::segment, parser::syntax);
        parser.endOfInput(complete);
    }

    private void syntax(EdiError e) {
        lastSyntax = e;
        if (invoice != null) {
            invoice.errors.add(new EdiError(file, isaControl, invoice.source.messageControl(), e.position(), e.segment(),
                    e.element(), e.code(), e.reason()));
        } else {
            fileError(e.position(), e.segment(), e.element(), e.code(), e.reason());
        }
    }

    /** An envelope error: it belongs to the open group if there is one, else to the open interchange. */
    private EdiError fileError(int position, String segment, Integer element, EdiError.Code code, String reason) {
        EdiError error = new EdiError(file, isaControl, null, position, segment, element, code, reason);
        (gsControl != null ? groupErrors : interchangeErrors).add(error);
        envelopeErrors.add(error);
        sink.fileError(error);
        return error;
    }

    /**
     * Whatever is open when the input ends is closed, so that nothing read is lost without a verdict: a transaction
     * set without SE is an invalid invoice, a group without GE and an interchange without IEA are rejected. When
     * reading stopped early (an element over the reader's limit, unreadable bytes) the interchange is rejected with
     * that error.
     */
    private void endOfInput(boolean complete) {
        EdiError stop = complete ? null : lastSyntax;
        if (stop != null && invoice != null) { // the error is in the invoice's; the envelope needs it too
            EdiError error = new EdiError(file, isaControl, null, stop.position(), stop.segment(), stop.element(),
                    stop.code(), stop.reason());
            envelopeErrors.add(error);
            sink.fileError(error);
            stop = error;
        }
        if (stop != null && isaControl != null && !interchangeErrors.contains(stop)) {
            interchangeErrors.add(0, stop); // the interchange was not read to its end: that is why it is rejected
        }
        if (invoice != null) {
            if (complete) {
                invoice.error(lastPosition, null, null, EdiError.Code.MISSING_MANDATORY, "transaction set "
                        + invoice.source.messageControl() + " has no SE trailer");
            }
            closeTransaction();
        }
        if (gsControl != null) {
            if (complete) {
                fileError(gsPosition, "GS", null, EdiError.Code.MISSING_MANDATORY, "group " + gsControl
                        + " has no GE trailer");
            }
            closeGroup();
        }
        if (isaControl != null) {
            if (complete) {
                fileError(isaPosition, "ISA", null, EdiError.Code.MISSING_MANDATORY, "interchange " + isaControl
                        + " has no IEA trailer");
            }
            closeInterchange();
        }
    }

    private void segment(Segment s) {
        lastPosition = s.position();
        switch (s.tag()) {
            case "ISA" -> {
                if (isaControl != null) {
                    endOfInput(true); // the previous interchange had no IEA
                }
                isaSenderQualifier = s.get(5).trim();
                isaSender = s.get(6).trim();
                isaReceiverQualifier = s.get(7).trim();
                isaReceiver = s.get(8).trim();
                isaDate = s.get(9).trim();
                isaTime = s.get(10).trim();
                isaVersion = s.get(12).trim();
                isaControl = s.get(13).trim();
                isaPosition = s.position();
                if (documentLimit > 0) {
                    isaText = text(s);
                    terminator = s.terminator();
                    separator = s.separator();
                }
                groups = new ArrayList<>();
                envelopeErrors = new ArrayList<>();
                interchangeErrors = new ArrayList<>();
                if (knownSenders != null && !knownSenders.contains(isaSender)) {
                    fileError(s.position(), "ISA", 6, EdiError.Code.UNKNOWN_SENDER, "sender id '" + isaSender
                            + "' is not a registered partner");
                }
            }
            case "GS" -> {
                closeOpenTransaction(s);
                if (gsControl != null) {
                    fileError(gsPosition, "GS", null, EdiError.Code.MISSING_MANDATORY, "group " + gsControl
                            + " has no GE trailer");
                    closeGroup();
                }
                gsFunctional = s.get(1);
                gsControl = s.get(6).trim();
                gsVersion = s.get(8).trim();
                gsPosition = s.position();
                gsText = documentLimit > 0 ? text(s) : null;
                messages = new ArrayList<>();
                groupErrors = new ArrayList<>();
            }
            case "ST" -> {
                closeOpenTransaction(s);
                startTransaction(s);
                invoice.append(s);
            }
            case "SE" -> {
                if (invoice != null) {
                    invoice.append(s);
                }
                endTransaction(s);
            }
            case "GE" -> {
                closeOpenTransaction(s);
                if (gsControl == null) {
                    fileError(s.position(), "GE", null, EdiError.Code.SYNTAX, "GE without GS");
                    return;
                }
                if (!s.get(2).trim().equals(gsControl)) {
                    fileError(s.position(), "GE", 2, EdiError.Code.CONTROL_NUMBER_MISMATCH, "GE02 '" + s.get(2)
                            + "' does not match GS06 '" + gsControl + "' (segment " + gsPosition + ")");
                }
                if (!ControlCount.matches(s.get(1), messages.size())) {
                    fileError(s.position(), "GE", 1, EdiError.Code.SEGMENT_COUNT, "GE01 says " + s.get(1)
                            + " transaction sets, the group has " + messages.size());
                }
                closeGroup();
            }
            case "IEA" -> {
                closeOpenTransaction(s);
                if (gsControl != null) {
                    fileError(gsPosition, "GS", null, EdiError.Code.MISSING_MANDATORY, "group " + gsControl
                            + " has no GE trailer");
                    closeGroup();
                }
                if (isaControl == null) {
                    fileError(s.position(), "IEA", null, EdiError.Code.SYNTAX, "IEA without ISA");
                    return;
                }
                if (!s.get(2).trim().equals(isaControl)) {
                    fileError(s.position(), "IEA", 2, EdiError.Code.CONTROL_NUMBER_MISMATCH, "IEA02 '" + s.get(2)
                            + "' does not match ISA13 '" + isaControl + "' (segment " + isaPosition + ")");
                }
                if (!ControlCount.matches(s.get(1), groups.size())) {
                    fileError(s.position(), "IEA", 1, EdiError.Code.SEGMENT_COUNT, "IEA01 says " + s.get(1)
                            + " groups, the interchange has " + groups.size());
                }
                closeInterchange();
            }
            default -> {
                if (invoice != null) {
                    invoice.append(s);
                    body(s);
                }
            }
        }
    }

    private static String text(Segment s) {
        StringBuilder b = new StringBuilder();
        s.appendText(b);
        return b.toString();
    }

    /**
     * The invoice's own document: its ST..SE in the partner's ISA and GS, with GE and IEA counting just it, so it is
     * a complete interchange any X12 tool reads.
     */
    private InvoiceDocument document() {
        if (documentLimit <= 0 || isaText == null) {
            return null;
        }
        String head = isaText + (gsText == null ? "" : gsText);
        String tail = (gsText == null ? "" : "GE" + separator + "1" + separator + gsControl + terminator + "\n")
                + "IEA" + separator + "1" + separator + isaControl + terminator + "\n";
        return invoice.document(head, tail, InvoiceDocument.X12, ".edi", java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private void closeGroup() {
        groups.add(new Interchange.Group(gsFunctional, gsControl, gsVersion, List.copyOf(messages),
                groupErrors.isEmpty() ? null : groupRejection(groupErrors.get(0))));
        gsControl = null;
        gsText = null;
        groupErrors = new ArrayList<>();
    }

    private void closeInterchange() {
        sink.interchange(new Interchange("X12", isaSenderQualifier, isaSender, isaReceiverQualifier, isaReceiver,
                isaControl, isaVersion, List.copyOf(groups), List.copyOf(envelopeErrors), isaDate, isaTime,
                interchangeErrors.isEmpty() ? null : interchangeRejection(interchangeErrors.get(0))));
        isaControl = null;
    }

    // X12 TA105 (I18) note codes: 001 control numbers differ, 006 invalid sender id, 021 wrong number of included
    // groups, 022 invalid control structure, 023 premature end of file, 024 invalid interchange content.
    private static Interchange.Rejection interchangeRejection(EdiError cause) {
        String code = switch (cause.code()) {
            case CONTROL_NUMBER_MISMATCH -> "001";
            case UNKNOWN_SENDER -> "006";
            case SEGMENT_COUNT -> "021";
            case MISSING_MANDATORY -> "023";
            case TOO_LONG -> "024";
            default -> "022";
        };
        return new Interchange.Rejection(code, "TA1 R " + code, cause);
    }

    // X12 AK905 (716): 3 group trailer missing, 4 control numbers differ, 5 wrong number of included sets.
    private static Interchange.Rejection groupRejection(EdiError cause) {
        String code = switch (cause.code()) {
            case MISSING_MANDATORY -> "3";
            case CONTROL_NUMBER_MISMATCH -> "4";
            case SEGMENT_COUNT -> "5";
            default -> null;
        };
        return new Interchange.Rejection(code, "997 AK9 R" + (code == null ? "" : " " + code), cause);
    }

    /** A transaction set still open when ST, GE, IEA or GS comes had no SE: it ends here, invalid. */
    private void closeOpenTransaction(Segment s) {
        if (invoice != null) {
            invoice.error(s, null, EdiError.Code.MISSING_MANDATORY, "transaction set "
                    + invoice.source.messageControl() + " has no SE trailer");
            closeTransaction();
        }
    }

    /**
     * The invoice's vendor id is the most specific one it carries that the partner registry knows: REF*IA / REF*VR
     * (the vendor number) over N1*SE/VN/SU/RE's N104 over ISA06, which on a VAN or a sender sending for several
     * vendors names the sender, not the vendor. Ids the registry does not know are not taken (without a registry to
     * check against, the most specific one is).
     */
    private void vendorId(String id, int rank) {
        if (id != null && rank > vendorIdRank && (knownSenders == null || knownSenders.contains(id))) {
            invoice.vendorId = id;
            vendorIdRank = rank;
        }
    }

    /** How specific the vendor id taken so far is: 0 ISA06, 1 N1, 2 REF. */
    private int vendorIdRank;

    private void startTransaction(Segment s) {
        stType = s.get(1);
        stPosition = s.position();
        it1Count = 0;
        pendingLine = null;
        inSacLoop = false;
        sacInformational = false;
        sacCharge = -1;
        taxes = new X12Taxes();
        percentCharges.clear();
        invoice = new InvoiceBuilder(new SupplierInvoice.Source(file, "X12 " + stType + " " + gsVersion, isaSender,
                isaControl, gsControl, s.get(2).trim(), s.position()));
        invoice.vendorId = isaSender;
        vendorIdRank = 0;
        invoice.keepText(documentLimit);
        if (!"810".equals(stType)) {
            invoice.error(s, 1, EdiError.Code.UNSUPPORTED, "transaction set " + stType + " is not an invoice (810)");
        }
    }

    private void body(Segment s) {
        InvoiceBuilder b = invoice;
        switch (s.tag()) {
            case "BIG" -> {
                b.invoiceDate = b.date(s, 1, s.get(1));
                b.invoiceNumber = InvoiceBuilder.blankToNull(s.get(2));
                if (b.invoiceNumber == null) {
                    b.error(s, 2, EdiError.Code.MISSING_MANDATORY, "BIG02 invoice number is empty");
                }
                String refusal = DocumentTypes.x12Refusal(s.get(7));
                if (refusal != null) {
                    b.error(s, 7, EdiError.Code.DOCUMENT_TYPE, refusal);
                }
                addPo(s.get(4));
            }
            case "REF" -> {
                if ("PO".equals(s.get(1))) {
                    addPo(s.get(2));
                } else if ("IA".equals(s.get(1)) || "VR".equals(s.get(1))) {
                    vendorId(InvoiceBuilder.blankToNull(s.get(2)), 2); // the vendor number the buyer gave the vendor
                }
            }
            case "CUR" -> b.currency = InvoiceBuilder.blankToNull(s.get(2));
            case "N1" -> {
                SupplierInvoice.Party party = new SupplierInvoice.Party(InvoiceBuilder.blankToNull(s.get(4)),
                        InvoiceBuilder.blankToNull(s.get(2)));
                switch (s.get(1)) {
                    case "SE", "VN", "SU", "RE" -> {
                        if (b.vendorName == null || !"RE".equals(s.get(1))) {
                            b.vendorName = party.name();
                        }
                        vendorId(party.id(), 1);
                    }
                    case "BT", "BY" -> b.billTo = party;
                    case "ST" -> b.shipTo = party;
                    default -> { }
                }
            }
            case "IT1" -> line(s);
            case "PID" -> {
                if (pendingLine != null) {
                    SupplierInvoice.InvoiceLine l = pendingLine;
                    pendingLine = new SupplierInvoice.InvoiceLine(l.lineNumber(), l.vendorItem(), l.buyerItem(),
                            InvoiceBuilder.blankToNull(s.get(5)), l.quantity(), l.uom(), l.unitPrice(), l.amount(),
                            l.poLineRef(), l.position());
                }
            }
            case "TDS" -> {
                flushLine();
                inSacLoop = false;
                b.total = b.decimal(s, 1, s.get(1), true, 2);
                b.totalPosition = s.position();
                b.totalSegment = "TDS";
                b.totalElement = 1;
            }
            case "TXI" -> {
                // Which loop the TXI is in says whose tax it is (X12Taxes: the summary's is the invoice's, the
                // lines' and charges' its breakdown, counted once). TXI03 is the rate: in the SAC loop the charge's,
                // in the summary the invoice's; in the IT1 loop the line's (lines are taxed as their PO lines are,
                // so it is not kept). The line stays open: PID may follow TXI in the IT1 loop, and so may a second
                // TXI (a state and a city tax).
                String type = s.get(1).trim();
                BigDecimal tax = b.decimal(s, 2, s.get(2), false, 0);
                BigDecimal percent = b.decimal(s, 3, s.get(3), false, 0);
                if (inSacLoop) {
                    if (!sacInformational && sacCharge >= 0) {
                        b.chargeTaxPercent(sacCharge, percent);
                    }
                    taxes.charge(type, tax, percent, sacInformational ? -1 : sacCharge);
                } else if (pendingLine != null) {
                    taxes.line(type, tax);
                } else {
                    taxes.summary(type, tax, percent, s.position());
                    b.invoiceTaxRate(percent);
                }
            }
            case "SAC" -> sac(s);
            case "CTT" -> {
                flushLine();
                inSacLoop = false;
                if (!ControlCount.matches(s.get(1), it1Count)) {
                    b.error(s, 1, EdiError.Code.SEGMENT_COUNT, "CTT01 says " + s.get(1) + " line items, the invoice has "
                            + it1Count);
                }
            }
            default -> { }
        }
    }

    /**
     * SAC, in the summary or in a line's IT1 loop: an allowance (A, negative) or charge (C) with its amount in SAC05
     * (N2). SAC01 N ("no allowance or charge") is information only - a promotion number, a handling code - and is not
     * money. A percentage without an amount (SAC06 base qualifier, SAC07 percent) is the percent of the line it
     * follows, or of all lines in the summary; the amount is worked out when the transaction set ends.
     */
    private void sac(Segment s) {
        InvoiceBuilder b = invoice;
        String indicator = s.get(1).trim();
        SupplierInvoice.InvoiceLine line = pendingLine;
        flushLine();
        inSacLoop = true;
        sacInformational = "N".equals(indicator);
        sacCharge = -1;
        if (sacInformational) {
            return;
        }
        boolean allowance = "A".equals(indicator);
        String description = InvoiceBuilder.blankToNull(s.get(15));
        if (s.get(5).isBlank() && !s.get(7).isBlank()) {
            BigDecimal percent = b.decimal(s, 7, s.get(7), true, 0);
            if (percent != null) {
                b.charges.add(new SupplierInvoice.Charge(s.get(2), description, BigDecimal.ZERO));
                sacCharge = b.charges.size() - 1;
                percentCharges.add(new PercentCharge(sacCharge, percent, allowance, line));
            }
            return;
        }
        BigDecimal amount = b.decimal(s, 5, s.get(5), true, 2);
        if (amount != null) {
            b.charges.add(new SupplierInvoice.Charge(s.get(2), description, allowance ? amount.negate() : amount));
            sacCharge = b.charges.size() - 1;
        }
    }

    /** A SAC given as a percentage: which charge, the percent, and the line it follows (null: the summary's). */
    private record PercentCharge(int index, BigDecimal percent, boolean allowance, SupplierInvoice.InvoiceLine line) {
    }

    /** The percentage SACs' amounts, now that every line is known: rounded to the cent, as the TDS states money. */
    private void percentChargeAmounts() {
        for (PercentCharge p : percentCharges) {
            BigDecimal base = p.line() != null ? (p.line().amount() == null ? BigDecimal.ZERO : p.line().amount())
                    : invoice.linesTotal();
            BigDecimal amount = base.multiply(p.percent()).movePointLeft(2).setScale(2, java.math.RoundingMode.HALF_UP);
            SupplierInvoice.Charge c = invoice.charges.get(p.index());
            invoice.charges.set(p.index(), new SupplierInvoice.Charge(c.code(), c.description(),
                    p.allowance() ? amount.negate() : amount, c.taxPercent()));
        }
        percentCharges.clear();
    }

    private void line(Segment s) {
        flushLine();
        inSacLoop = false;
        it1Count++;
        InvoiceBuilder b = invoice;
        BigDecimal quantity = b.decimal(s, 2, s.get(2), true, 0);
        BigDecimal price = b.decimal(s, 4, s.get(4), true, 0);
        // IT105 (639) says what the price is per: HP per hundred, TP per thousand; the line is billed per unit.
        if (price != null) {
            switch (s.get(5).trim()) {
                case "HP" -> price = price.movePointLeft(2);
                case "TP" -> price = price.movePointLeft(3);
                default -> { }
            }
        }
        String vendorItem = null;
        String buyerItem = null;
        String poLine = null;
        for (int e = 6; e + 1 <= s.size(); e += 2) {
            String qualifier = s.get(e);
            String value = InvoiceBuilder.blankToNull(s.get(e + 1));
            switch (qualifier) {
                case "VP", "VN", "SK" -> vendorItem = vendorItem == null ? value : vendorItem;
                case "BP", "IN" -> buyerItem = buyerItem == null ? value : buyerItem;
                case "PL" -> poLine = value;
                default -> { }
            }
        }
        String number = InvoiceBuilder.blankToNull(s.get(1));
        int lineNumber = number != null && number.chars().allMatch(Character::isDigit) && number.length() < 9
                ? Integer.parseInt(number) : it1Count;
        BigDecimal amount = quantity != null && price != null ? quantity.multiply(price) : null;
        pendingLine = new SupplierInvoice.InvoiceLine(lineNumber, vendorItem, buyerItem, null, quantity,
                InvoiceBuilder.blankToNull(s.get(3)), price, amount, poLine, s.position());
    }

    private void flushLine() {
        if (pendingLine != null) {
            invoice.lines.add(pendingLine);
            pendingLine = null;
        }
    }

    private void endTransaction(Segment s) {
        if (invoice == null) {
            fileError(s.position(), "SE", null, EdiError.Code.SYNTAX, "SE without ST");
            return;
        }
        flushLine();
        percentChargeAmounts();
        InvoiceBuilder b = invoice;
        String control = b.source.messageControl();
        if (!s.get(2).trim().equals(control)) {
            b.error(s, 2, EdiError.Code.CONTROL_NUMBER_MISMATCH, "SE02 '" + s.get(2) + "' does not match ST02 '"
                    + control + "' (segment " + stPosition + ")");
        }
        int actual = s.position() - stPosition + 1;
        if (!ControlCount.matches(s.get(1), actual)) {
            b.error(s, 1, EdiError.Code.SEGMENT_COUNT, "SE01 says " + s.get(1) + " segments, the transaction set has "
                    + actual);
        }
        b.requireHeader(s.position(), "SE");
        taxes.check(b);
        b.taxAmount = taxes.tax();
        if (b.total == null) {
            b.error(s.position(), "SE", null, EdiError.Code.MISSING_MANDATORY, "TDS total is missing");
        } else {
            BigDecimal tax = b.taxAmount == null ? BigDecimal.ZERO : b.taxAmount;
            b.checkTotal(b.totalPosition, b.totalSegment, b.totalElement, b.total,
                    b.linesTotal().add(b.chargesTotal()).add(tax), "TDS01 total");
        }
        closeTransaction();
    }

    private void closeTransaction() {
        flushLine();
        percentChargeAmounts();
        invoice.taxAmount = taxes.tax();
        ParsedInvoice parsed = invoice.build(document());
        messages.add(new Interchange.Message(stType, invoice.source.messageControl(), parsed.errors(), stPosition));
        sink.invoice(parsed);
        invoice = null;
    }

    private void addPo(String po) {
        String value = InvoiceBuilder.blankToNull(po);
        if (value != null && !invoice.poNumbers.contains(value)) {
            invoice.poNumbers.add(value);
        }
    }
}
