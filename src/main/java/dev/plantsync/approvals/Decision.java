package dev.plantsync.approvals;

import java.math.BigDecimal;

/**
 * An approver's answer: approve as invoiced, approve with a corrected unit price or quantity, or reject. A
 * rejection needs a comment saying why.
 */
public record Decision(Kind kind, String comment, BigDecimal correctedPrice, BigDecimal correctedQuantity) {

    public enum Kind {
        APPROVED, APPROVED_WITH_CORRECTION, REJECTED
    }

    public static Decision approve(String comment) {
        return new Decision(Kind.APPROVED, comment, null, null);
    }

    public static Decision reject(String comment) {
        return new Decision(Kind.REJECTED, comment, null, null);
    }

    public static Decision correct(BigDecimal price, BigDecimal quantity, String comment) {
        return new Decision(Kind.APPROVED_WITH_CORRECTION, comment, price, quantity);
    }
}
