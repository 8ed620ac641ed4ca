package dev.plantsync.edi;

/**
 * A problem in an inbound file with its exact place: file, interchange and message control numbers, segment
 * position and tag (or CSV line), element, and why. {@code code} is stable for machines (and 997/CONTRL).
 */
public record EdiError(String file, String interchange, String message, int position, String segment, Integer element,
        Code code, String reason) {

    /** What kind of problem; maps to acknowledgement codes. */
    public enum Code {
        SYNTAX, CONTROL_NUMBER_MISMATCH, SEGMENT_COUNT, MISSING_MANDATORY, BAD_NUMBER, BAD_DATE, BAD_TOTAL,
        UNKNOWN_SENDER, UNSUPPORTED, DUPLICATE_INTERCHANGE,
        /** A limit of the reader was hit (an element too long to buffer): the rest of the file was not read. */
        TOO_LONG,
        /** Bytes that are not in the file's character set (CSV: UTF-8): the rest of the file was not read. */
        BAD_ENCODING,
        /** A CSV column we do not know and the partner's mapping does not name: the file is not read at all. */
        UNKNOWN_COLUMN,
        /** The invoice is sound but its interchange or group was rejected (TA1 / 997 AK9 / CONTRL UCI, UCF). */
        ENVELOPE_REJECTED
    }

    /** "file, interchange 000000905, message 0001, segment 12 (IT1), element 4: reason". */
    public String location() {
        StringBuilder s = new StringBuilder(file);
        if (interchange != null) {
            s.append(", interchange ").append(interchange);
        }
        if (message != null) {
            s.append(", message ").append(message);
        }
        if (position > 0) {
            s.append(segment != null && segment.startsWith("line") ? ", " + segment : ", segment " + position
                    + (segment == null ? "" : " (" + segment + ")"));
        }
        if (element != null) {
            s.append(segment != null && segment.startsWith("line") ? ", column " : ", element ").append(element);
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return location() + ": " + reason;
    }
}
