package dev.plantsync.edi;

import java.util.List;

/**
 * One X12 interchange (ISA..IEA) or EDIFACT interchange (UNB..UNZ) as read: who sent it, its control numbers, and
 * what became of each transaction set or message in it (for the 997 / CONTRL acknowledgement).
 */
public record Interchange(String standard, String senderQualifier, String senderId, String receiverQualifier,
        String receiverId, String controlNumber, String version, List<Group> groups, List<EdiError> envelopeErrors) {

    /** A functional group (X12 GS..GE; EDIFACT has none, a single implicit group). */
    public record Group(String functionalId, String controlNumber, String version, List<Message> messages) {
    }

    /** A transaction set / message and its outcome. */
    public record Message(String type, String controlNumber, List<EdiError> errors) {
        public boolean accepted() {
            return errors.isEmpty();
        }
    }
}
