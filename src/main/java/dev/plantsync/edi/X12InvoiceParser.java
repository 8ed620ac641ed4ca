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
    private int isaPosition;
    private List<Interchange.Group> groups = new ArrayList<>();
    private List<EdiError> envelopeErrors = new ArrayList<>();
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

    private X12InvoiceParser(String file, Set<String> knownSenders, InvoiceSink sink) {
        this.file = file;
        this.knownSenders = knownSenders;
        this.sink = sink;
    }

    static void parse(InputStream in, String file, Set<String> knownSenders, InvoiceSink sink) {
        X12InvoiceParser parser = new X12InvoiceParser(file, knownSenders, sink);
        // X12's character sets are within Latin-1; decoding it is far cheaper than UTF-8.
        boolean complete = SegmentReader.read(in, "ISO-8859-1", file, parser::segment, parser::syntax);
        if (complete && parser.isaControl != null) {
            parser.fileError(parser.isaPosition, "ISA", null, EdiError.Code.SYNTAX,
                    "interchange " + parser.isaControl + " has no IEA trailer");
        }
    }

    private void syntax(EdiError e) {
        if (invoice != null) {
            invoice.errors.add(new EdiError(file, isaControl, invoice.source.messageControl(), e.position(), e.segment(),
                    e.element(), e.code(), e.reason()));
        } else {
            fileError(e.position(), e.segment(), e.element(), e.code(), e.reason());
        }
    }

    private void fileError(int position, String segment, Integer element, EdiError.Code code, String reason) {
        EdiError error = new EdiError(file, isaControl, null, position, segment, element, code, reason);
        envelopeErrors.add(error);
        sink.fileError(error);
    }

    private void segment(Segment s) {
        switch (s.tag()) {
            case "ISA" -> {
                isaSenderQualifier = s.get(5).trim();
                isaSender = s.get(6).trim();
                isaReceiverQualifier = s.get(7).trim();
                isaReceiver = s.get(8).trim();
                isaVersion = s.get(12).trim();
                isaControl = s.get(13).trim();
                isaPosition = s.position();
                groups = new ArrayList<>();
                envelopeErrors = new ArrayList<>();
                if (knownSenders != null && !knownSenders.contains(isaSender)) {
                    fileError(s.position(), "ISA", 6, EdiError.Code.UNKNOWN_SENDER, "sender id '" + isaSender
                            + "' is not a registered partner");
                }
            }
            case "GS" -> {
                gsFunctional = s.get(1);
                gsControl = s.get(6).trim();
                gsVersion = s.get(8).trim();
                gsPosition = s.position();
                messages = new ArrayList<>();
            }
            case "ST" -> startTransaction(s);
            case "SE" -> endTransaction(s);
            case "GE" -> {
                if (!s.get(2).trim().equals(gsControl)) {
                    fileError(s.position(), "GE", 2, EdiError.Code.CONTROL_NUMBER_MISMATCH, "GE02 '" + s.get(2)
                            + "' does not match GS06 '" + gsControl + "' (segment " + gsPosition + ")");
                }
                if (!s.get(1).trim().equals(String.valueOf(messages.size()))) {
                    fileError(s.position(), "GE", 1, EdiError.Code.SEGMENT_COUNT, "GE01 says " + s.get(1)
                            + " transaction sets, the group has " + messages.size());
                }
                groups.add(new Interchange.Group(gsFunctional, gsControl, gsVersion, List.copyOf(messages)));
                gsControl = null;
            }
            case "IEA" -> {
                if (!s.get(2).trim().equals(isaControl)) {
                    fileError(s.position(), "IEA", 2, EdiError.Code.CONTROL_NUMBER_MISMATCH, "IEA02 '" + s.get(2)
                            + "' does not match ISA13 '" + isaControl + "' (segment " + isaPosition + ")");
                }
                if (!s.get(1).trim().equals(String.valueOf(groups.size()))) {
                    fileError(s.position(), "IEA", 1, EdiError.Code.SEGMENT_COUNT, "IEA01 says " + s.get(1)
                            + " groups, the interchange has " + groups.size());
                }
                sink.interchange(new Interchange("X12", isaSenderQualifier, isaSender, isaReceiverQualifier, isaReceiver,
                        isaControl, isaVersion, List.copyOf(groups), List.copyOf(envelopeErrors)));
                isaControl = null;
            }
            default -> {
                if (invoice != null) {
                    body(s);
                }
            }
        }
    }

    private void startTransaction(Segment s) {
        stType = s.get(1);
        stPosition = s.position();
        it1Count = 0;
        pendingLine = null;
        inSacLoop = false;
        invoice = new InvoiceBuilder(new SupplierInvoice.Source(file, "X12 " + stType + " " + gsVersion, isaSender,
                isaControl, gsControl, s.get(2).trim(), s.position()));
        invoice.vendorId = isaSender;
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
                addPo(s.get(4));
            }
            case "REF" -> {
                if ("PO".equals(s.get(1))) {
                    addPo(s.get(2));
                }
            }
            case "CUR" -> b.currency = InvoiceBuilder.blankToNull(s.get(2));
            case "N1" -> {
                SupplierInvoice.Party party = new SupplierInvoice.Party(InvoiceBuilder.blankToNull(s.get(4)),
                        InvoiceBuilder.blankToNull(s.get(2)));
                switch (s.get(1)) {
                    case "SE", "VN", "SU" -> {
                        b.vendorName = party.name();
                        if (party.id() != null) {
                            b.vendorId = party.id();
                        }
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
                // TXI03 is the rate: in the SAC loop the charge's, after TDS the invoice's; in the IT1 loop the
                // line's (lines are taxed as their PO lines are, so it is not kept).
                boolean lineLevel = pendingLine != null;
                flushLine();
                BigDecimal tax = b.decimal(s, 2, s.get(2), false, 0);
                if (tax != null) {
                    b.taxAmount = (b.taxAmount == null ? BigDecimal.ZERO : b.taxAmount).add(tax);
                }
                BigDecimal percent = b.decimal(s, 3, s.get(3), false, 0);
                if (inSacLoop) {
                    b.lastChargeTaxPercent(percent);
                } else if (!lineLevel && percent != null) {
                    b.taxPercent = percent;
                }
            }
            case "SAC" -> {
                flushLine();
                inSacLoop = true;
                BigDecimal amount = b.decimal(s, 5, s.get(5), true, 2);
                if (amount != null) {
                    b.charges.add(new SupplierInvoice.Charge(s.get(2), InvoiceBuilder.blankToNull(s.get(15)),
                            "A".equals(s.get(1)) ? amount.negate() : amount));
                }
            }
            case "CTT" -> {
                flushLine();
                inSacLoop = false;
                if (!s.get(1).trim().equals(String.valueOf(it1Count))) {
                    b.error(s, 1, EdiError.Code.SEGMENT_COUNT, "CTT01 says " + s.get(1) + " line items, the invoice has "
                            + it1Count);
                }
            }
            default -> { }
        }
    }

    private void line(Segment s) {
        flushLine();
        inSacLoop = false;
        it1Count++;
        InvoiceBuilder b = invoice;
        BigDecimal quantity = b.decimal(s, 2, s.get(2), true, 0);
        BigDecimal price = b.decimal(s, 4, s.get(4), true, 0);
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
        InvoiceBuilder b = invoice;
        String control = b.source.messageControl();
        if (!s.get(2).trim().equals(control)) {
            b.error(s, 2, EdiError.Code.CONTROL_NUMBER_MISMATCH, "SE02 '" + s.get(2) + "' does not match ST02 '"
                    + control + "' (segment " + stPosition + ")");
        }
        int actual = s.position() - stPosition + 1;
        if (!s.get(1).trim().equals(String.valueOf(actual))) {
            b.error(s, 1, EdiError.Code.SEGMENT_COUNT, "SE01 says " + s.get(1) + " segments, the transaction set has "
                    + actual);
        }
        b.requireHeader(s.position(), "SE");
        if (b.total == null) {
            b.error(s.position(), "SE", null, EdiError.Code.MISSING_MANDATORY, "TDS total is missing");
        } else {
            BigDecimal tax = b.taxAmount == null ? BigDecimal.ZERO : b.taxAmount;
            b.checkTotal(b.totalPosition, b.totalSegment, b.totalElement, b.total,
                    b.linesTotal().add(b.chargesTotal()).add(tax), "TDS01 total");
        }
        ParsedInvoice parsed = b.build();
        messages.add(new Interchange.Message(stType, control, parsed.errors()));
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
