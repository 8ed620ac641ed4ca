package dev.plantsync.edi;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * UN/EDIFACT INVOIC (D.96A and D.01B): UNA/UNB/UNG/UNH/BGM/DTM/RFF/NAD/CUX/LIN/PIA/IMD/QTY/MOA/PRI/ALC/UNS/TAX/UNT/
 * UNE/UNZ. Checks UNB/UNZ, UNG/UNE and UNH/UNT references, UNT, UNE and UNZ counts, MOA 79 against the lines and
 * MOA 77 against lines, allowances/charges and tax, numbers (with the UNA's decimal mark), dates and the sender.
 * <p>
 * Envelopes as in ISO 9735: an error in the interchange envelope (UNZ reference not UNB's, UNZ count, unknown sender,
 * no UNZ, input not readable to the UNZ) rejects the whole interchange (CONTRL UCI action 4 with the 0085 error);
 * an error in a UNG/UNE group envelope rejects the group (UCF action 4).
 * <p>
 * Amounts follow the EANCOM INVOIC (D.96A) segment groups, so that each amount is counted once:
 * <ul>
 * <li>heading: SG6 TAX-MOA (tax for the whole invoice), SG15 ALC with SG19 MOA 8/23/204 (invoice allowances and
 * charges; SG21 TAX-MOA within it is the charge's tax, already in the summary);</li>
 * <li>detail: SG25 LIN with MOA 203 (line amount: quantity times net price, so the line's SG38 ALC allowances are
 * inside it and not counted again), SG28 PRI, SG33 TAX-MOA (the line's tax);</li>
 * <li>summary after UNS: SG48 MOA 77 invoice amount (86 message total, 39 invoice total when 77 is absent), 79 total
 * line items, 176 total tax, 125 taxable amount (the tax base, not tax); SG50 TAX-MOA 124 tax per rate (125 its
 * base); SG51 ALC-ALI-MOA allowance/charge totals, used only when the heading has no SG15.</li>
 * </ul>
 * Rule: MOA 77 = MOA 79 + charges - allowances + tax, the tax taken once: MOA 176 when present, else the SG50 MOA
 * 124 per rate, else the lines' SG33, else the heading's SG6. MOA 79 is itself checked against the sum of the lines'
 * MOA 203, and that sum stands in for it in the rule (so a wrong MOA 79 is one error, not two). D.01B carries the
 * same segments under other group numbers.
 */
final class EdifactInvoiceParser {

    private static final DateTimeFormatter D102 = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter D203 = DateTimeFormatter.ofPattern("uuuuMMddHHmm")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter D204 = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withResolverStyle(ResolverStyle.STRICT);

    /** Where in the message a segment is: before the first LIN, in the lines, or after UNS. */
    private enum Section {
        HEADING, DETAIL, SUMMARY
    }

    private final String file;
    private final Set<String> knownSenders;
    private final InvoiceSink sink;

    private String unbSender;
    private String unbSenderQualifier;
    private String unbRecipient;
    private String unbRecipientQualifier;
    private String unbControl;
    private String unbSyntax;
    private String unbDate;
    private String unbTime;
    private int unbPosition;
    private char decimalMark = '.';
    /** Messages outside any UNG (the implicit group). */
    private List<Interchange.Message> messages = new ArrayList<>();
    private List<Interchange.Group> groups = new ArrayList<>();
    private List<EdiError> envelopeErrors = new ArrayList<>();
    private List<EdiError> interchangeErrors = new ArrayList<>();
    private String ungId;
    private String ungControl;
    private String ungVersion;
    private int ungPosition;
    private List<Interchange.Message> groupMessages = new ArrayList<>();
    private List<EdiError> groupErrors = new ArrayList<>();
    private InvoiceBuilder invoice;
    private String messageType;
    private int unhPosition;
    private int lastPosition;
    private EdiError lastSyntax;
    private Section section;
    private String partyQualifier;
    /** The open segment group whose MOA belongs to it: "TAX" (SG6/SG33/SG50), "ALC" (SG15/SG38/SG51), "ALC-TAX". */
    private String group;
    private String allowanceOrCharge;
    private String chargeCode;
    private String chargeDescription;
    private LineDraft line;
    private BigDecimal moa79;
    private int moa79Position;
    private BigDecimal moa176;
    private int moa176Position;
    private BigDecimal summaryTax; // SG48 MOA 124 (some partners' total tax) - used like 176
    private int summaryTaxPosition;
    private BigDecimal[] taxPerRate; // SG6 / SG33 / SG50 MOA 124 sums, indexed by Section
    private int[] taxAmounts; // how many MOA 124 each sum holds
    private int[] taxPosition; // where the first of them is
    private final List<SupplierInvoice.Charge> headingCharges = new ArrayList<>();
    /** A heading allowance's or charge's own tax amount (SG21 MOA 124), by its index in {@link #headingCharges}. */
    private final java.util.Map<Integer, BigDecimal> headingChargeTax = new java.util.HashMap<>();
    private final List<SupplierInvoice.Charge> summaryCharges = new ArrayList<>();

    /** A line item while its segments arrive. */
    private static final class LineDraft {
        int number;
        int position;
        String vendorItem;
        String buyerItem;
        String description;
        BigDecimal quantity;
        String uom;
        BigDecimal price;
        /** Which PRI the price came from (3 AAA, 2 INV/CAL, 1 AAB, 0 none read). */
        int priceRank;
        BigDecimal amount;
        String poLineRef;
        /** Whether the quantity is QTY 47 (not 12 standing in for it). */
        boolean invoicedQuantity;
    }

    /** How much of each invoice's own text is kept for its document (0: none); the envelope it is wrapped in. */
    private int documentLimit;
    private String unbText;
    private String ungText;
    private String unaText;
    private char terminator = '\'';
    private char separator = '+';
    private java.nio.charset.Charset charset = java.nio.charset.StandardCharsets.UTF_8;

    private EdifactInvoiceParser(String file, Set<String> knownSenders, InvoiceSink sink) {
        this.file = file;
        this.knownSenders = knownSenders;
        this.sink = sink;
    }

    static void parse(InputStream in, String charset, String file, Set<String> knownSenders, InvoiceSink sink,
            int documentLimit) {
        EdifactInvoiceParser parser = new EdifactInvoiceParser(file, knownSenders, sink);
        parser.documentLimit = documentLimit;
        parser.charset = java.nio.charset.Charset.forName(charset);
        boolean complete = SegmentReader.read(in, charset, file, parser::segment, parser::syntax);
        parser.endOfInput(complete);
    }

    static void parse(InputStream in, String charset, String file, Set<String> knownSenders, InvoiceSink sink) {
        EdifactInvoiceParser parser = new EdifactInvoiceParser(file, knownSenders, sink);
        boolean complete = SegmentReader.read(in, charset, file, parser::segment, parser::syntax);
        parser.endOfInput(complete);
    }

    private void syntax(EdiError e) {
        lastSyntax = e;
        if (invoice != null) {
            invoice.errors.add(new EdiError(file, unbControl, invoice.source.messageControl(), e.position(), e.segment(),
                    e.element(), e.code(), e.reason()));
        } else {
            fileError(e.position(), e.segment(), e.element(), e.code(), e.reason());
        }
    }

    /** An envelope error: it belongs to the open UNG group if there is one, else to the open interchange. */
    private EdiError fileError(int position, String segment, Integer element, EdiError.Code code, String reason) {
        EdiError error = new EdiError(file, unbControl, null, position, segment, element, code, reason);
        (ungControl != null ? groupErrors : interchangeErrors).add(error);
        envelopeErrors.add(error);
        sink.fileError(error);
        return error;
    }

    /** As in the X12 parser: what is open at the end is closed with a verdict, never dropped. */
    private void endOfInput(boolean complete) {
        EdiError stop = complete ? null : lastSyntax;
        if (stop != null && invoice != null) {
            EdiError error = new EdiError(file, unbControl, null, stop.position(), stop.segment(), stop.element(),
                    stop.code(), stop.reason());
            envelopeErrors.add(error);
            sink.fileError(error);
            stop = error;
        }
        if (stop != null && unbControl != null && !interchangeErrors.contains(stop)) {
            interchangeErrors.add(0, stop);
        }
        if (invoice != null) {
            if (complete) {
                invoice.error(lastPosition, null, null, EdiError.Code.MISSING_MANDATORY, "message "
                        + invoice.source.messageControl() + " has no UNT trailer");
            }
            closeMessage();
        }
        if (ungControl != null) {
            if (complete) {
                fileError(ungPosition, "UNG", null, EdiError.Code.MISSING_MANDATORY, "group " + ungControl
                        + " has no UNE trailer");
            }
            closeGroup();
        }
        if (unbControl != null) {
            if (complete) {
                fileError(unbPosition, "UNB", null, EdiError.Code.MISSING_MANDATORY, "interchange " + unbControl
                        + " has no UNZ trailer");
            }
            closeInterchange();
        }
    }

    private void segment(Segment s) {
        lastPosition = s.position();
        switch (s.tag()) {
            case "UNA" -> { }
            case "UNB" -> {
                if (unbControl != null) {
                    endOfInput(true);
                }
                unbSyntax = s.get(1, 1) + ":" + s.get(1, 2);
                unbSender = s.get(2, 1).trim();
                unbSenderQualifier = s.get(2, 2).trim();
                unbRecipient = s.get(3, 1).trim();
                unbRecipientQualifier = s.get(3, 2).trim();
                unbDate = s.get(4, 1).trim();
                unbTime = s.get(4, 2).trim();
                unbControl = s.get(5).trim();
                unbPosition = s.position();
                decimalMark = s.decimalMark();
                if (documentLimit > 0) {
                    unaText = s.una();
                    unbText = text(s);
                    terminator = s.terminator();
                    separator = s.separator();
                }
                messages = new ArrayList<>();
                groups = new ArrayList<>();
                envelopeErrors = new ArrayList<>();
                interchangeErrors = new ArrayList<>();
                if (knownSenders != null && !knownSenders.contains(unbSender)) {
                    fileError(s.position(), "UNB", 2, EdiError.Code.UNKNOWN_SENDER, "sender id '" + unbSender
                            + "' is not a registered partner");
                }
            }
            case "UNG" -> {
                closeOpenMessage(s);
                if (ungControl != null) {
                    fileError(ungPosition, "UNG", null, EdiError.Code.MISSING_MANDATORY, "group " + ungControl
                            + " has no UNE trailer");
                    closeGroup();
                }
                ungId = s.get(1);
                ungControl = s.get(5).trim();
                ungVersion = s.get(7, 1) + ":" + s.get(7, 2);
                ungPosition = s.position();
                ungText = documentLimit > 0 ? text(s) : null;
                groupMessages = new ArrayList<>();
                groupErrors = new ArrayList<>();
            }
            case "UNH" -> {
                closeOpenMessage(s);
                startMessage(s);
                invoice.append(s);
            }
            case "UNT" -> {
                if (invoice != null) {
                    invoice.append(s);
                }
                endMessage(s);
            }
            case "UNE" -> {
                closeOpenMessage(s);
                if (ungControl == null) {
                    fileError(s.position(), "UNE", null, EdiError.Code.SYNTAX, "UNE without UNG");
                    return;
                }
                if (!s.get(2).trim().equals(ungControl)) {
                    fileError(s.position(), "UNE", 2, EdiError.Code.CONTROL_NUMBER_MISMATCH, "UNE02 '" + s.get(2)
                            + "' does not match UNG05 '" + ungControl + "' (segment " + ungPosition + ")");
                }
                if (!ControlCount.matches(s.get(1), groupMessages.size())) {
                    fileError(s.position(), "UNE", 1, EdiError.Code.SEGMENT_COUNT, "UNE01 says " + s.get(1)
                            + " messages, the group has " + groupMessages.size());
                }
                closeGroup();
            }
            case "UNZ" -> {
                closeOpenMessage(s);
                if (ungControl != null) {
                    fileError(ungPosition, "UNG", null, EdiError.Code.MISSING_MANDATORY, "group " + ungControl
                            + " has no UNE trailer");
                    closeGroup();
                }
                if (unbControl == null) {
                    fileError(s.position(), "UNZ", null, EdiError.Code.SYNTAX, "UNZ without UNB");
                    return;
                }
                if (!s.get(2).trim().equals(unbControl)) {
                    fileError(s.position(), "UNZ", 2, EdiError.Code.CONTROL_NUMBER_MISMATCH, "UNZ02 '" + s.get(2)
                            + "' does not match UNB05 '" + unbControl + "' (segment " + unbPosition + ")");
                }
                // UNZ01 counts the groups when the interchange has UNG groups, else the messages.
                int count = groups.isEmpty() ? messages.size() : groups.size();
                if (!ControlCount.matches(s.get(1), count)) {
                    fileError(s.position(), "UNZ", 1, EdiError.Code.SEGMENT_COUNT, "UNZ01 says " + s.get(1)
                            + (groups.isEmpty() ? " messages" : " groups") + ", the interchange has " + count);
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
     * The invoice's own document: its UNH..UNT in the partner's UNA, UNB (and UNG), with UNE and UNZ counting just
     * it, so it is a complete interchange any EDIFACT tool reads.
     */
    private InvoiceDocument document() {
        if (documentLimit <= 0 || unbText == null) {
            return null;
        }
        String head = unaText + unbText + (ungControl == null || ungText == null ? "" : ungText);
        String tail = (ungControl == null || ungText == null ? ""
                : "UNE" + separator + "1" + separator + ungControl + terminator + "\n")
                + "UNZ" + separator + "1" + separator + unbControl + terminator + "\n";
        return invoice.document(head, tail, InvoiceDocument.EDIFACT, ".edi", charset);
    }

    private void closeGroup() {
        groups.add(new Interchange.Group(ungId, ungControl, ungVersion, List.copyOf(groupMessages),
                groupErrors.isEmpty() ? null : rejection(groupErrors.get(0), "UCF")));
        ungControl = null;
        groupErrors = new ArrayList<>();
    }

    private void closeInterchange() {
        List<Interchange.Group> all = new ArrayList<>();
        if (!messages.isEmpty() || groups.isEmpty()) {
            all.add(new Interchange.Group("INVOIC", null, unbSyntax, List.copyOf(messages), null));
        }
        all.addAll(groups);
        sink.interchange(new Interchange("EDIFACT", unbSenderQualifier, unbSender, unbRecipientQualifier,
                unbRecipient, unbControl, unbSyntax, List.copyOf(all), List.copyOf(envelopeErrors), unbDate, unbTime,
                interchangeErrors.isEmpty() ? null : rejection(interchangeErrors.get(0), "UCI")));
        unbControl = null;
    }

    // EDIFACT 0085 syntax errors: 13 missing, 23 unknown interchange sender, 28 references do not match, 29 control
    // count does not match, 39 data element too long, 12 invalid value.
    static String syntaxError(EdiError.Code code) {
        return switch (code) {
            case MISSING_MANDATORY -> "13";
            case UNKNOWN_SENDER -> "23";
            case DUPLICATE_INTERCHANGE -> "26";
            case CONTROL_NUMBER_MISMATCH -> "28";
            case SEGMENT_COUNT -> "29";
            case TOO_LONG -> "39";
            default -> "12";
        };
    }

    private static Interchange.Rejection rejection(EdiError cause, String segment) {
        String code = syntaxError(cause.code());
        return new Interchange.Rejection(code, "CONTRL " + segment + " 4, error " + code, cause);
    }

    /** A message still open when UNH, UNE, UNZ or UNG comes had no UNT: it ends here, invalid. */
    private void closeOpenMessage(Segment s) {
        if (invoice != null) {
            invoice.error(s, null, EdiError.Code.MISSING_MANDATORY, "message " + invoice.source.messageControl()
                    + " has no UNT trailer");
            closeMessage();
        }
    }

    private void startMessage(Segment s) {
        messageType = s.get(2, 1);
        String version = s.get(2, 2) + "." + s.get(2, 3);
        unhPosition = s.position();
        section = Section.HEADING;
        group = null;
        line = null;
        moa79 = null;
        moa176 = null;
        summaryTax = null;
        taxPerRate = new BigDecimal[Section.values().length];
        taxAmounts = new int[Section.values().length];
        taxPosition = new int[Section.values().length];
        headingCharges.clear();
        headingChargeTax.clear();
        summaryCharges.clear();
        allowanceOrCharge = null;
        invoice = new InvoiceBuilder(new SupplierInvoice.Source(file, "EDIFACT " + messageType + " " + version, unbSender,
                unbControl, ungControl, s.get(1).trim(), s.position()));
        invoice.vendorId = unbSender;
        invoice.keepText(documentLimit);
        if (!"INVOIC".equals(messageType)) {
            invoice.error(s, 2, EdiError.Code.UNSUPPORTED, "message type " + messageType + " is not INVOIC");
        }
        if (!Set.of("D.96A", "D.01B").contains(version)) {
            invoice.error(s, 2, EdiError.Code.UNSUPPORTED, "INVOIC version " + version + " is not D.96A or D.01B");
        }
    }

    private void body(Segment s) {
        InvoiceBuilder b = invoice;
        endGroupUnlessMember(s.tag());
        switch (s.tag()) {
            case "BGM" -> {
                b.invoiceNumber = InvoiceBuilder.blankToNull(s.get(2, 1));
                if (b.invoiceNumber == null) {
                    b.error(s, 2, EdiError.Code.MISSING_MANDATORY, "BGM document number is empty");
                }
                String refusal = DocumentTypes.edifactRefusal(s.get(1, 1));
                if (refusal != null) {
                    b.error(s, 1, EdiError.Code.DOCUMENT_TYPE, refusal);
                }
            }
            case "DTM" -> {
                if ("137".equals(s.get(1, 1)) || "3".equals(s.get(1, 1))) {
                    // 2379: 102 CCYYMMDD; 203 CCYYMMDDHHMM and 204 with seconds, as ERP exports stamp the document
                    String format = s.get(1, 3);
                    switch (format) {
                        case "", "102" -> b.invoiceDate = b.date(s.position(), "DTM", 1, s.get(1, 2), D102, "CCYYMMDD");
                        case "203" -> b.invoiceDate = b.date(s.position(), "DTM", 1, s.get(1, 2), D203,
                                "CCYYMMDDHHMM");
                        case "204" -> b.invoiceDate = b.date(s.position(), "DTM", 1, s.get(1, 2), D204,
                                "CCYYMMDDHHMMSS");
                        default -> b.error(s, 1, EdiError.Code.BAD_DATE, "date format " + format
                                + " is not 102 (CCYYMMDD), 203 or 204");
                    }
                }
            }
            case "RFF" -> {
                String qualifier = s.get(1, 1);
                String value = InvoiceBuilder.blankToNull(s.get(1, 2));
                if (line != null && ("LI".equals(qualifier) || "ON".equals(qualifier) && value != null
                        && s.get(1, 3).length() > 0)) {
                    line.poLineRef = "LI".equals(qualifier) ? value : s.get(1, 3);
                } else if ("ON".equals(qualifier) && value != null && !b.poNumbers.contains(value)) {
                    b.poNumbers.add(value);
                }
            }
            case "NAD" -> {
                partyQualifier = s.get(1);
                SupplierInvoice.Party party = new SupplierInvoice.Party(InvoiceBuilder.blankToNull(s.get(2, 1)),
                        InvoiceBuilder.blankToNull(s.get(4, 1).isEmpty() ? s.get(3, 1) : s.get(4, 1)));
                switch (partyQualifier) {
                    case "SU", "SE" -> {
                        b.vendorName = party.name();
                        if (party.id() != null) {
                            b.vendorId = party.id();
                        }
                    }
                    case "BY", "IV" -> {
                        if (b.billTo == null || "IV".equals(partyQualifier)) {
                            b.billTo = party;
                        }
                    }
                    case "DP", "ST" -> b.shipTo = party;
                    default -> { }
                }
            }
            case "CUX" -> b.currency = InvoiceBuilder.blankToNull(s.get(1, 2));
            case "LIN" -> {
                flushLine();
                section = Section.DETAIL;
                line = new LineDraft();
                line.position = s.position();
                String number = s.get(1);
                line.number = number.chars().allMatch(Character::isDigit) && !number.isEmpty() && number.length() < 9
                        ? Integer.parseInt(number) : b.lines.size() + 1;
                itemId(s.get(3, 1), s.get(3, 2));
            }
            case "PIA" -> {
                if (line != null) {
                    for (int e = 2; e <= s.size(); e++) {
                        itemId(s.get(e, 1), s.get(e, 2));
                    }
                }
            }
            case "IMD" -> {
                if (line != null) {
                    line.description = InvoiceBuilder.blankToNull(s.get(3, 4));
                }
            }
            case "QTY" -> {
                // 47 invoiced quantity; 12 despatched stands in only for a line without 47 (EANCOM sends both, and
                // they differ on a part delivery: the invoice bills 47)
                String qualifier = s.get(1, 1);
                if (line != null && ("47".equals(qualifier) || "12".equals(qualifier) && !line.invoicedQuantity)) {
                    line.quantity = b.edifactDecimal(s.position(), "QTY", 1, s.get(1, 2), true, decimalMark);
                    line.uom = InvoiceBuilder.blankToNull(s.get(1, 3));
                    line.invoicedQuantity = "47".equals(qualifier);
                }
            }
            case "PRI" -> price(s);
            case "ALC" -> { // SG15 heading, SG38 line (inside MOA 203: the line stays open), SG51 summary
                group = "ALC";
                allowanceOrCharge = s.get(1);
                chargeCode = s.get(5, 1).isEmpty() ? s.get(2, 1) : s.get(5, 1);
                chargeDescription = InvoiceBuilder.blankToNull(s.get(5, 4));
            }
            // SG6, SG33, SG50; within a heading or line ALC (SG21, SG43) the allowance's or charge's own tax
            case "TAX" -> {
                group = group != null && group.startsWith("ALC") && section != Section.SUMMARY ? "ALC-TAX" : "TAX";
                // TAX+7+VAT+++:::rate: in a heading ALC group the charge's rate (a line's ALC is inside MOA 203),
                // in the heading's SG6 or the summary's SG50 the invoice's; a line's SG33 rate is its PO line's.
                BigDecimal percent = b.edifactDecimal(s.position(), "TAX", 5, s.get(5, 4), false, decimalMark);
                if ("ALC-TAX".equals(group)) {
                    chargeTaxPercent(percent);
                } else if (section != Section.DETAIL && percent != null) {
                    b.invoiceTaxRate(percent);
                }
            }
            case "UNS" -> {
                flushLine();
                section = Section.SUMMARY;
                group = null;
            }
            case "MOA" -> amount(s);
            default -> { }
        }
    }

    /**
     * PRI C509: the net price AAA wins over INV/CAL (invoice / calculation price) and those over the gross price AAB,
     * whatever their order (EANCOM sends AAA and AAB side by side). Component 5 is the unit price basis: 362.50 per
     * 100 pieces is 3.625 a piece, which is what Odoo's price_unit must be.
     */
    private void price(Segment s) {
        int rank = switch (s.get(1, 1)) {
            case "AAA" -> 3;
            case "INV", "CAL" -> 2;
            case "AAB" -> 1;
            default -> 0;
        };
        if (line == null || rank == 0 || rank < line.priceRank) {
            return;
        }
        line.priceRank = rank;
        BigDecimal price = invoice.edifactDecimal(s.position(), "PRI", 1, s.get(1, 2), true, decimalMark);
        BigDecimal basis = invoice.edifactDecimal(s.position(), "PRI", 1, s.get(1, 5), false, decimalMark);
        if (price != null && basis != null && basis.signum() > 0 && basis.compareTo(BigDecimal.ONE) != 0) {
            price = InvoiceBuilder.perUnit(price, basis);
        }
        line.price = price;
    }

    /** The rate a heading allowance's or charge's own TAX (SG21) gives it, on the one read last. */
    private void chargeTaxPercent(BigDecimal percent) {
        if (percent == null || section != Section.HEADING || headingCharges.isEmpty()) {
            return;
        }
        int last = headingCharges.size() - 1;
        headingCharges.set(last, headingCharges.get(last).withTaxPercent(percent));
    }

    private void itemId(String id, String type) {
        String value = InvoiceBuilder.blankToNull(id);
        if (value == null) {
            return;
        }
        switch (type) {
            case "SA", "VN", "VP" -> line.vendorItem = line.vendorItem == null ? value : line.vendorItem;
            case "IN", "BP" -> line.buyerItem = line.buyerItem == null ? value : line.buyerItem;
            default -> {
                if (line.vendorItem == null) {
                    line.vendorItem = value;
                }
            }
        }
    }

    /** A segment that is not part of the open TAX or ALC group ends it. */
    private void endGroupUnlessMember(String tag) {
        if (group == null) {
            return;
        }
        boolean member = switch (tag) {
            case "MOA", "LOC", "TAX" -> true;
            case "ALI", "RFF", "DTM", "QTY", "PCD", "RTE" -> group.startsWith("ALC");
            default -> false;
        };
        if (!member) {
            group = null;
            allowanceOrCharge = null;
        }
    }

    private void amount(Segment s) {
        InvoiceBuilder b = invoice;
        String qualifier = s.get(1, 1);
        BigDecimal value = b.edifactDecimal(s.position(), "MOA", 1, s.get(1, 2), true, decimalMark);
        if (value == null) {
            return;
        }
        if ("TAX".equals(group) && "124".equals(qualifier)) { // tax per rate; 125 beside it is the taxable base
            int i = section.ordinal();
            taxPerRate[i] = taxPerRate[i] == null ? value : taxPerRate[i].add(value);
            taxPosition[i] = taxAmounts[i]++ == 0 ? s.position() : taxPosition[i];
            return;
        }
        if ("ALC-TAX".equals(group) && ("124".equals(qualifier) || "125".equals(qualifier))) {
            // the charge's own tax (SG21): part of the invoice's tax in the summary, kept for its breakdown check
            if ("124".equals(qualifier) && section == Section.HEADING && !headingCharges.isEmpty()) {
                headingChargeTax.merge(headingCharges.size() - 1, value, BigDecimal::add);
            }
            return;
        }
        if (group != null && group.startsWith("ALC") && allowanceOrCharge != null && ("8".equals(qualifier)
                || "23".equals(qualifier) || "204".equals(qualifier))) {
            SupplierInvoice.Charge charge = new SupplierInvoice.Charge(chargeCode, chargeDescription,
                    "A".equals(allowanceOrCharge) ? value.abs().negate() : value);
            if (section == Section.HEADING) {
                headingCharges.add(charge);
            } else if (section == Section.SUMMARY) {
                summaryCharges.add(charge);
            } // DETAIL: a line allowance or charge, already in the line's MOA 203
            allowanceOrCharge = null; // one amount per ALC (MOA 25, the base, may follow)
            return;
        }
        if (section == Section.DETAIL && line != null && ("203".equals(qualifier) || "38".equals(qualifier))) {
            line.amount = value;
        } else if (section == Section.SUMMARY) { // SG48
            switch (qualifier) {
                case "77", "86", "39" -> {
                    if (b.total == null || "77".equals(qualifier)) {
                        b.total = value;
                        b.totalPosition = s.position();
                        b.totalSegment = "MOA";
                        b.totalElement = 1;
                    }
                }
                case "79" -> {
                    moa79 = value;
                    moa79Position = s.position();
                }
                case "176" -> {
                    moa176 = value;
                    moa176Position = s.position();
                }
                case "124" -> {
                    summaryTaxPosition = summaryTax == null ? s.position() : summaryTaxPosition;
                    summaryTax = summaryTax == null ? value : summaryTax.add(value);
                }
                default -> { } // 125 taxable amount, 131/259/260 allowance and charge totals, 9 amount due
            }
        }
    }

    /** The invoice's tax, taken once: MOA 176, else SG48 124, else SG50 per rate, else SG33 lines, else SG6. */
    private BigDecimal tax() {
        if (moa176 != null) {
            return moa176;
        }
        if (summaryTax != null) {
            return summaryTax;
        }
        for (Section s : new Section[] {Section.SUMMARY, Section.DETAIL, Section.HEADING}) {
            if (taxPerRate[s.ordinal()] != null) {
                return taxPerRate[s.ordinal()];
            }
        }
        return null;
    }

    /**
     * The X12 rule ({@link X12Taxes}) in EDIFACT terms: the summary's tax (MOA 176, else SG48 MOA 124, else SG50 MOA
     * 124 per rate) is the invoice's, taken once by {@link #tax()}; the lines' SG33 TAX-MOA 124 are its breakdown.
     * When both are given, the lines' tax plus each allowance's or charge's own (SG21 MOA 124, else its amount at its
     * TAX rate, else at the invoice's one rate) must add up to the summary's, within what rounding each amount to the
     * cent explains; else a located error naming both. MOA 176 is the total over every duty or tax type, so totals
     * are compared, not types. When a charge's tax cannot be worked out (several rates, none of its own) nothing is
     * checked: Odoo's totals compared with the invoice's before posting remain the check.
     */
    private void checkTaxBreakdown(InvoiceBuilder b) {
        int detail = Section.DETAIL.ordinal();
        if (taxAmounts[detail] == 0) {
            return;
        }
        BigDecimal stated;
        int position;
        String what;
        if (moa176 != null) {
            stated = moa176;
            position = moa176Position;
            what = "MOA 176 total tax";
        } else if (summaryTax != null) {
            stated = summaryTax;
            position = summaryTaxPosition;
            what = "summary MOA 124 tax";
        } else if (taxPerRate[Section.SUMMARY.ordinal()] != null) {
            stated = taxPerRate[Section.SUMMARY.ordinal()];
            position = taxPosition[Section.SUMMARY.ordinal()];
            what = "summary TAX-MOA 124 tax";
        } else {
            return; // the lines alone state the tax
        }
        BigDecimal chargeTax = BigDecimal.ZERO;
        int chargeAmounts = 0;
        boolean heading = !headingCharges.isEmpty();
        for (int i = 0; i < b.charges.size(); i++) {
            SupplierInvoice.Charge c = b.charges.get(i);
            BigDecimal tax = heading ? headingChargeTax.get(i) : null;
            if (tax == null && c.amount().signum() != 0) {
                BigDecimal rate = c.taxPercent() != null ? c.taxPercent() : b.singleInvoiceTaxRate();
                if (rate == null) {
                    return;
                }
                tax = c.amount().multiply(rate).movePointLeft(2).setScale(2, java.math.RoundingMode.HALF_UP);
            }
            if (tax != null) {
                chargeTax = chargeTax.add(tax);
                chargeAmounts++;
            }
        }
        b.checkTaxBreakdown(position, "MOA", 1, what, stated, taxPerRate[detail], chargeTax,
                taxAmounts[detail] + chargeAmounts, "TAX-MOA 124");
    }

    private void flushLine() {
        if (line == null) {
            return;
        }
        BigDecimal amount = line.amount;
        BigDecimal price = line.price;
        if (amount == null && line.quantity != null && price != null) {
            amount = line.quantity.multiply(price);
        }
        // PRI is conditional: a line with its amount (MOA 203) and quantity but no price is billed at amount per unit;
        // one with neither cannot be billed and is not guessed.
        if (line.priceRank == 0 && amount != null && line.quantity != null && line.quantity.signum() != 0) {
            price = InvoiceBuilder.perUnit(amount, line.quantity);
        } else if (line.priceRank == 0 && amount == null) {
            invoice.error(line.position, "LIN", null, EdiError.Code.MISSING_MANDATORY, "line " + line.number
                    + " has no price (PRI AAA) and no line amount (MOA 203)");
        }
        if (line.quantity == null) {
            invoice.error(line.position, "LIN", null, EdiError.Code.MISSING_MANDATORY, "line " + line.number
                    + " has no QTY+47 invoiced quantity");
        }
        invoice.lines.add(new SupplierInvoice.InvoiceLine(line.number, line.vendorItem, line.buyerItem,
                line.description, line.quantity, line.uom, price, amount, line.poLineRef, line.position));
        line = null;
    }

    private void endMessage(Segment s) {
        if (invoice == null) {
            fileError(s.position(), "UNT", null, EdiError.Code.SYNTAX, "UNT without UNH");
            return;
        }
        flushLine();
        InvoiceBuilder b = invoice;
        String reference = b.source.messageControl();
        if (!s.get(2).trim().equals(reference)) {
            b.error(s, 2, EdiError.Code.CONTROL_NUMBER_MISMATCH, "UNT02 '" + s.get(2) + "' does not match UNH01 '"
                    + reference + "' (segment " + unhPosition + ")");
        }
        int actual = s.position() - unhPosition + 1;
        if (!ControlCount.matches(s.get(1), actual)) {
            b.error(s, 1, EdiError.Code.SEGMENT_COUNT, "UNT01 says " + s.get(1) + " segments, the message has " + actual);
        }
        b.requireHeader(s.position(), "UNT");
        if (b.invoiceDate == null && b.errors.stream().noneMatch(e -> e.code() == EdiError.Code.BAD_DATE)) {
            b.error(s.position(), "UNT", null, EdiError.Code.MISSING_MANDATORY, "DTM+137 invoice date is missing");
        }
        // Each charge once: the heading's SG15, or when the heading has none, the summary's SG51.
        b.charges.addAll(headingCharges.isEmpty() ? summaryCharges : headingCharges);
        b.taxAmount = tax();
        checkTaxBreakdown(b);
        if (moa79 != null) {
            b.checkTotal(moa79Position, "MOA", 1, moa79, b.linesTotal(), "MOA 79 line items total");
        }
        if (b.total == null) {
            b.error(s.position(), "UNT", null, EdiError.Code.MISSING_MANDATORY, "MOA 77/86 invoice total is missing");
        } else {
            BigDecimal tax = b.taxAmount == null ? BigDecimal.ZERO : b.taxAmount;
            b.checkTotal(b.totalPosition, b.totalSegment, b.totalElement, b.total,
                    b.linesTotal().add(b.chargesTotal()).add(tax), "MOA invoice total");
        }
        closeMessage();
    }

    private void closeMessage() {
        flushLine();
        ParsedInvoice parsed = invoice.build(document());
        (ungControl != null ? groupMessages : messages).add(new Interchange.Message(messageType,
                invoice.source.messageControl(), parsed.errors(), unhPosition));
        sink.invoice(parsed);
        invoice = null;
    }
}
