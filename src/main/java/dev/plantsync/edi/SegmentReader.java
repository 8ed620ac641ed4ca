package dev.plantsync.edi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferOverflowException;
import java.util.function.Consumer;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamConstants;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.Location;

/**
 * Streams the segments of an X12 or EDIFACT file with StAEDI (which detects the standard, the delimiters, UNA and
 * the release character), one segment in memory at a time. Envelope problems StAEDI finds and unreadable input become
 * {@link EdiError}s; nothing is thrown.
 * <p>
 * StAEDI buffers one element (token) in a fixed {@value #ELEMENT_LIMIT}-character buffer and gives up on a longer one
 * (a REF or PID with pages of free text). Reading cannot go on after that, so it becomes a {@code TOO_LONG} error
 * naming the segment, the element and the limit, and the caller rejects what was left open.
 */
final class SegmentReader {

    /** The longest element StAEDI reads (its lexer's fixed buffer, not configurable in 1.26). */
    static final int ELEMENT_LIMIT = 4096;

    private static final EDIInputFactory FACTORY = EDIInputFactory.newFactory();

    static {
        // Envelope checks (control numbers and counts) are ours, with PlantSync's wording and locations.
        FACTORY.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_STRUCTURE, false);
        FACTORY.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_CODE_VALUES, false);
        // Partners end lines after segment terminators; that is not data.
        FACTORY.setProperty(EDIInputFactory.EDI_IGNORE_EXTRANEOUS_CHARACTERS, true);
    }

    private SegmentReader() {
    }

    /** Reads every segment; returns false when the input could not be read to its end. */
    static boolean read(InputStream in, String file, Consumer<Segment> segments, Consumer<EdiError> errors) {
        return read(in, "UTF-8", file, segments, errors);
    }

    /** As {@link #read(InputStream, String, Consumer, Consumer)}, decoding with the charset the envelope declares. */
    static boolean read(InputStream in, String charset, String file, Consumer<Segment> segments,
            Consumer<EdiError> errors) {
        int position = 0;
        Segment segment = new Segment();
        boolean inSegment = false;
        boolean inComposite = false;
        int compositeElement = 0;
        int lastElement = 0; // of the current segment, to name the element a reading failure stopped in
        try (EDIStreamReader reader = FACTORY.createEDIStreamReader(new UnsynchronizedInput(in), charset)) {
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                switch (event) {
                    case START_SEGMENT -> {
                        String tag = reader.getText();
                        segment.start(tag, ++position);
                        inSegment = true;
                        lastElement = 0;
                        if ("UNB".equals(tag)) { // the UNA (or its absence) is known by now
                            Character mark = reader.getDelimiters().get(EDIStreamConstants.Delimiters.DECIMAL);
                            segment.decimalMark(mark == null ? '.' : mark);
                        }
                    }
                    case START_COMPOSITE -> {
                        inComposite = true;
                        compositeElement = reader.getLocation().getElementPosition();
                        lastElement = compositeElement;
                    }
                    case END_COMPOSITE -> inComposite = false;
                    case ELEMENT_DATA -> {
                        Location at = reader.getLocation();
                        if (inComposite) {
                            segment.component(compositeElement, Math.max(at.getComponentPosition(), 1), reader.getText());
                        } else {
                            lastElement = at.getElementPosition();
                            if (at.getElementOccurrence() <= 1) { // repetitions: invoices use the first occurrence
                                segment.element(lastElement, reader.getText());
                            }
                        }
                    }
                    case END_SEGMENT -> {
                        inSegment = false;
                        if ("ISA".equals(segment.tag()) || "UNB".equals(segment.tag())) {
                            java.util.Map<String, Character> d = reader.getDelimiters();
                            segment.delimiters(d.get(EDIStreamConstants.Delimiters.SEGMENT),
                                    d.get(EDIStreamConstants.Delimiters.DATA_ELEMENT),
                                    d.get(EDIStreamConstants.Delimiters.COMPONENT_ELEMENT),
                                    d.get(EDIStreamConstants.Delimiters.RELEASE));
                        }
                        segments.accept(segment);
                    }
                    case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> {
                        Location at = reader.getLocation();
                        errors.accept(new EdiError(file, null, null, position, at.getSegmentTag(),
                                at.getElementPosition() > 0 ? at.getElementPosition() : null, EdiError.Code.SYNTAX,
                                String.valueOf(reader.getErrorType()).toLowerCase().replace('_', ' ')));
                    }
                    default -> { }
                }
            }
            return true;
        } catch (EDIStreamException | IOException | RuntimeException e) {
            if (causedBy(e, BufferOverflowException.class)) {
                errors.accept(inSegment
                        ? new EdiError(file, null, null, position, segment.tag(), inComposite ? compositeElement
                                : lastElement + 1, EdiError.Code.TOO_LONG, "element longer than " + ELEMENT_LIMIT
                                + " characters, the limit of the EDI reader; the rest of the file was not read")
                        : new EdiError(file, null, null, position + 1, null, null, EdiError.Code.TOO_LONG, "more than "
                                + ELEMENT_LIMIT + " characters without a delimiter, the limit of the EDI reader; the rest"
                                + " of the file was not read"));
            } else {
                errors.accept(new EdiError(file, null, null, Math.max(position, 1), segment.tag(), null,
                        EdiError.Code.SYNTAX, "unreadable EDI: " + firstLine(e.getMessage())));
            }
            return false;
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static String firstLine(String text) {
        return text == null ? "no detail" : text.lines().findFirst().orElse(text);
    }
}
