package dev.plantsync.costing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.costing.CostModel.Bom;
import dev.plantsync.costing.CostModel.Line;
import dev.plantsync.costing.CostModel.Operation;
import dev.plantsync.costing.CostModel.Product;

/**
 * Multi-level standard-cost roll-up, bottom-up over the BOM graph: a product without a BOM costs what it is bought for
 * (its purchase cost per policy, else its standard price); one with a BOM costs its components (quantities converted
 * to the component's unit, plus scrap) and its operations, per unit of the product, plus overhead at the given rate.
 * A phantom BOM (kit) is exploded into its parent: its components count as the parent's, its own operations and
 * overhead do not. The BOM used is the one Odoo would pick: the lowest sequence, a variant's own BOM before its template's at the same sequence, then the oldest.
 *
 * <p>A cycle in the graph is reported with the products on it, which are skipped, as is everything built from them;
 * the rest is rolled up. Depth is not limited (the walk keeps its own stack).
 */
public final class CostRollup {

    /** What could not be rolled up, and why. */
    public record Skipped(int productId, String code, String reason) {
    }

    public record Result(Map<Integer, RolledCost> costs, List<Skipped> skipped) {
    }

    private static final MathContext PRECISION = MathContext.DECIMAL64;

    private final Map<Integer, Product> products = new HashMap<>();
    private final Map<Integer, BigDecimal> unitSizes;
    private final BigDecimal overheadRate;
    private final Map<Integer, Bom> bomOf = new HashMap<>();

    /** {@code overheadRate}: a fraction of material + operations (0.10 = 10 %). */
    public CostRollup(List<Product> products, List<Bom> boms, Map<Integer, BigDecimal> unitSizes,
            BigDecimal overheadRate) {
        products.forEach(p -> this.products.put(p.id(), p));
        this.unitSizes = unitSizes;
        this.overheadRate = overheadRate;
        // Odoo's _bom_find orders by sequence, product_id, id: a variant's own BOM wins only over template BOMs of
        // the same sequence (PostgreSQL sorts the template BOMs' empty product_id last).
        Comparator<Bom> odooPicks = Comparator.comparingInt(Bom::sequence)
                .thenComparing(b -> b.variantId() == null).thenComparingInt(Bom::id);
        Map<Integer, Bom> byTemplate = new HashMap<>();
        Map<Integer, Bom> byVariant = new HashMap<>();
        for (Bom b : boms) {
            Map<Integer, Bom> index = b.variantId() == null ? byTemplate : byVariant;
            index.merge(b.variantId() == null ? b.templateId() : b.variantId(), b,
                    (x, y) -> odooPicks.compare(x, y) <= 0 ? x : y);
        }
        for (Product p : products) {
            Bom own = byVariant.get(p.id());
            Bom template = byTemplate.get(p.templateId());
            Bom pick = own == null ? template : template == null ? own : odooPicks.compare(own, template) <= 0 ? own
                    : template;
            if (pick != null) {
                bomOf.put(p.id(), pick);
            }
        }
    }

    public Result roll() {
        Map<Integer, BigDecimal[]> done = new HashMap<>(); // product -> {material, operations, overhead}
        Map<Integer, String> failed = new LinkedHashMap<>();
        for (Product p : products.values()) {
            walk(p.id(), done, failed);
        }
        Map<Integer, RolledCost> costs = new LinkedHashMap<>();
        done.forEach((id, parts) -> {
            Product p = products.get(id);
            Bom bom = bomOf.get(id);
            costs.put(id, new RolledCost(id, p.code(), bom == null ? null : bom.id(), parts[0], parts[1], parts[2],
                    p.cost(), p.onHand() == null ? BigDecimal.ZERO : p.onHand(), "standard".equals(p.costMethod())));
        });
        List<Skipped> skipped = new ArrayList<>();
        failed.forEach((id, reason) -> skipped.add(new Skipped(id, products.get(id).code(), reason)));
        return new Result(costs, skipped);
    }

