package dev.plantsync.edi;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
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
        int position = 0;
        String tag = null;
        List<List<String>> elements = new ArrayList<>();
        List<String> composite = null;
        try (EDIStreamReader reader = FACTORY.createEDIStreamReader(in)) {
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                switch (event) {
                    case START_SEGMENT -> {
                        position++;
                        tag = reader.getText();
                        elements = new ArrayList<>();
                    }
                    case START_COMPOSITE -> {
                        composite = new ArrayList<>();
                        pad(elements, reader.getLocation().getElementPosition() - 1);
                        elements.add(composite);
                    }
                    case END_COMPOSITE -> composite = null;
                    case ELEMENT_DATA -> {
                        Location at = reader.getLocation();
                        if (composite != null) {
                            padComponents(composite, Math.max(at.getComponentPosition(), 1) - 1);
                            composite.add(reader.getText());
                        } else {
                            pad(elements, at.getElementPosition() - 1);
                            if (at.getElementOccurrence() > 1 && elements.size() >= at.getElementPosition()) {
                                continue; // repetitions: the first occurrence is what invoices use
                            }
                            elements.add(new ArrayList<>(List.of(reader.getText())));
                        }
                    }
                    case END_SEGMENT -> segments.accept(new Segment(tag, elements, position));
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
            errors.accept(new EdiError(file, null, null, Math.max(position, 1), tag, null, EdiError.Code.SYNTAX,
                    "unreadable EDI: " + firstLine(e.getMessage())));
            return false;
        }
    }

    private static void pad(List<? super List<String>> list, int size) {
        while (list.size() < size) {
            list.add(new ArrayList<>(List.of("")));
        }
    }

    private static void padComponents(List<String> list, int size) {
        while (list.size() < size) {
            list.add("");
        }
    }

    static String firstLine(String text) {
        return text == null ? "no detail" : text.lines().findFirst().orElse(text);
    }
}
