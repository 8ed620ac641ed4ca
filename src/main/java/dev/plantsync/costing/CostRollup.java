package dev.plantsync.costing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.plantsync.costing.CostModel.Bom;
import dev.plantsync.costing.CostModel.Capacity;
import dev.plantsync.costing.CostModel.Line;
import dev.plantsync.costing.CostModel.Operation;
import dev.plantsync.costing.CostModel.Product;

/**
 * Multi-level standard-cost roll-up, as Odoo's BoM report ({@code report.mrp.report_bom_structure}) costs a BOM: a
 * product without a BOM costs what it is bought for (its purchase cost per policy, else its standard price); one with
 * a BOM costs what the report gives for the BOM's quantity, per unit of the product, plus overhead at the given rate.
 * The report explodes every component that has a BOM (sub-assembly or phantom kit) at the quantity the line needs,
 * with that BOM's operations (setup and cleanup once per run, cycles by capacity, efficiency; see
 * {@link #operationMinutes}), and rounds each bought line and each operation to cents. The BOM used is the one Odoo
 * would pick: the lowest sequence, a variant's own BOM before its template's at the same sequence, then the oldest.
 * Not followed: by-products' cost share (not staged).
 *
 * <p>A cycle in the graph is reported with the products on it, which are skipped, as is everything built from them;
 * the rest is rolled up. So is a product whose BOM has an operation Odoo 18 cannot time (zero capacity or
 * efficiency: its report fails). Depth is not limited by the walk (it keeps its own stack); costing a product explodes
 * its BOM tree recursively, a frame per level.
 */
public final class CostRollup {

    /** What could not be rolled up, and why. */
    public record Skipped(int productId, String code, String reason) {
    }

    public record Result(Map<Integer, RolledCost> costs, List<Skipped> skipped) {
    }

    private static final MathContext PRECISION = MathContext.DECIMAL64;
    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal HALF = new BigDecimal("0.5");

    private final Map<Integer, Product> products = new HashMap<>();
    private final Map<Integer, BigDecimal> unitSizes;
    private final BigDecimal overheadRate;
    private final Map<Integer, Bom> bomOf = new HashMap<>();
    private final int odooVersion;
    private final Map<Explosion, BigDecimal[]> exploded = new HashMap<>();

    /** A BOM exploded for a product and a quantity (stripped of trailing zeros, so 2.0 and 2 are one key). */
    private record Explosion(int bomId, int productId, BigDecimal quantity) {
    }

    /** As on Odoo 19. */
    public CostRollup(List<Product> products, List<Bom> boms, Map<Integer, BigDecimal> unitSizes,
            BigDecimal overheadRate) {
        this(products, boms, unitSizes, overheadRate, 19);
    }

