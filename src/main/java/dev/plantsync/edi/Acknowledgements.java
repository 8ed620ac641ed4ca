package dev.plantsync.edi;

import java.io.ByteArrayOutputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamConstants;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;

/**
 * Acknowledgements back to the partner, written with StAEDI. For an X12 interchange: a TA1 on the interchange envelope
 * (TA104 A, or R with the TA105 note code), then, unless the interchange was rejected, a 997 per group (AK1,
 * AK2/AK3/AK4/AK5 per transaction set, AK9 with AK905 when the group was rejected); a rejected interchange gets the
 * TA1 alone, as nothing in it was processed. For an EDIFACT interchange: a CONTRL (UCI with action 4 and the 0085
 * error when the interchange was rejected, UCF per UNG group, UCM per message, UCS for the segment in error).
 */
public final class Acknowledgements {

    private Acknowledgements() {
    }

    /** The 997 answering an X12 interchange; {@code control} is our own interchange control number (9 digits). */
    public static byte[] x12(Interchange in, String control, LocalDateTime now) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EDIOutputFactory factory = EDIOutputFactory.newFactory();
        factory.setProperty(EDIStreamConstants.Delimiters.SEGMENT, '~');
        factory.setProperty(EDIStreamConstants.Delimiters.DATA_ELEMENT, '*');
        factory.setProperty(EDIStreamConstants.Delimiters.COMPONENT_ELEMENT, '>');
        factory.setProperty(EDIOutputFactory.PRETTY_PRINT, true);
        String isaControl = String.format("%09d", Long.parseLong(control) % 1_000_000_000L);
        try {
            EDIStreamWriter w = factory.createEDIStreamWriter(out);
            w.startInterchange();
            segment(w, "ISA", "00", "          ", "00", "          ", pad(in.receiverQualifier(), 2),
                    pad(in.receiverId(), 15), pad(in.senderQualifier(), 2), pad(in.senderId(), 15),
                    now.format(DateTimeFormatter.ofPattern("yyMMdd")), now.format(DateTimeFormatter.ofPattern("HHmm")),
                    "U", "00401", isaControl, "0", "P", ">");
            // TA1 (interchange acknowledgement): their control number, date and time, A/R and the note code.
            segment(w, "TA1", in.controlNumber(), nonNull(in.date()), nonNull(in.time()), in.rejected() ? "R" : "A",
                    in.rejected() ? in.rejection().code() : "000");
            int groups = 0;
            for (Interchange.Group group : in.rejected() ? List.<Interchange.Group>of() : in.groups()) {
                groups++;
                String gs = String.valueOf(groups);
                segment(w, "GS", "FA", in.receiverId(), in.senderId(), now.format(DateTimeFormatter.BASIC_ISO_DATE),
                        now.format(DateTimeFormatter.ofPattern("HHmm")), gs, "X", group.version());
                int count = 0;
                segment(w, "ST", "997", "0001");
                count++;
                segment(w, "AK1", group.functionalId(), group.controlNumber());
                count++;
                int accepted = 0;
                for (Interchange.Message m : group.messages()) {
                    segment(w, "AK2", m.type(), m.controlNumber());
                    count++;
                    count += dataSegmentNotes(w, m);
                    if (m.syntaxAccepted() && group.rejection() == null) {
                        accepted++;
                        segment(w, "AK5", "A");
                    } else if (m.syntaxAccepted()) {
                        segment(w, "AK5", "R"); // sound, but its group was rejected (AK9 says why)
                    } else {
                        segment(w, "AK5", "R", transactionError(m.errors()));
                    }
                    count++;
                }
                int received = group.messages().size();
                String verdict = group.rejection() != null || accepted == 0 ? "R" : accepted == received ? "A" : "P";
                if (group.rejection() != null && group.rejection().code() != null) {
                    segment(w, "AK9", verdict, String.valueOf(received), String.valueOf(received),
                            String.valueOf(accepted), group.rejection().code());
                } else {
                    segment(w, "AK9", verdict, String.valueOf(received), String.valueOf(received),
                            String.valueOf(accepted));
                }
                count++;
                segment(w, "SE", String.valueOf(count + 1), "0001");
                segment(w, "GE", "1", gs);
            }
            segment(w, "IEA", String.valueOf(groups), isaControl);
            w.endInterchange();
            w.close();
            return out.toByteArray();
        } catch (EDIStreamException e) {
            throw new IllegalStateException("cannot write the 997 for interchange " + in.controlNumber(), e);
        }
    }

    /** The CONTRL answering an EDIFACT interchange; {@code control} is our own interchange reference. */
    public static byte[] edifact(Interchange in, String control, LocalDateTime now) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EDIOutputFactory factory = EDIOutputFactory.newFactory();
        factory.setProperty(EDIOutputFactory.PRETTY_PRINT, true);
        try {
            EDIStreamWriter w = factory.createEDIStreamWriter(out);
            w.startInterchange();
            w.writeStartSegment("UNB");
            composite(w, "UNOC", "3");
            composite(w, in.receiverId(), in.receiverQualifier());
            composite(w, in.senderId(), in.senderQualifier());
            composite(w, now.format(DateTimeFormatter.ofPattern("yyMMdd")), now.format(DateTimeFormatter.ofPattern("HHmm")));
            w.writeElement(control);
            w.writeEndSegment();
            int count = 0;
            w.writeStartSegment("UNH").writeElement("1");
            composite(w, "CONTRL", "D", "3", "UN");
            w.writeEndSegment();
            count++;
            // UCI: 0083 action 7 (acknowledged) or 4 (this level and all lower levels rejected); when the
            // interchange itself was rejected, 0085 the error, 0013 the service segment and S011 the element.
            w.writeStartSegment("UCI").writeElement(in.controlNumber());
            composite(w, in.senderId(), in.senderQualifier());
            composite(w, in.receiverId(), in.receiverQualifier());
            if (in.rejected()) {
                EdiError cause = in.rejection().cause();
                w.writeElement("4").writeElement(in.rejection().code()).writeElement(nonNull(cause.segment()));
                if (cause.element() != null) {
                    w.writeElement(String.valueOf(cause.element()));
                }
            } else {
                boolean allAccepted = in.groups().stream().allMatch(g -> g.rejection() == null
                        && g.messages().stream().allMatch(Interchange.Message::syntaxAccepted));
                w.writeElement(allAccepted ? "7" : "4");
            }
            w.writeEndSegment();
            count++;
            for (Interchange.Group g : in.groups()) {
                boolean groupRejected = in.rejected() || g.rejection() != null;
                if (g.controlNumber() != null) { // a UNG group: UCF with its verdict
                    w.writeStartSegment("UCF").writeElement(g.controlNumber()).writeElement("").writeElement("")
                            .writeElement(groupRejected ? "4" : "7");
                    if (g.rejection() != null) {
                        w.writeElement(g.rejection().code()).writeElement(nonNull(g.rejection().cause().segment()));
                    }
                    w.writeEndSegment();
                    count++;
                }
                for (Interchange.Message m : g.messages()) {
                    w.writeStartSegment("UCM").writeElement(m.controlNumber());
                    composite(w, m.type(), "D", g.version().contains("01B") ? "01B" : "96A", "UN");
                    w.writeElement(m.syntaxAccepted() && !groupRejected ? "7" : "4");
                    if (!m.syntaxAccepted()) {
                        w.writeElement(contrlError(m.errors().stream().filter(EdiError::syntax).toList()));
                    }
                    w.writeEndSegment();
                    count++;
                    for (EdiError e : m.errors()) {
                        // UCS 0096: the segment's position in the message, UNH = 1; business rules are not syntax.
                        if (e.syntax() && e.position() > 0 && e.segment() != null) {
                            w.writeStartSegment("UCS").writeElement(String.valueOf(m.positionInSet(e.position())))
                                    .writeElement(contrlError(List.of(e))).writeEndSegment();
                            count++;
                        }
                    }
                }
            }
            w.writeStartSegment("UNT").writeElement(String.valueOf(count + 1)).writeElement("1").writeEndSegment();
            w.writeStartSegment("UNZ").writeElement("1").writeElement(control).writeEndSegment();
            w.endInterchange();
            w.close();
            return out.toByteArray();
        } catch (EDIStreamException e) {
            throw new IllegalStateException("cannot write the CONTRL for interchange " + in.controlNumber(), e);
        }
    }

    /**
     * AK3 per data segment with syntax errors (AK301 its tag, AK302 its position counted from ST = 1, AK304 8 when
     * its elements are in error, else 3 for a mandatory segment missing), each followed by an AK4 per element: AK401
     * its position, AK402 its X12 data element reference number, AK403 the error code, AK404 the bad value as sent.
     * Business-rule failures (totals, CTT counts) are not syntax errors: they are PlantSync's exceptions, not the 997's.
     * Returns the number of segments written.
     */
    private static int dataSegmentNotes(EDIStreamWriter w, Interchange.Message m) throws EDIStreamException {
        java.util.Map<Integer, List<EdiError>> bySegment = new java.util.LinkedHashMap<>();
        for (EdiError e : m.errors()) {
            if (e.syntax() && e.segment() != null && e.position() > 0 && !e.segment().startsWith("line")
                    && (m.start() == 0 || e.position() >= m.start())) {
                bySegment.computeIfAbsent(e.position(), k -> new java.util.ArrayList<>()).add(e);
            }
        }
        int written = 0;
        for (List<EdiError> errors : bySegment.values()) {
            EdiError first = errors.get(0);
            boolean elements = errors.stream().anyMatch(e -> e.element() != null);
            segment(w, "AK3", first.segment(), String.valueOf(m.positionInSet(first.position())), "",
                    elements ? "8" : first.code() == EdiError.Code.MISSING_MANDATORY ? "3" : "8");
            written++;
            for (EdiError e : errors) {
                if (e.element() == null) {
                    continue;
                }
                String value = e.value() == null ? "" : e.value().length() > 99 ? e.value().substring(0, 99) : e.value();
                Integer reference = X12ElementReferences.of(e.segment(), e.element());
                if (value.isEmpty()) {
                    segment(w, "AK4", String.valueOf(e.element()), reference == null ? "" : String.valueOf(reference),
                            elementError(e.code()));
                } else {
                    segment(w, "AK4", String.valueOf(e.element()), reference == null ? "" : String.valueOf(reference),
                            elementError(e.code()), value);
                }
                written++;
            }
        }
        return written;
    }

    private static void segment(EDIStreamWriter w, String tag, String... elements) throws EDIStreamException {
        w.writeStartSegment(tag);
        for (String e : elements) {
            w.writeElement(e);
        }
        w.writeEndSegment();
    }

    private static void composite(EDIStreamWriter w, String... components) throws EDIStreamException {
        w.writeStartElement();
        for (String c : components) {
            w.writeComponent(c == null ? "" : c);
        }
        w.endElement();
    }

    private static String pad(String value, int width) {
        String v = value == null ? "" : value;
        return v.length() >= width ? v.substring(0, width) : v + " ".repeat(width - v.length());
    }

    // X12 element 723 (AK403): 1 mandatory data element missing, 5 data element too long, 6 invalid character in
    // data element (a number that is not one), 7 invalid code value, 8 invalid date.
    private static String elementError(EdiError.Code code) {
        return switch (code) {
            case MISSING_MANDATORY -> "1";
            case TOO_LONG -> "5";
            case BAD_NUMBER -> "6";
            case BAD_DATE -> "8";
            default -> "7";
        };
    }

    // X12 element 718 (AK502): 1 transaction set not supported, 2 trailer missing, 3 control numbers differ,
    // 4 segment count wrong, 5 segments in error.
    private static String transactionError(List<EdiError> errors) {
        if (errors.stream().anyMatch(e -> e.code() == EdiError.Code.UNSUPPORTED && "ST".equals(e.segment()))) {
            return "1";
        }
        if (errors.stream().anyMatch(e -> e.code() == EdiError.Code.MISSING_MANDATORY && e.reason() != null
                && e.reason().contains("has no SE trailer"))) {
            return "2";
        }
        if (errors.stream().anyMatch(e -> e.code() == EdiError.Code.CONTROL_NUMBER_MISMATCH)) {
            return "3";
        }
        if (errors.stream().anyMatch(e -> e.code() == EdiError.Code.SEGMENT_COUNT)) {
            return "4";
        }
        return "5";
    }

    // EDIFACT 0085 (CONTRL): 12 invalid value, 13 missing, 28 references do not match, 29 control count does not
    // match, 39 data element too long (see EdifactInvoiceParser.syntaxError).
    private static String contrlError(List<EdiError> errors) {
        return EdifactInvoiceParser.syntaxError(errors.isEmpty() ? EdiError.Code.SYNTAX : errors.get(0).code());
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
