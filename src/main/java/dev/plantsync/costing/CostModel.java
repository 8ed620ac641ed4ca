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

    /**
     * An operation: {@code minutes} per cycle (Odoo's computed {@code time_cycle}: the manual duration, or the average
     * of the last work orders when its {@code time_mode} is auto) at the work center's cost per hour, plus the work
     * center's setup and cleanup minutes once per run, its efficiency in percent, its default capacity (units per
     * cycle; Odoo 18 only, null on 19 where the BOM's quantity is the default) and the per-product capacities that
     * override capacity, setup and cleanup.
     */
    public record Operation(BigDecimal minutes, BigDecimal costPerHour, BigDecimal setup, BigDecimal cleanup,
            BigDecimal efficiency, BigDecimal defaultCapacity, List<Capacity> capacities) {

        /** Only a cycle time: no setup or cleanup, 100 % efficiency, one cycle per BOM quantity. */
        public Operation(BigDecimal minutes, BigDecimal costPerHour) {
            this(minutes, costPerHour, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.valueOf(100), null, List.of());
        }
    }

    /**
     * A work center's capacity for one product ({@code productId} null: any product, Odoo 19), in {@code unitId}
     * (null on 18, where it is the product's unit), with its own setup and cleanup minutes.
     */
    public record Capacity(Integer productId, Integer unitId, BigDecimal capacity, BigDecimal setup,
            BigDecimal cleanup) {
    }
}
