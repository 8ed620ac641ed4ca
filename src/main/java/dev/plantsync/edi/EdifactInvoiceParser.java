package dev.plantsync.edi;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * UN/EDIFACT INVOIC (D.96A and D.01B): UNA/UNB/UNH/BGM/DTM/RFF/NAD/CUX/LIN/PIA/IMD/QTY/MOA/PRI/ALC/UNS/TAX/UNT/UNZ.
 * Checks UNB/UNZ and UNH/UNT references, UNT and UNZ counts, MOA 79 against the lines and MOA 77/86 against lines,
 * allowances/charges and tax, numbers, dates and the sender.
 */
final class EdifactInvoiceParser {

    private static final DateTimeFormatter D102 = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    private final String file;
    private final Set<String> knownSenders;
    private final InvoiceSink sink;

    private String unbSender;
    private String unbSenderQualifier;
    private String unbRecipient;
    private String unbRecipientQualifier;
    private String unbControl;
    private String unbSyntax;
    private int unbPosition;
    private List<Interchange.Message> messages = new ArrayList<>();
    private List<EdiError> envelopeErrors = new ArrayList<>();
    private InvoiceBuilder invoice;
    private String messageType;
    private int unhPosition;
    private boolean summary;
    private String partyQualifier;
    private String allowanceOrCharge;
    private String chargeCode;
    private String chargeDescription;
    private LineDraft line;
    private BigDecimal moa79;
    private int moa79Position;
    private boolean inTaxGroup;
    /** Since the last ALC, before the next LIN or UNS: a TAX here is that allowance's or charge's. */
    private boolean inChargeGroup;

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
        BigDecimal amount;
        String poLineRef;
    }

    private EdifactInvoiceParser(String file, Set<String> knownSenders, InvoiceSink sink) {
        this.file = file;
        this.knownSenders = knownSenders;
        this.sink = sink;
    }

    static void parse(InputStream in, String charset, String file, Set<String> knownSenders, InvoiceSink sink) {
        EdifactInvoiceParser parser = new EdifactInvoiceParser(file, knownSenders, sink);
        boolean complete = SegmentReader.read(in, charset, file, parser::segment, parser::syntax);
        if (complete && parser.unbControl != null) {
            parser.fileError(parser.unbPosition, "UNB", null, EdiError.Code.SYNTAX,
                    "interchange " + parser.unbControl + " has no UNZ trailer");
        }
    }

    private void syntax(EdiError e) {
        if (invoice != null) {
            invoice.errors.add(new EdiError(file, unbControl, invoice.source.messageControl(), e.position(), e.segment(),
                    e.element(), e.code(), e.reason()));
        } else {
            fileError(e.position(), e.segment(), e.element(), e.code(), e.reason());
        }
    }

    private void fileError(int position, String segment, Integer element, EdiError.Code code, String reason) {
        EdiError error = new EdiError(file, unbControl, null, position, segment, element, code, reason);
        envelopeErrors.add(error);
        sink.fileError(error);
    }

    private void segment(Segment s) {
        switch (s.tag()) {
            case "UNA" -> { }
            case "UNB" -> {
                unbSyntax = s.get(1, 1) + ":" + s.get(1, 2);
                unbSender = s.get(2, 1).trim();
                unbSenderQualifier = s.get(2, 2).trim();
                unbRecipient = s.get(3, 1).trim();
                unbRecipientQualifier = s.get(3, 2).trim();
                unbControl = s.get(5).trim();
                unbPosition = s.position();
                messages = new ArrayList<>();
                envelopeErrors = new ArrayList<>();
                if (knownSenders != null && !knownSenders.contains(unbSender)) {
                    fileError(s.position(), "UNB", 2, EdiError.Code.UNKNOWN_SENDER, "sender id '" + unbSender
                            + "' is not a registered partner");
                }
            }
            case "UNH" -> startMessage(s);
            case "UNT" -> endMessage(s);
            case "UNZ" -> {
                if (!s.get(2).trim().equals(unbControl)) {
                    fileError(s.position(), "UNZ", 2, EdiError.Code.CONTROL_NUMBER_MISMATCH, "UNZ02 '" + s.get(2)
                            + "' does not match UNB05 '" + unbControl + "' (segment " + unbPosition + ")");
                }
                if (!s.get(1).trim().equals(String.valueOf(messages.size()))) {
                    fileError(s.position(), "UNZ", 1, EdiError.Code.SEGMENT_COUNT, "UNZ01 says " + s.get(1)
                            + " messages, the interchange has " + messages.size());
                }
                sink.interchange(new Interchange("EDIFACT", unbSenderQualifier, unbSender, unbRecipientQualifier,
                        unbRecipient, unbControl, unbSyntax,
                        List.of(new Interchange.Group("INVOIC", unbControl, unbSyntax, List.copyOf(messages))),
                        List.copyOf(envelopeErrors)));
                unbControl = null;
            }
            default -> {
                if (invoice != null) {
                    body(s);
                }
            }
        }
    }

    private void startMessage(Segment s) {
        messageType = s.get(2, 1);
        String version = s.get(2, 2) + "." + s.get(2, 3);
        unhPosition = s.position();
        summary = false;
        line = null;
        moa79 = null;
        inTaxGroup = false;
        inChargeGroup = false;
        allowanceOrCharge = null;
        invoice = new InvoiceBuilder(new SupplierInvoice.Source(file, "EDIFACT " + messageType + " " + version, unbSender,
                unbControl, null, s.get(1).trim(), s.position()));
        invoice.vendorId = unbSender;
        if (!"INVOIC".equals(messageType)) {
            invoice.error(s, 2, EdiError.Code.UNSUPPORTED, "message type " + messageType + " is not INVOIC");
        }
        if (!Set.of("D.96A", "D.01B").contains(version)) {
            invoice.error(s, 2, EdiError.Code.UNSUPPORTED, "INVOIC version " + version + " is not D.96A or D.01B");
        }
    }

    private void body(Segment s) {
        InvoiceBuilder b = invoice;
        switch (s.tag()) {
            case "BGM" -> {
                b.invoiceNumber = InvoiceBuilder.blankToNull(s.get(2, 1));
                if (b.invoiceNumber == null) {
                    b.error(s, 2, EdiError.Code.MISSING_MANDATORY, "BGM document number is empty");
                }
            }
            case "DTM" -> {
                if ("137".equals(s.get(1, 1)) || "3".equals(s.get(1, 1))) {
                    String format = s.get(1, 3);
                    if (!format.isEmpty() && !"102".equals(format)) {
                        b.error(s, 1, EdiError.Code.BAD_DATE, "date format " + format + " is not 102 (CCYYMMDD)");
                    } else {
                        b.invoiceDate = b.date(s.position(), "DTM", 1, s.get(1, 2), D102, "CCYYMMDD");
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
                inChargeGroup = false;
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
                if (line != null && ("47".equals(s.get(1, 1)) || "12".equals(s.get(1, 1)))) {
                    line.quantity = b.decimal(s.position(), "QTY", 1, s.get(1, 2), true, 0);
                    line.uom = InvoiceBuilder.blankToNull(s.get(1, 3));
                }
            }
            case "PRI" -> {
                if (line != null && ("AAA".equals(s.get(1, 1)) || "AAB".equals(s.get(1, 1)))) {
                    line.price = b.decimal(s.position(), "PRI", 1, s.get(1, 2), true, 0);
                }
            }
            case "ALC" -> {
                flushLine();
                allowanceOrCharge = s.get(1);
                chargeCode = s.get(5, 1).isEmpty() ? s.get(2, 1) : s.get(5, 1);
                chargeDescription = InvoiceBuilder.blankToNull(s.get(5, 4));
                inTaxGroup = false;
                inChargeGroup = true;
            }
            case "TAX" -> {
                // TAX+7+VAT+++:::rate: in an ALC group the charge's rate, outside lines and charges the invoice's.
                boolean lineLevel = line != null;
                flushLine();
                // A charge's own tax amount (MOA 124 in its group) is part of the invoice's, not added to it.
                inTaxGroup = !inChargeGroup;
                allowanceOrCharge = null;
                BigDecimal percent = b.decimal(s.position(), "TAX", 5, s.get(5, 4), false, 0);
                if (inChargeGroup) {
                    b.lastChargeTaxPercent(percent);
                } else if (!lineLevel && percent != null) {
                    b.taxPercent = percent;
                }
            }
            case "UNS" -> {
                flushLine();
                inChargeGroup = false;
                summary = true;
                allowanceOrCharge = null;
            }
            case "MOA" -> amount(s);
            default -> { }
        }
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

    private void amount(Segment s) {
        InvoiceBuilder b = invoice;
        String qualifier = s.get(1, 1);
        BigDecimal value = b.decimal(s.position(), "MOA", 1, s.get(1, 2), true, 0);
        if (value == null) {
            return;
        }
        if (line != null && ("203".equals(qualifier) || "38".equals(qualifier))) {
            line.amount = value;
        } else if (allowanceOrCharge != null && ("8".equals(qualifier) || "23".equals(qualifier)
                || "204".equals(qualifier))) {
            b.charges.add(new SupplierInvoice.Charge(chargeCode, chargeDescription,
                    "A".equals(allowanceOrCharge) ? value.abs().negate() : value));
            allowanceOrCharge = null;
        } else if (summary || inTaxGroup) {
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
                case "124", "176" -> b.taxAmount = (b.taxAmount == null ? BigDecimal.ZERO : b.taxAmount).add(value);
                default -> { }
            }
        }
    }

    private void flushLine() {
        if (line == null) {
            return;
        }
        BigDecimal amount = line.amount;
        if (amount == null && line.quantity != null && line.price != null) {
            amount = line.quantity.multiply(line.price);
        }
        if (line.quantity == null) {
            invoice.error(line.position, "LIN", null, EdiError.Code.MISSING_MANDATORY, "line " + line.number
                    + " has no QTY+47 invoiced quantity");
        }
        invoice.lines.add(new SupplierInvoice.InvoiceLine(line.number, line.vendorItem, line.buyerItem,
                line.description, line.quantity, line.uom, line.price, amount, line.poLineRef, line.position));
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
        if (!s.get(1).trim().equals(String.valueOf(actual))) {
            b.error(s, 1, EdiError.Code.SEGMENT_COUNT, "UNT01 says " + s.get(1) + " segments, the message has " + actual);
        }
        b.requireHeader(s.position(), "UNT");
        if (b.invoiceDate == null && b.errors.stream().noneMatch(e -> e.code() == EdiError.Code.BAD_DATE)) {
            b.error(s.position(), "UNT", null, EdiError.Code.MISSING_MANDATORY, "DTM+137 invoice date is missing");
        }
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
        ParsedInvoice parsed = b.build();
        messages.add(new Interchange.Message(messageType, reference, parsed.errors()));
        sink.invoice(parsed);
        invoice = null;
    }
}