    /** Depth-first with an explicit stack: a product is costed once all its components are. */
    private void walk(int start, Map<Integer, BigDecimal[]> done, Map<Integer, String> failed) {
        if (done.containsKey(start) || failed.containsKey(start)) {
            return;
        }
        Deque<Integer> stack = new ArrayDeque<>();
        Map<Integer, Boolean> onPath = new HashMap<>();
        stack.push(start);
        while (!stack.isEmpty()) {
            int id = stack.peek();
            if (done.containsKey(id) || failed.containsKey(id)) {
                stack.pop();
                onPath.remove(id);
                continue;
            }
            onPath.put(id, true);
            boolean waiting = false;
            for (int component : components(id)) {
                if (done.containsKey(component)) {
                    continue;
                }
                if (failed.containsKey(component)) {
                    failed.put(id, "built from " + code(component) + ", which could not be rolled up");
                    waiting = false;
                    break;
                }
                if (onPath.containsKey(component)) {
                    markCycle(component, stack, failed);
                    waiting = false;
                    break;
                }
                stack.push(component);
                waiting = true;
                break;
            }
            if (!waiting && !failed.containsKey(id)) {
                done.put(id, cost(id, done));
                stack.pop();
                onPath.remove(id);
            }
        }
    }

    /** The products from {@code first} to the top of the stack form the cycle: each is skipped, naming it. */
    private void markCycle(int first, Deque<Integer> stack, Map<Integer, String> failed) {
        List<Integer> path = new ArrayList<>(stack);
        java.util.Collections.reverse(path);
        List<Integer> cycle = path.subList(path.indexOf(first), path.size());
        StringBuilder text = new StringBuilder("BOM cycle: ");
        cycle.forEach(c -> text.append(code(c)).append(" -> "));
        text.append(code(first));
        cycle.forEach(c -> failed.put(c, text.toString()));
    }

    /** Components that must be costed first: those of the BOM, with phantom kits' components in their place. */
    private List<Integer> components(int productId) {
        return components(productId, new java.util.HashSet<>());
    }

    /** A kit met again inside itself is listed as a component, so the walk finds the cycle instead of looping. */
    private List<Integer> components(int productId, java.util.Set<Integer> kits) {
        Bom bom = bomOf.get(productId);
        List<Integer> components = new ArrayList<>();
        if (bom != null) {
            for (Line line : bom.lines()) {
                Bom kit = bomOf.get(line.productId());
                if (kit != null && kit.phantom() && kits.add(line.productId())) {
                    components.addAll(components(line.productId(), kits));
                } else {
                    components.add(line.productId());
                }
            }
        }
        return components;
    }

    /** {material, operations, overhead} per unit of the product, its components already costed. */
    private BigDecimal[] cost(int productId, Map<Integer, BigDecimal[]> done) {
        Product product = products.get(productId);
        Bom bom = bomOf.get(productId);
        if (bom == null) {
            return new BigDecimal[] {product.boughtCost(), BigDecimal.ZERO, BigDecimal.ZERO};
        }
        BigDecimal perUnit = convert(bom.quantity(), bom.unitId(), product.unitId());
        BigDecimal material = material(bom, done).divide(perUnit, PRECISION);
        BigDecimal operations = BigDecimal.ZERO;
        for (Operation o : bom.operations()) {
            operations = operations.add(o.minutes().multiply(o.costPerHour())
                    .divide(BigDecimal.valueOf(60), PRECISION));
        }
        operations = operations.divide(perUnit, PRECISION);
        BigDecimal overhead = material.add(operations).multiply(overheadRate, PRECISION);
        return new BigDecimal[] {material, operations, overhead};
    }

    /** The BOM's components for its whole quantity; a phantom kit's lines scaled into it. */
    private BigDecimal material(Bom bom, Map<Integer, BigDecimal[]> done) {
        BigDecimal total = BigDecimal.ZERO;
        for (Line line : bom.lines()) {
            Product component = products.get(line.productId());
            BigDecimal quantity = convert(line.quantity(), line.unitId(), component.unitId())
                    .multiply(BigDecimal.ONE.add(line.scrapPercent().movePointLeft(2)), PRECISION);
            Bom kit = bomOf.get(line.productId());
            if (kit != null && kit.phantom()) {
                BigDecimal kits = quantity.divide(convert(kit.quantity(), kit.unitId(), component.unitId()), PRECISION);
                total = total.add(kits.multiply(material(kit, done), PRECISION));
            } else {
                BigDecimal[] parts = done.get(line.productId());
                total = total.add(quantity.multiply(parts[0].add(parts[1]).add(parts[2]), PRECISION));
            }
        }
        return total;
    }

    private BigDecimal convert(BigDecimal quantity, int from, int to) {
        if (from == to) {
            return quantity;
        }
        return quantity.multiply(unitSizes.get(from)).divide(unitSizes.get(to), PRECISION);
    }

    private String code(int productId) {
        Product p = products.get(productId);
        return p == null ? "#" + productId : p.code();
    }
}
