package dev.plantsync.edi;

import java.util.List;
import java.util.Objects;

/**
 * One X12 interchange (ISA..IEA) or EDIFACT interchange (UNB..UNZ) as read: who sent it, its control numbers, and
 * what became of each transaction set or message in it (for the TA1 / 997 / CONTRL acknowledgement).
 * <p>
 * An error in an envelope rejects that envelope and everything in it, as X12 and EDIFACT practice has it: a control
 * number or count that differs between header and trailer, an unknown sender, a trailer that never came. The parsers
 * stream invoices before their trailer is read, so an invoice is final only once its interchange arrives here:
 * {@link #rejectionOf} says whether it was withdrawn.
 */
public record Interchange(String standard, String senderQualifier, String senderId, String receiverQualifier,
        String receiverId, String controlNumber, String version, List<Group> groups, List<EdiError> envelopeErrors,
        String date, String time, Rejection rejection) {

    /**
     * Why an envelope was rejected: {@code code} in the standard's own list (X12 TA105 for an interchange, AK905 for a
     * group, null when none fits; EDIFACT 0085 syntax error), {@code acknowledgement} how the partner is told ("TA1 R
     * 001"), {@code cause} the located error.
     */
    public record Rejection(String code, String acknowledgement, EdiError cause) {

        /** "interchange 000000907 rejected (TA1 R 001): IEA02 '000000999' does not match ISA13 ...". */
        public String describe(String what) {
            return what + " rejected (" + acknowledgement + "): " + cause.reason();
        }
    }

    /**
     * A functional group: X12 GS..GE, EDIFACT UNG..UNE. EDIFACT messages outside UNG form one implicit group with a
     * null control number.
     */
    public record Group(String functionalId, String controlNumber, String version, List<Message> messages,
            Rejection rejection) {
    }

    /**
     * A transaction set / message and its outcome; {@code start} is the position in the file of its ST / UNH (0 when
     * not known), so that acknowledgements can count segments from the transaction set's start as X12 and EDIFACT do.
     */
    public record Message(String type, String controlNumber, List<EdiError> errors, int start) {

        public Message(String type, String controlNumber, List<EdiError> errors) {
            this(type, controlNumber, errors, 0);
        }

        /** Free of errors of any kind (business rules included). */
        public boolean accepted() {
            return errors.isEmpty();
        }

        /** Free of syntax errors: what the 997 AK5 / CONTRL UCM says (business-rule failures are our exceptions). */
        public boolean syntaxAccepted() {
            return errors.stream().noneMatch(EdiError::syntax);
        }

        /** The position of a segment counted from this transaction set's ST / UNH (which is 1). */
        public int positionInSet(int filePosition) {
            return start > 0 && filePosition >= start ? filePosition - start + 1 : filePosition;
        }
    }

    public boolean rejected() {
        return rejection != null;
    }

    /** The rejection that withdraws an invoice of this interchange (its interchange's or its group's), else null. */
    public Rejection rejectionOf(SupplierInvoice.Source source) {
        if (rejection != null) {
            return rejection;
        }
        for (Group group : groups) {
            if (group.rejection() != null && group.controlNumber() != null
                    && group.controlNumber().equals(source.groupControl())) {
                return group.rejection();
            }
        }
        return null;
    }

    /** The error an invoice withdrawn by its envelope carries, located at the envelope error. */
    public EdiError withdrawal(SupplierInvoice.Source source) {
        Rejection r = rejectionOf(source);
        if (r == null) {
            return null;
        }
        String what = r == rejection ? "interchange " + controlNumber
                : "group " + Objects.requireNonNullElse(source.groupControl(), "");
        return new EdiError(source.file(), controlNumber, source.messageControl(), r.cause().position(),
                r.cause().segment(), r.cause().element(), EdiError.Code.ENVELOPE_REJECTED, r.describe(what));
    }
}
