package dev.plantsync.production;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The plant's tolerances: how far the MES may produce beyond the order or consume beyond the plan before a human
 * decides. Odoo itself accepts both silently (a consumption warning is only a wizard the API confirms).
 */
final class Tolerance {

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    /** Why an event needs an approver, and by how much it goes beyond what was allowed. */
    record Breach(String code, String reason, BigDecimal excess) {
    }

    private Tolerance() {
    }

    /**
     * Producing {@code quantity} when the order's family has produced {@code produced} of {@code ordered}: a breach
     * when the total goes beyond ordered + tolerance; the excess is counted from the ordered quantity.
     */
    static Breach produce(BigDecimal ordered, BigDecimal produced, BigDecimal quantity, BigDecimal percent) {
        BigDecimal total = produced.add(quantity);
        BigDecimal allowed = ordered.multiply(BigDecimal.ONE.add(percent.divide(HUNDRED, 10, RoundingMode.HALF_UP)));
        if (total.compareTo(allowed) <= 0) {
            return null;
        }
        return new Breach("PRODUCE_OVER_TOLERANCE", "producing " + plain(quantity) + " brings the order to "
                + plain(total) + " of " + plain(ordered) + " ordered, beyond the plant's tolerance of "
                + plain(percent) + " %", total.subtract(ordered));
    }

    /**
     * Consuming {@code consumed} of a component whose plan for what is produced is {@code planned}: a breach beyond
     * planned + tolerance; the excess is counted from the plan.
     */
    static Breach consume(String component, BigDecimal planned, BigDecimal consumed, BigDecimal percent) {
        BigDecimal allowed = planned.multiply(BigDecimal.ONE.add(percent.divide(HUNDRED, 10, RoundingMode.HALF_UP)));
        if (consumed.compareTo(allowed) <= 0) {
            return null;
        }
        return new Breach("CONSUME_OVER_TOLERANCE", "consuming " + plain(consumed) + " of " + component
                + " against " + plain(planned) + " planned for what is produced, beyond the plant's tolerance of "
                + plain(percent) + " %", consumed.subtract(planned));
    }

    /** The plan of a component for {@code producing} units of an order of {@code orderQty} whose move asks {@code demand}. */
    static BigDecimal planned(BigDecimal demand, BigDecimal orderQty, BigDecimal producing) {
        if (orderQty.signum() == 0) {
            return demand;
        }
        return demand.multiply(producing).divide(orderQty, 6, RoundingMode.HALF_UP);
    }

    static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }
}
