package dev.plantsync.edi;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.Location;

/**
 * Streams the segments of an X12 or EDIFACT file with StAEDI (which detects the standard, the delimiters, UNA and
 * the release character), one segment in memory at a time. Envelope problems StAEDI finds and unreadable input become
 * {@link EdiError}s; nothing is thrown.
 */
final class SegmentReader {

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
        boolean inComposite = false;
        int compositeElement = 0;
        try (EDIStreamReader reader = FACTORY.createEDIStreamReader(new UnsynchronizedInput(in), charset)) {
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                switch (event) {
                    case START_SEGMENT -> segment.start(reader.getText(), ++position);
                    case START_COMPOSITE -> {
                        inComposite = true;
                        compositeElement = reader.getLocation().getElementPosition();
                    }
                    case END_COMPOSITE -> inComposite = false;
                    case ELEMENT_DATA -> {
                        Location at = reader.getLocation();
                        if (inComposite) {
                            segment.component(compositeElement, Math.max(at.getComponentPosition(), 1), reader.getText());
                        } else if (at.getElementOccurrence() <= 1) { // repetitions: invoices use the first occurrence
                            segment.element(at.getElementPosition(), reader.getText());
                        }
                    }
                    case END_SEGMENT -> segments.accept(segment);
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
            errors.accept(new EdiError(file, null, null, Math.max(position, 1), segment.tag(), null, EdiError.Code.SYNTAX,
                    "unreadable EDI: " + firstLine(e.getMessage())));
            return false;
        }
    }

    static String firstLine(String text) {
        return text == null ? "no detail" : text.lines().findFirst().orElse(text);
    }
}