    /**
     * {@code overheadRate}: a fraction of material + operations (0.10 = 10 %); {@code odooVersion}: whose BoM report
     * to follow for operation times (see {@link #operationMinutes}).
     */
    public CostRollup(List<Product> products, List<Bom> boms, Map<Integer, BigDecimal> unitSizes,
            BigDecimal overheadRate, int odooVersion) {
        this.odooVersion = odooVersion;
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
                    p.cost(), p.onHand() == null || bom != null && bom.phantom() ? BigDecimal.ZERO : p.onHand(),
                    "standard".equals(p.costMethod()), bom != null && bom.phantom()));
        });
        exploded.clear(); // a quarter of a million explosions on 50,000 products: not kept beyond the roll-up
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
                try {
                    done.put(id, cost(id, done));
                } catch (UnusableOperation e) {
                    failed.put(id, e.getMessage());
                }
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
        BigDecimal[] report = explode(bom, product, bom.quantity());
        BigDecimal material = report[0].divide(perUnit, PRECISION);
        BigDecimal operations = report[1].divide(perUnit, PRECISION);
        BigDecimal overhead = material.add(operations).multiply(overheadRate, PRECISION);
        return new BigDecimal[] {material, operations, overhead};
    }

    /**
     * {material, operations} of {@code quantity} (in the BOM's unit) made with the BOM, as Odoo's BoM report
     * ({@code report.mrp.report_bom_structure._get_bom_data}) costs it, the same on 18 and 19: each component line at
     * quantity x BOM quantity ratio, a bought one at its cost converted to the line's unit and rounded to cents; one
     * with a BOM of its own (sub-assembly or kit alike) exploded at that line quantity, so its operations and their
     * setup count for that quantity (not the sub-assembly's cost per unit times the quantity); each operation at
     * {@link #operationMinutes} for the quantity rounded up to a whole unit, its cost rounded to cents. PlantSync's
     * scrap adds to a line's quantity; its overhead rate applies to an exploded sub-assembly (not to a kit) as it does
     * to the product. Memoised per BOM, product and quantity: a shared sub-assembly is exploded once per quantity.
     */
    private BigDecimal[] explode(Bom bom, Product product, BigDecimal quantity) {
        Explosion key = new Explosion(bom.id(), product.id(), quantity.stripTrailingZeros());
        BigDecimal[] known = exploded.get(key);
        if (known != null) {
            return known;
        }
        BigDecimal material = BigDecimal.ZERO;
        for (Line line : bom.lines()) {
            Product component = products.get(line.productId());
            BigDecimal lineQuantity = quantity.multiply(line.quantity(), PRECISION);
            if (line.scrapPercent().signum() != 0) {
                lineQuantity = lineQuantity.multiply(BigDecimal.ONE.add(line.scrapPercent().movePointLeft(2)),
                        PRECISION);
            }
            if (bom.quantity().compareTo(BigDecimal.ONE) != 0 && bom.quantity().signum() != 0) {
                lineQuantity = lineQuantity.divide(bom.quantity(), PRECISION);
            }
            Bom child = bomOf.get(line.productId());
            if (child != null) {
                BigDecimal[] parts = explode(child, component,
                        convert(lineQuantity, line.unitId(), child.unitId()));
                BigDecimal made = parts[0].add(parts[1]);
                material = material.add(child.phantom() ? made : made.add(made.multiply(overheadRate, PRECISION)));
            } else {
                BigDecimal pricePerLineUnit = pricePer(component.boughtCost(), component.unitId(), line.unitId());
                material = material.add(RolledCost.cents(pricePerLineUnit.multiply(lineQuantity, PRECISION)));
            }
        }
        // _get_bom_data: float_round(current_quantity, precision_rounding=1, rounding_method='UP')
        BigDecimal wholeUnits = quantity.setScale(9, RoundingMode.HALF_UP).setScale(0, RoundingMode.CEILING);
        BigDecimal operations = BigDecimal.ZERO;
        for (Operation o : bom.operations()) {
            operations = operations.add(RolledCost.cents(operationMinutes(o, bom, product, wholeUnits)
                    .multiply(o.costPerHour()).divide(SIXTY, PRECISION)));
        }
        BigDecimal[] parts = {material, operations};
        exploded.put(key, parts);
        return parts;
    }

    /**
     * Minutes an operation takes for {@code quantity} (whole units of the BOM's unit) of the product, as each
     * version's BoM report computes them:
     * <ul>
     * <li>18 ({@code mrp.routing.workcenter._get_duration_expected}): the quantity in the product's unit; capacity and
     * setup + cleanup from the work center's capacity line for the product, else its {@code default_capacity} and
     * {@code time_start + time_stop}; {@code setup + cleanup + ceil(quantity / capacity) x time_cycle x 100 /
     * time_efficiency}.
     * <li>19 ({@code _compute_time_cycle}, the {@code time_total} behind the operation's {@code cost}, in the report's
     * context product and quantity): the quantity in the BOM's unit; capacity and setup + cleanup from the capacity
     * line Odoo's {@code mrp.workcenter._get_capacity} picks (the product's own in its unit, else one for any product
     * in the BOM's unit, else in the product's unit; converted to the BOM's unit; a zero capacity keeps the default),
     * else the BOM's quantity and the work center's {@code time_start + time_stop}; {@code setup + cleanup +
     * ceil(quantity / capacity) x time_cycle x 100 / (time_efficiency or 100)}.
     * </ul>
     * {@code time_cycle} is Odoo's own (the manual time, or the work-order average when time_mode is auto), staged.
     */
    BigDecimal operationMinutes(Operation o, Bom bom, Product product, BigDecimal quantity) {
        BigDecimal capacity;
        BigDecimal setupAndCleanup;
        BigDecimal cycles;
        BigDecimal efficiency = o.efficiency();
        if (odooVersion < 19) {
            BigDecimal inProductUnit = convert(quantity, bom.unitId(), product.unitId());
            Capacity own = o.capacities().stream().filter(c -> c.productId() != null && c.productId() == product.id())
                    .findFirst().orElse(null);
            capacity = own != null ? own.capacity() : o.defaultCapacity() == null ? BigDecimal.ONE
                    : o.defaultCapacity();
            setupAndCleanup = own != null ? own.setup().add(own.cleanup()) : o.setup().add(o.cleanup());
            if (capacity.signum() == 0 || efficiency.signum() == 0) {
                // Odoo 18 divides by both: its BoM report fails on this BOM (ZeroDivisionError)
                throw new UnusableOperation("operation at a work center with " + (capacity.signum() == 0
                        ? "zero capacity" : "zero efficiency") + " in BOM " + bom.id() + ": Odoo 18 cannot cost it");
            }
            cycles = ceiling(inProductUnit.divide(capacity, PRECISION));
        } else {
            BigDecimal byDefault = bom.quantity().signum() == 0 ? BigDecimal.ONE : bom.quantity();
            Capacity picked = o.capacities().isEmpty() ? null : o.capacities().stream().min(Comparator
                    .comparing((Capacity c) -> !(Objects.equals(c.productId(), product.id())
                            && Objects.equals(c.unitId(), product.unitId())))
                    .thenComparing(c -> !(c.productId() == null && Objects.equals(c.unitId(), bom.unitId())))
                    .thenComparing(c -> !(c.productId() == null && Objects.equals(c.unitId(), product.unitId()))))
                    .orElse(null);
            if (picked != null && (picked.productId() == null || picked.productId() == product.id())
                    && (Objects.equals(picked.unitId(), product.unitId())
                            || Objects.equals(picked.unitId(), bom.unitId()))) {
                capacity = picked.capacity().abs().compareTo(HALF) < 0 ? byDefault
                        : convert(picked.capacity(), picked.unitId(), bom.unitId());
                setupAndCleanup = picked.setup().add(picked.cleanup());
            } else {
                capacity = byDefault;
                setupAndCleanup = o.setup().add(o.cleanup());
            }
            cycles = ceiling(quantity.divide(capacity, PRECISION));
            if (efficiency.signum() == 0) {
                efficiency = HUNDRED;
            }
        }
        return setupAndCleanup.add(cycles.multiply(o.minutes()).multiply(HUNDRED).divide(efficiency, PRECISION));
    }

    /** An operation Odoo cannot time: the product is skipped with this reason. */
    static final class UnusableOperation extends RuntimeException {

        UnusableOperation(String message) {
            super(message);
        }
    }

    /** Odoo's float_round(x, precision_digits=0, rounding_method='UP'), after the float noise is gone. */
    private static BigDecimal ceiling(BigDecimal x) {
        return x.setScale(9, RoundingMode.HALF_UP).setScale(0, RoundingMode.CEILING);
    }

    /** A price per unit {@code from} as a price per unit {@code to} (Odoo's uom._compute_price). */
    private BigDecimal pricePer(BigDecimal price, int from, int to) {
        return convert(price, to, from);
    }

    private BigDecimal convert(BigDecimal quantity, Integer from, Integer to) {
        if (from == null || to == null || from.equals(to)) {
            return quantity;
        }
        return quantity.multiply(unitSizes.get(from)).divide(unitSizes.get(to), PRECISION);
    }

    private String code(int productId) {
        Product p = products.get(productId);
        return p == null ? "#" + productId : p.code();
    }
}
