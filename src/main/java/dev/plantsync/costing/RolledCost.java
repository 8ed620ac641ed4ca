package dev.plantsync.costing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A product's rolled-up cost per unit, split into material, operations (labour and machine) and overhead, against its
 * current cost: the variance and, for products valued at standard, what revaluing the stock on hand would book.
 * Amounts keep full precision; {@link #cents} rounds for reports and for writing. {@code bomId}: the BOM it was rolled
 * up from, null for a product that is bought; {@code kit}: that BOM is phantom.
 */
public record RolledCost(int productId, String code, Integer bomId, BigDecimal material, BigDecimal operations,
        BigDecimal overhead, BigDecimal oldCost, BigDecimal onHand, boolean standard, boolean kit) {

    public RolledCost(int productId, String code, Integer bomId, BigDecimal material, BigDecimal operations,
            BigDecimal overhead, BigDecimal oldCost, BigDecimal onHand, boolean standard) {
        this(productId, code, bomId, material, operations, overhead, oldCost, onHand, standard, false);
    }

    public BigDecimal total() {
        return material.add(operations).add(overhead);
    }

    public BigDecimal variance() {
        return total().subtract(oldCost);
    }

    /** Variance in percent of the old cost; null when the old cost is zero. */
    public BigDecimal variancePercent() {
        return oldCost.signum() == 0 ? null
                : variance().multiply(BigDecimal.valueOf(100)).divide(oldCost, 2, RoundingMode.HALF_UP);
    }

    /**
     * On hand x change of cost, for products valued at standard (others are not revalued by a cost change). Never for
     * a kit (its BOM is phantom): it has no stock of its own, the quantity Odoo shows for it is what its components
     * could make, and Odoo books nothing for it when its cost changes.
     */
    public BigDecimal revaluation() {
        return standard && !kit ? cents(onHand.multiply(cents(total()).subtract(oldCost))) : BigDecimal.ZERO;
    }

    public static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
