package dev.plantsync.edi;

/**
 * A problem in an inbound file with its exact place: file, interchange and message control numbers, segment
 * position and tag (or CSV line), element, and why. {@code code} is stable for machines (and 997/CONTRL);
 * {@code value} is the bad value as sent, when there is one (X12 AK404 copies it back to the partner).
 */
public record EdiError(String file, String interchange, String message, int position, String segment, Integer element,
        Code code, String reason, String value) {

    public EdiError(String file, String interchange, String message, int position, String segment, Integer element,
            Code code, String reason) {
        this(file, interchange, message, position, segment, element, code, reason, null);
    }

    /**
     * Whether this is a syntax error in the standard's sense (what a 997 AK3/AK4/AK5 or a CONTRL UCS rejects), as
     * opposed to a business rule of ours (a stated total that does not add up, a CTT line count, a sender we do not
     * know): those become PlantSync exceptions, and the partner's transaction set is acknowledged as received.
     */
    public boolean syntax() {
        return switch (code) {
            case BAD_TOTAL, UNKNOWN_SENDER, DUPLICATE_INTERCHANGE, ENVELOPE_REJECTED, DOCUMENT_TYPE -> false;
            // CTT01 is a hash total X12 leaves to the application; SE01 / UNT counts are syntax.
            case SEGMENT_COUNT -> !"CTT".equals(segment);
            // "invoice has no lines" / "invoice number is missing" found at the trailer are ours, not the standard's
            case MISSING_MANDATORY -> element != null || !("SE".equals(segment) || "UNT".equals(segment))
                    || !reason.startsWith("invoice ");
            default -> true;
        };
    }

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
        /**
         * A sound document that is not a plain invoice (credit note, debit note, ...): acknowledged as received, not
         * posted; a credit note staged as an invoice would become a positive bill.
         */
        DOCUMENT_TYPE,
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
