package dev.plantsync.costing;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a cost roll-up works on, as staged from Odoo: products with their current cost, BOMs with lines and
 * operations, and unit sizes (each unit's size in its category's reference unit, so quantities convert).
 */
public final class CostModel {

    private CostModel() {
    }

    /**
     * A product variant; {@code cost} is its standard price now, {@code onHand} its quantity in stock,
     * {@code purchaseCost} what it costs per the component-cost policy when it is bought rather than made (per its
     * own unit; null: its standard price).
     */
    public record Product(int id, int templateId, String code, int unitId, BigDecimal cost, String costMethod,
            BigDecimal onHand, BigDecimal purchaseCost) {

        public Product(int id, int templateId, String code, int unitId, BigDecimal cost, String costMethod,
                BigDecimal onHand) {
            this(id, templateId, code, unitId, cost, costMethod, onHand, null);
        }

        BigDecimal boughtCost() {
            return purchaseCost != null ? purchaseCost : cost;
        }
    }

    /**
     * A bill of materials for {@code quantity} of the product in {@code unitId}; for a template, or for one variant
     * when {@code variantId} is set. {@code type}: normal or phantom (a kit, exploded into its parent).
     */
    public record Bom(int id, int templateId, Integer variantId, int sequence, BigDecimal quantity, int unitId,
            String type, List<Line> lines, List<Operation> operations) {

        public boolean phantom() {
            return "phantom".equals(type);
        }
    }

    /** A component line; {@code scrapPercent} more is consumed than the BOM states (yield loss). */
    public record Line(int productId, BigDecimal quantity, int unitId, BigDecimal scrapPercent) {
    }

    /** An operation: minutes per BOM quantity at the work center's cost per hour. */
    public record Operation(BigDecimal minutes, BigDecimal costPerHour) {
    }
}
