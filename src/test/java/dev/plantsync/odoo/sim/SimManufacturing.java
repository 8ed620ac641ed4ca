package dev.plantsync.odoo.sim;

import static dev.plantsync.odoo.sim.SimStock.qty;
import static dev.plantsync.odoo.sim.SimStock.rounded;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Manufacturing orders as real Odoo 18 and 19 ran them in flow 08 ({@code odoo-corpus/flows/<v>/08-manufacturing-order.json},
 * digest in {@code flows/08-manufacturing-order-FACTS.md}): create explodes the BoM into component and finished
 * moves and one work order per operation; confirm reserves (the Manufacturing type reserves at confirmation);
 * {@code set_qty_producing} applies qty_producing to the component moves; {@code button_mark_done} answers the
 * backorder or consumption-warning action, completes the whole quantity when nothing was recorded, refuses a
 * lot-tracked component without lot (rolled back), and posts the moves; cancel and the quantity change. The
 * wizards are in {@link SimMrpWizards}, scraps in {@link SimScrap}, the stock side in {@link SimStock}.
 */
final class SimManufacturing {

    /** What a business method returns when it is not one of these models' methods. */
    static final Object UNSUPPORTED = new Object();

    private final SimOrm orm;
    private final SimStock stock;
    private final SimMrpLocations locations;
    private final SimMrpWizards wizards;
    private final SimScrap scrap;
    /** Odoo's ir.sequence numbers: MO names, scrap names, generated lot names. */
    private final Map<String, Integer> sequences = new HashMap<>();
    /** Set while a backorder is created: it copies its moves instead of exploding the BoM. */
    private boolean copying;

    SimManufacturing(SimOrm orm) {
        this.orm = orm;
        this.stock = new SimStock(orm);
        this.locations = new SimMrpLocations(orm);
        this.wizards = new SimMrpWizards(orm, this);
        this.scrap = new SimScrap(orm, this);
    }

    SimStock stock() {
        return stock;
    }

    SimMrpLocations locations() {
        return locations;
    }

    /** The next number of a sequence ("mrp.production", "stock.scrap", "stock.lot.serial"). */
    int next(String sequence) {
        return sequences.merge(sequence, 1, Integer::sum);
    }

    /** Makes the sequence's next number {@code next} (a seeded database continues where the recorded one was). */
    void sequence(String sequence, int next) {
        synchronized (sequences) {
            sequences.put(sequence, next - 1);
        }
    }

    // ---- entry point from the dispatcher -----------------------------------------------------------------------

    Object call(String model, String method, List<Integer> ids, Map<String, Object> context, int uid) {
        String key = model + "." + method;
        if (!Set.of("mrp.production.action_confirm", "mrp.production.action_assign", "mrp.production.set_qty_producing",
                "mrp.production.button_mark_done", "mrp.production.action_cancel",
                "mrp.production.backorder.action_backorder", "mrp.production.backorder.action_close_mo",
                "mrp.consumption.warning.action_confirm", "change.production.qty.change_prod_qty",
                "stock.scrap.action_validate", "stock.quant.action_apply_inventory").contains(key)) {
            return UNSUPPORTED;
        }
        return orm.transaction(() -> {
            for (Integer id : ids) {
                if (orm.get(model, id) == null) {
                    throw SimError.missing(model, List.of(id), uid);
                }
            }
            Object result = switch (key) {
                case "mrp.production.action_confirm" -> {
                    ids.forEach(id -> confirm(mo(id), false, uid));
                    yield true;
                }
                case "mrp.production.action_assign" -> {
                    ids.forEach(id -> assign(mo(id), false, uid));
                    yield true;
                }
                case "mrp.production.set_qty_producing" -> {
                    ids.forEach(id -> setQtyProducing(mo(id), uid));
                    yield null; // Odoo returns None: 18 leaves out the result key, 19 answers null
                }
                case "mrp.production.button_mark_done" -> markDone(ids, context, uid);
                case "mrp.production.action_cancel" -> {
                    ids.forEach(id -> cancel(mo(id)));
                    yield true;
                }
                case "stock.scrap.action_validate" -> scrap.validate(ids, uid);
                case "stock.quant.action_apply_inventory" -> stock.applyInventory(ids, uid);
                default -> wizards.call(key, ids, context, uid);
            };
            stock.syncReservations(productsTouched());
            return result;
        });
    }

    private Map<String, Object> mo(int id) {
        return orm.get("mrp.production", id);
    }

    /**
     * The products whose moves, move lines or quants this call changed: only their reservations can have moved, so
     * only theirs are recomputed (all products' were, a scan of every line per call).
     */
    private Set<Integer> productsTouched() {
        Set<Integer> products = new LinkedHashSet<>();
        orm.touched(Set.of("stock.move", "stock.move.line", "stock.quant"), "product_id")
                .forEach(p -> products.add((Integer) p));
        return products;
    }

    // ---- ORM hooks ---------------------------------------------------------------------------------------------

    void defaults(String model, Map<String, Object> r) {
        switch (model) {
            case "mrp.production" -> {
                r.put("state", "draft");
                r.put("qty_producing", 0.0);
                r.put("backorder_sequence", 0);
                r.put("consumption", "flexible"); // a draft MO shows 'flexible'; confirm takes the BoM's (flow 08)
                r.put("is_locked", false);
            }
            case "stock.scrap" -> {
                r.put("name", "New");
                r.put("state", "draft");
            }
            default -> { }
        }
    }

    void afterCreate(String model, Map<String, Object> r, Set<String> given, int uid) {
        switch (model) {
            case "mrp.production" -> {
                if (!copying) {
                    prepare(r);
                    explode(r, given, uid);
                }
            }
            case "stock.scrap" -> scrap.prepare(r);
            default -> { }
        }
    }

    void afterWrite(String model, Map<String, Object> r, Set<String> fields, int uid) {
        switch (model) {
            case "stock.move.line" -> {
                Map<String, Object> move = orm.get("stock.move", (Integer) r.get("move_id"));
                if (move != null && !"done".equals(move.get("state"))) {
                    stock.syncQuantity(move);
                    stock.syncState(move);
                    stock.syncReservations(List.of((Integer) move.get("product_id")));
                }
            }
            case "stock.move" -> {
                if (fields.contains("picked") && Boolean.TRUE.equals(r.get("picked"))) {
                    stock.pick(r);
                }
                Map<String, Object> mo = orm.get("mrp.production", (Integer) r.get("raw_material_production_id"));
                if (mo != null) {
                    progress(mo);
                }
            }
            case "mrp.production" -> {
                if (fields.contains("qty_producing")) {
                    progress(r);
                }
            }
            default -> { }
        }
    }

    /** Odoo computes 'progress' for a confirmed MO once something is being produced or consumed. */
    private void progress(Map<String, Object> mo) {
        if ("confirmed".equals(mo.get("state")) && (qty(mo.get("qty_producing")).signum() > 0
                || rawMoves(mo).stream().anyMatch(m -> Boolean.TRUE.equals(m.get("picked"))))) {
            mo.put("state", "progress");
        }
    }

    String displayName(String model, Map<String, Object> r) {
        return switch (model) {
            case "mrp.bom" -> {
                Map<String, Object> product = r.get("product_id") != null ? orm.get("product.product", (Integer) r.get("product_id"))
                        : orm.get("product.template", (Integer) r.get("product_tmpl_id"));
                String name = product == null ? "" : orm.displayName(r.get("product_id") != null ? "product.product"
                        : "product.template", product);
                yield r.get("code") != null ? r.get("code") + ": " + name : name;
            }
            case "stock.move" -> {
                Map<String, Object> product = orm.get("product.product", (Integer) r.get("product_id"));
                String route = orm.get("stock.location", (Integer) r.get("location_id")).get("name") + ">"
                        + orm.get("stock.location", (Integer) r.get("location_dest_id")).get("name");
                yield product != null && product.get("default_code") != null ? product.get("default_code") + ": " + route
                        : route;
            }
            case "mrp.bom.line" -> {
                Map<String, Object> product = orm.get("product.product", (Integer) r.get("product_id"));
                yield product == null ? null : orm.displayName("product.product", product);
            }
            case "stock.picking.type" -> {
                Map<String, Object> warehouse = orm.get("stock.warehouse", (Integer) r.get("warehouse_id"));
                yield warehouse == null ? String.valueOf(r.get("name")) : warehouse.get("name") + ": " + r.get("name");
            }
            default -> null;
        };
    }

    /** Values Odoo computes on these models; null when this class does not compute the field. */
    Object computed(String model, Map<String, Object> r, String field) {
        return switch (model + "." + field) {
            case "mrp.production.move_raw_ids" -> ids(rawMoves(r));
            case "mrp.production.move_finished_ids" -> ids(finishedMoves(r));
            case "mrp.production.reservation_state" -> reservationState(r);
            case "mrp.production.components_availability" -> "assigned".equals(reservationState(r)) ? "Available"
                    : reservationState(r) == null ? null : "Not Available";
            case "mrp.production.qty_produced" -> produced(r).doubleValue();
            case "mrp.production.mrp_production_backorder_count" -> (int) orm.table("mrp.production").values().stream()
                    .filter(o -> root(o).equals(root(r))).count();
            case "mrp.production.production_location_id" -> locations.production();
            // one2many lists in the comodel's order (sequence, id), as Odoo reads them
            case "mrp.bom.operation_ids" -> sortedIds("mrp.routing.workcenter", "bom_id", r);
            case "mrp.bom.bom_line_ids" -> sortedIds("mrp.bom.line", "bom_id", r);
            case "product.product.bom_ids", "product.template.bom_ids" -> orm.table("mrp.bom").values().stream()
                    .filter(b -> Objects.equals(b.get("product_tmpl_id"), model.equals("product.template") ? r.get("id")
                            : r.get("product_tmpl_id")))
                    .sorted(Comparator.comparing((Map<String, Object> b) -> ((Number) b.getOrDefault("sequence", 0)).intValue())
                            .thenComparing(b -> (Integer) b.get("id")))
                    .map(b -> b.get("id")).toList();
            case "stock.move.has_tracking" -> orm.get("product.product", (Integer) r.get("product_id")).get("tracking");
            case "stock.move.should_consume_qty" -> shouldConsume(r);
            case "stock.move.lot_ids" -> stock.lines(r).stream().map(l -> l.get("lot_id")).filter(Objects::nonNull)
                    .distinct().toList();
            case "stock.move.line.state", "stock.move.line.reference", "stock.move.line.production_id",
                    "stock.move.line.scrap_id" -> {
                Map<String, Object> move = orm.get("stock.move", (Integer) r.get("move_id"));
                if (move == null) {
                    yield null;
                }
                yield switch (field) {
                    case "state" -> move.get("state");
                    case "reference" -> move.get("reference");
                    case "scrap_id" -> move.get("scrap_id");
                    // a finished product's line has none, nor a scrap's (recorded)
                    default -> move.get("scrap_id") != null ? null : move.get("raw_material_production_id");
                };
            }
            case "stock.move.line.quantity_product_uom" -> r.get("quantity");
            case "stock.lot.product_qty" -> rounded(orm.where("stock.quant", "lot_id", r.get("id")).stream()
                    .filter(q -> "internal".equals(
                            orm.get("stock.location", (Integer) q.get("location_id")).get("usage")))
                    .map(q -> qty(q.get("quantity"))).reduce(BigDecimal.ZERO, BigDecimal::add));
            default -> null;
        };
    }

    private List<Object> sortedIds(String comodel, String inverse, Map<String, Object> r) {
        return orm.table(comodel).values().stream().filter(x -> Objects.equals(x.get(inverse), r.get("id")))
                .sorted(Comparator.comparing((Map<String, Object> x) -> ((Number) x.getOrDefault("sequence", 0)).intValue())
                        .thenComparing(x -> (Integer) x.get("id")))
                .map(x -> x.get("id")).toList();
    }

    private static List<Object> ids(List<Map<String, Object>> records) {
        return records.stream().map(r -> r.get("id")).toList();
    }

    /** Component moves: raw_material_production_id, not the scraps (Odoo's domain on move_raw_ids). */
    List<Map<String, Object>> rawMoves(Map<String, Object> mo) {
        return orm.where("stock.move", "raw_material_production_id", mo.get("id")).stream()
                .filter(m -> m.get("scrap_id") == null).toList();
    }

    List<Map<String, Object>> finishedMoves(Map<String, Object> mo) {
        return orm.where("stock.move", "production_id", mo.get("id")).stream()
                .filter(m -> m.get("scrap_id") == null).toList();
    }

    List<Map<String, Object>> workOrders(Map<String, Object> mo) {
        return orm.where("mrp.workorder", "production_id", mo.get("id"));
    }

    private static boolean open(Map<String, Object> move) {
        return !"done".equals(move.get("state")) && !"cancel".equals(move.get("state"));
    }

    private String reservationState(Map<String, Object> mo) {
        if (!Set.of("confirmed", "progress", "to_close").contains(String.valueOf(mo.get("state")))) {
            return null;
        }
        List<Map<String, Object>> open = rawMoves(mo).stream().filter(SimManufacturing::open).toList();
        boolean ready = open.stream().allMatch(m -> Boolean.TRUE.equals(m.get("picked"))
                || qty(m.get("quantity")).compareTo(qty(m.get("product_uom_qty"))) >= 0);
        return ready ? "assigned" : "confirmed";
    }

    BigDecimal produced(Map<String, Object> mo) {
        return finishedMoves(mo).stream().filter(m -> "done".equals(m.get("state"))
                && Objects.equals(m.get("product_id"), mo.get("product_id")))
                .map(m -> qty(m.get("quantity"))).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The MO name without its backorder suffix: WH/MO/00017 for WH/MO/00017-002. */
    private static String root(Map<String, Object> mo) {
        String name = String.valueOf(mo.get("name"));
        return ((Number) mo.getOrDefault("backorder_sequence", 0)).intValue() > 0 && name.lastIndexOf('-') > 0
                ? name.substring(0, name.lastIndexOf('-')) : name;
    }

    private double shouldConsume(Map<String, Object> move) {
        Map<String, Object> mo = orm.get("mrp.production", (Integer) move.get("raw_material_production_id"));
        if (mo == null || !open(move) || "draft".equals(mo.get("state"))) {
            return 0.0;
        }
        BigDecimal remaining = qty(mo.get("product_qty")).subtract(produced(mo));
        if (remaining.signum() <= 0) {
            return 0.0;
        }
        BigDecimal factor = qty(move.get("product_uom_qty")).divide(remaining, 10, RoundingMode.HALF_UP);
        return rounded(qty(mo.get("qty_producing")).subtract(produced(mo)).max(BigDecimal.ZERO).multiply(factor));
    }

    // ---- create: BoM explosion -----------------------------------------------------------------------------------

    private void prepare(Map<String, Object> mo) {
        Map<String, Object> product = orm.get("product.product", (Integer) mo.get("product_id"));
        if (product == null) {
            throw SimError.validation("Missing required value for the field 'Product' (product_id).\nModel: "
                    + "Production Order (mrp.production)");
        }
        if (mo.get("bom_id") == null) {
            orm.table("mrp.bom").values().stream()
                    .filter(b -> Objects.equals(b.get("product_id"), product.get("id"))
                            || b.get("product_id") == null && Objects.equals(b.get("product_tmpl_id"), product.get("product_tmpl_id")))
                    .filter(b -> !Boolean.FALSE.equals(b.get("active")) && !"phantom".equals(b.get("type")))
                    .min(Comparator.comparing((Map<String, Object> b) -> ((Number) b.getOrDefault("sequence", 0)).intValue())
                            .thenComparing(b -> (Integer) b.get("id")))
                    .ifPresent(b -> mo.put("bom_id", b.get("id")));
        }
        Map<String, Object> bom = orm.get("mrp.bom", (Integer) mo.get("bom_id"));
        mo.putIfAbsent("product_qty", 1.0);
        mo.putIfAbsent("product_uom_id", bom != null ? bom.get("product_uom_id") : product.get("uom_id"));
        if (mo.get("picking_type_id") == null) {
            mo.put("picking_type_id", locations.manufacturingType());
        }
        Map<String, Object> type = orm.get("stock.picking.type", (Integer) mo.get("picking_type_id"));
        if (mo.get("location_src_id") == null) {
            mo.put("location_src_id", type != null && type.get("default_location_src_id") != null
                    ? type.get("default_location_src_id") : locations.stock());
        }
        if (mo.get("location_dest_id") == null) {
            mo.put("location_dest_id", type != null && type.get("default_location_dest_id") != null
                    ? type.get("default_location_dest_id") : locations.stock());
        }
        if (mo.get("name") == null) {
            Object prefix = type != null && type.get("sequence_code") != null ? type.get("sequence_code") : "MO";
            mo.put("name", "WH/" + prefix + "/" + String.format("%05d", next("mrp.production")));
        }
        mo.put("production_location_id", locations.production());
        mo.putIfAbsent("date_start", SimStock.now());
    }

    /**
     * The BoM's lines become component moves, the product a finished move, each operation a work order. Odoo spends
     * one stock.move id between the component and the finished moves of a new MO (recorded: 118, 119, 121 on 18;
     * 156, 157, 159 on 19), not for a backorder (122, 123, 124).
     */
    private void explode(Map<String, Object> mo, Set<String> given, int uid) {
        Map<String, Object> bom = orm.get("mrp.bom", (Integer) mo.get("bom_id"));
        BigDecimal quantity = qty(mo.get("product_qty"));
        List<Object[]> components = new ArrayList<>();
        // Component moves and work orders are computed fields Odoo fills from the BoM only when the create did not
        // give them: values given at create are protected from the compute.
        boolean movesGiven = given.contains("move_raw_ids");
        boolean workOrdersGiven = given.contains("workorder_ids");
        if (bom != null && !movesGiven) {
            BigDecimal bomQty = qty(bom.get("product_qty")).signum() == 0 ? BigDecimal.ONE : qty(bom.get("product_qty"));
            orm.table("mrp.bom.line").values().stream().filter(l -> Objects.equals(l.get("bom_id"), bom.get("id")))
                    .sorted(Comparator.comparing((Map<String, Object> l) -> ((Number) l.getOrDefault("sequence", 0)).intValue())
                            .thenComparing(l -> (Integer) l.get("id")))
                    .forEach(l -> components.add(new Object[] {l.get("product_id"), l.get("id"), l.get("product_uom_id"),
                            qty(l.get("product_qty")).multiply(quantity).divide(bomQty, 10, RoundingMode.HALF_UP)}));
        }
        createMoves(mo, components, quantity, true, uid);
        if (bom != null && !workOrdersGiven) {
            orm.table("mrp.routing.workcenter").values().stream()
                    .filter(o -> Objects.equals(o.get("bom_id"), bom.get("id")) && !Boolean.FALSE.equals(o.get("active")))
                    .sorted(Comparator.comparing((Map<String, Object> o) -> ((Number) o.getOrDefault("sequence", 0)).intValue())
                            .thenComparing(o -> (Integer) o.get("id")))
                    .toList()
                    .forEach(o -> createWorkOrder(mo, o, quantity, uid));
        }
        mo.put("date_finished", finish(mo));
    }

    /** components: {product, bom line, uom, demand}. */
    void createMoves(Map<String, Object> mo, List<Object[]> components, BigDecimal finished, boolean spendId, int uid) {
        Integer production = locations.production();
        for (Object[] c : components) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("product_id", c[0]);
            v.put("bom_line_id", c[1]);
            v.put("product_uom", c[2]);
            v.put("product_uom_qty", rounded((BigDecimal) c[3]));
            v.put("location_id", mo.get("location_src_id"));
            v.put("location_dest_id", production);
            v.put("raw_material_production_id", mo.get("id"));
            v.put("reference", mo.get("name"));
            v.put("picking_type_id", mo.get("picking_type_id"));
            stock.createMove(v, uid);
        }
        if (spendId) {
            orm.spendId("stock.move");
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("product_id", mo.get("product_id"));
        v.put("product_uom", mo.get("product_uom_id"));
        v.put("product_uom_qty", rounded(finished));
        v.put("location_id", production);
        v.put("location_dest_id", mo.get("location_dest_id"));
        v.put("production_id", mo.get("id"));
        v.put("reference", mo.get("name"));
        v.put("picking_type_id", mo.get("picking_type_id"));
        stock.createMove(v, uid);
    }

    void createWorkOrder(Map<String, Object> mo, Map<String, Object> operation, BigDecimal quantity, int uid) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", operation.get("name"));
        v.put("production_id", mo.get("id"));
        v.put("workcenter_id", operation.get("workcenter_id"));
        v.put("operation_id", operation.get("id"));
        v.put("product_id", mo.get("product_id"));
        v.put("qty_production", rounded(quantity));
        v.put("qty_producing", 0.0);
        v.put("qty_produced", 0.0);
        v.put("duration", 0.0);
        v.put("state", orm.version >= 19 ? "ready" : "waiting"); // a draft MO's work orders (flow 08)
        int id = orm.createRecord("mrp.workorder", v, uid);
        Map<String, Object> wo = orm.get("mrp.workorder", id);
        wo.put("duration_expected", expectedDuration(wo));
    }

    /**
     * Odoo's _get_duration_expected for a manual time: setup + cleanup + cycles x cycle time x 100 / efficiency, where
     * cycles is the quantity over the work centre's capacity rounded up (recorded: 10 units x 60 min = 600).
     */
    double expectedDuration(Map<String, Object> wo) {
        Map<String, Object> operation = orm.get("mrp.routing.workcenter", (Integer) wo.get("operation_id"));
        Map<String, Object> center = orm.get("mrp.workcenter", (Integer) wo.get("workcenter_id"));
        if (operation == null || center == null) {
            return 0.0;
        }
        BigDecimal capacity = qty(center.getOrDefault("default_capacity", 1.0));
        if (capacity.signum() <= 0) {
            capacity = BigDecimal.ONE;
        }
        BigDecimal cycles = qty(wo.get("qty_production")).divide(capacity, 0, RoundingMode.UP);
        BigDecimal efficiency = qty(center.getOrDefault("time_efficiency", 100.0));
        BigDecimal time = cycles.multiply(qty(operation.get("time_cycle_manual"))).multiply(BigDecimal.valueOf(100))
                .divide(efficiency.signum() == 0 ? BigDecimal.valueOf(100) : efficiency, 10, RoundingMode.HALF_UP)
                .add(qty(center.get("time_start"))).add(qty(center.get("time_stop")));
        return rounded(time);
    }

    /** The planned end: the start plus the work orders' expected minutes (one hour without work orders). */
    private String finish(Map<String, Object> mo) {
        double minutes = workOrders(mo).stream().mapToDouble(w -> qty(w.get("duration_expected")).doubleValue()).sum();
        LocalDateTime start = LocalDateTime.parse(String.valueOf(mo.get("date_start")), SimOrm.DATETIME);
        return start.plusSeconds((long) ((minutes == 0 ? 60 : minutes) * 60)).format(SimOrm.DATETIME);
    }

    // ---- confirm, reserve, record production -------------------------------------------------------------------

    /** Confirms a draft MO: the BoM's consumption rule, moves confirmed and reserved at once (at_confirm). */
    void confirm(Map<String, Object> mo, boolean finishedFirst, int uid) {
        if (!"draft".equals(mo.get("state"))) {
            return;
        }
        mo.put("state", "confirmed");
        Map<String, Object> bom = orm.get("mrp.bom", (Integer) mo.get("bom_id"));
        if (bom != null && bom.get("consumption") != null) {
            mo.put("consumption", bom.get("consumption"));
        }
        rawMoves(mo).forEach(m -> m.put("state", "confirmed"));
        finishedMoves(mo).forEach(m -> m.put("state", "confirmed"));
        Map<String, Object> type = orm.get("stock.picking.type", (Integer) mo.get("picking_type_id"));
        if (type == null || !"manual".equals(type.get("reservation_method"))) {
            assign(mo, finishedFirst, uid);
        }
        stageWorkOrders(mo);
    }

    /** action_assign: reserves what the open moves lack (a backorder reserves its finished move first, as recorded). */
    void assign(Map<String, Object> mo, boolean finishedFirst, int uid) {
        List<Map<String, Object>> moves = new ArrayList<>();
        if (finishedFirst) {
            moves.addAll(finishedMoves(mo));
        }
        moves.addAll(rawMoves(mo));
        if (!finishedFirst) {
            moves.addAll(finishedMoves(mo));
        }
        moves.stream().filter(SimManufacturing::open).filter(m -> !"draft".equals(m.get("state")))
                .forEach(m -> stock.reserve(m, uid));
        stock.syncReservations(moves.stream().map(m -> (Integer) m.get("product_id")).toList());
        stageWorkOrders(mo);
    }

    /** After confirm the first work order is ready (18: waiting while components are short), the others wait for it. */
    private void stageWorkOrders(Map<String, Object> mo) {
        if ("draft".equals(mo.get("state"))) {
            return;
        }
        List<Map<String, Object>> orders = workOrders(mo).stream()
                .filter(w -> !"done".equals(w.get("state")) && !"cancel".equals(w.get("state"))).toList();
        boolean available = "assigned".equals(reservationState(mo));
        for (int i = 0; i < orders.size(); i++) {
            String state;
            if (i == 0) {
                state = orm.version >= 19 || available ? "ready" : "waiting";
            } else {
                state = orm.version >= 19 ? "blocked" : "pending";
            }
            orders.get(i).put("state", state);
        }
    }

    /**
     * set_qty_producing (the form's onchange, public): the component moves get qty_producing x their unit factor as
     * picked quantity, their lines trimmed to it, what goes beyond the reserved lines on a new line without lot (real
     * 18 and 19 producing 11 of 10); the finished move is left as it is (recorded).
     */
    void setQtyProducing(Map<String, Object> mo, int uid) {
        BigDecimal producing = qty(mo.get("qty_producing"));
        BigDecimal remaining = qty(mo.get("product_qty")).subtract(produced(mo));
        for (Map<String, Object> move : rawMoves(mo)) {
            if (!open(move) || remaining.signum() <= 0) {
                continue;
            }
            BigDecimal factor = qty(move.get("product_uom_qty")).divide(remaining, 10, RoundingMode.HALF_UP);
            stock.setQuantityDone(move, producing.subtract(produced(mo)).multiply(factor), uid);
            stock.pick(move);
            stock.syncState(move);
        }
        progress(mo);
    }

    // ---- mark done -----------------------------------------------------------------------------------------------

    private Object markDone(List<Integer> ids, Map<String, Object> context, int uid) {
        Object answer = true;
        for (Integer id : ids) {
            Map<String, Object> mo = mo(id);
            if ("draft".equals(mo.get("state"))) {
                // 18 opens the batch-produce wizard; 19 answers None but has already made and linked a lot (flow 08)
                if (orm.version < 19) {
                    return wizards.batchProduceAction(id);
                }
                ensureLot(mo, uid);
                answer = null;
                continue;
            }
            if (!Set.of("confirmed", "progress", "to_close").contains(String.valueOf(mo.get("state")))) {
                continue;
            }
            if (qty(mo.get("qty_producing")).signum() == 0) {
                // nothing recorded: Odoo completes the whole remaining quantity (flow 08, 3 of 3)
                mo.put("qty_producing", rounded(qty(mo.get("product_qty")).subtract(produced(mo))));
                setQtyProducing(mo, uid);
            }
            ensureLot(mo, uid);
            if (!Boolean.TRUE.equals(context.get("skip_consumption"))) {
                List<Map<String, Object>> issues = consumptionIssues(mo);
                if (!issues.isEmpty()) {
                    return wizards.consumptionWarningAction(List.of(id), issues);
                }
            }
            if (!Boolean.TRUE.equals(context.get("skip_backorder"))
                    && qty(mo.get("qty_producing")).compareTo(qty(mo.get("product_qty")).subtract(produced(mo))) < 0) {
                return wizards.backorderAction(List.of(id));
            }
            done(mo, uid);
        }
        return answer;
    }

    /** The finished product's lot, generated when a lot-tracked product has none (18 names it 0000003). */
    private void ensureLot(Map<String, Object> mo, int uid) {
        Map<String, Object> product = orm.get("product.product", (Integer) mo.get("product_id"));
        if ("none".equals(product.get("tracking")) || product.get("tracking") == null || lot(mo) != null) {
            return;
        }
        int lot = orm.createRecord("stock.lot", new LinkedHashMap<>(Map.of("name",
                String.format("%07d", next("stock.lot.serial")), "product_id", product.get("id"))), uid);
        if (orm.version >= 19) {
            mo.put("lot_producing_ids", new ArrayList<>(List.of(lot)));
        } else {
            mo.put("lot_producing_id", lot);
        }
    }

    /** 18: lot_producing_id; 19: the first of lot_producing_ids. */
    Integer lot(Map<String, Object> mo) {
        if (orm.version >= 19) {
            return mo.get("lot_producing_ids") instanceof List<?> l && !l.isEmpty() ? ((Number) l.get(0)).intValue() : null;
        }
        return (Integer) mo.get("lot_producing_id");
    }

    /**
     * Components consumed other than the BoM says for qty_producing, when the MO's consumption is warning or strict:
     * {product, uom, consumed, expected} (recorded: 6.6 consumed against 6 expected).
     */
    private List<Map<String, Object>> consumptionIssues(Map<String, Object> mo) {
        List<Map<String, Object>> issues = new ArrayList<>();
        if ("flexible".equals(mo.get("consumption"))) {
            return issues;
        }
        Map<String, Object> bom = orm.get("mrp.bom", (Integer) mo.get("bom_id"));
        if (bom == null) {
            return issues;
        }
        BigDecimal producing = qty(mo.get("qty_producing"));
        BigDecimal bomQty = qty(bom.get("product_qty")).signum() == 0 ? BigDecimal.ONE : qty(bom.get("product_qty"));
        Map<Integer, BigDecimal> expected = new LinkedHashMap<>();
        Map<Integer, Object> uoms = new HashMap<>();
        orm.table("mrp.bom.line").values().stream().filter(l -> Objects.equals(l.get("bom_id"), bom.get("id")))
                .forEach(l -> {
                    expected.merge((Integer) l.get("product_id"), qty(l.get("product_qty")).multiply(producing)
                            .divide(bomQty, 10, RoundingMode.HALF_UP), BigDecimal::add);
                    uoms.put((Integer) l.get("product_id"), l.get("product_uom_id"));
                });
        Map<Integer, BigDecimal> consumed = new LinkedHashMap<>();
        for (Map<String, Object> move : rawMoves(mo)) {
            if (open(move) && Boolean.TRUE.equals(move.get("picked"))) {
                consumed.merge((Integer) move.get("product_id"), qty(move.get("quantity")), BigDecimal::add);
                uoms.putIfAbsent((Integer) move.get("product_id"), move.get("product_uom"));
            }
        }
        Set<Integer> products = new LinkedHashSet<>(expected.keySet());
        products.addAll(consumed.keySet());
        for (Integer product : products) {
            BigDecimal want = expected.getOrDefault(product, BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
            BigDecimal got = consumed.getOrDefault(product, BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
            if (want.compareTo(got) != 0) {
                Map<String, Object> issue = new LinkedHashMap<>();
                issue.put("mrp_production_id", mo.get("id"));
                issue.put("product_id", product);
                issue.put("consumption", mo.get("consumption"));
                issue.put("product_uom_id", uoms.get(product));
                issue.put("product_consumed_qty_uom", got.doubleValue());
                issue.put("product_expected_qty_uom", want.doubleValue());
                issues.add(issue);
            }
        }
        return issues;
    }

    /**
     * Posts the MO: consumed components leave stock with their lots, the finished product enters it on the finished
     * lot, work orders finish with their expected duration, the MO is done and locked. A picked line of a
     * lot-tracked component without a lot is refused as stock.move.line._action_done refuses it (the call rolls
     * back).
     */
    void done(Map<String, Object> mo, int uid) {
        List<String> missingLots = new ArrayList<>();
        for (Map<String, Object> move : rawMoves(mo)) {
            Map<String, Object> product = orm.get("product.product", (Integer) move.get("product_id"));
            boolean tracked = product.get("tracking") != null && !"none".equals(product.get("tracking"));
            if (open(move) && tracked && stock.lines(move).stream()
                    .anyMatch(l -> l.get("lot_id") == null && qty(l.get("quantity")).signum() > 0)) {
                missingLots.add("- " + orm.displayName("product.product", product));
            }
        }
        if (!missingLots.isEmpty()) {
            throw SimError.user("You need to supply a Lot/Serial Number for product:\n" + String.join("\n", missingLots));
        }
        for (Map<String, Object> move : rawMoves(mo)) {
            if (!open(move)) {
                continue;
            }
            if (qty(move.get("quantity")).signum() > 0 && Boolean.TRUE.equals(move.get("picked"))) {
                stock.done(move, uid);
            } else {
                stock.cancel(move);
            }
        }
        BigDecimal producing = qty(mo.get("qty_producing"));
        for (Map<String, Object> move : finishedMoves(mo)) {
            if (!open(move)) {
                continue;
            }
            stock.setQuantity(move, producing, uid);
            stock.lines(move).forEach(l -> l.put("lot_id", lot(mo)));
            stock.done(move, uid);
        }
        String now = SimStock.now();
        for (Map<String, Object> wo : workOrders(mo)) {
            if ("cancel".equals(wo.get("state"))) {
                continue;
            }
            wo.put("qty_producing", rounded(producing));
            wo.put("qty_produced", rounded(producing));
            wo.put("duration_expected", expectedDuration(wo));
            wo.put("duration", wo.get("duration_expected"));
            if (wo.get("date_start") == null) {
                wo.put("date_start", now);
            }
            wo.put("date_finished", now);
            wo.put("state", "done");
        }
        mo.put("state", "done");
        mo.put("date_finished", now);
        mo.put("is_locked", true);
    }

    // ---- backorder, cancel, quantity change ------------------------------------------------------------------------

    /**
     * Splits a partly produced MO (action_backorder): the original is renamed -001 and keeps what was produced, a
     * backorder -002 takes the rest of every move and work order and is confirmed and reserved; then the original
     * is posted. Returns the backorder's id.
     */
    int backorder(Map<String, Object> mo, int uid) {
        BigDecimal total = qty(mo.get("product_qty"));
        BigDecimal producing = qty(mo.get("qty_producing"));
        BigDecimal rest = total.subtract(producing);
        String root = root(mo);
        if (((Number) mo.get("backorder_sequence")).intValue() == 0) {
            mo.put("backorder_sequence", 1);
            rename(mo, root + "-001");
        }
        int sequence = orm.table("mrp.production").values().stream().filter(o -> root(o).equals(root))
                .mapToInt(o -> ((Number) o.get("backorder_sequence")).intValue()).max().orElse(1) + 1;
        List<Object[]> components = new ArrayList<>();
        for (Map<String, Object> move : rawMoves(mo)) {
            if (!open(move)) {
                continue;
            }
            BigDecimal demand = qty(move.get("product_uom_qty"));
            BigDecimal kept = demand.multiply(producing).divide(total, 10, RoundingMode.HALF_UP);
            components.add(new Object[] {move.get("product_id"), move.get("bom_line_id"), move.get("product_uom"),
                    demand.subtract(kept)});
            move.put("product_uom_qty", rounded(kept));
        }
        finishedMoves(mo).stream().filter(SimManufacturing::open).forEach(m -> m.put("product_uom_qty", rounded(producing)));
        Map<String, Object> v = new LinkedHashMap<>();
        for (String f : List.of("product_id", "bom_id", "product_uom_id", "picking_type_id", "location_src_id",
                "location_dest_id", "origin", "date_deadline")) {
            if (mo.get(f) != null) {
                v.put(f, mo.get(f));
            }
        }
        v.put("product_qty", rounded(rest));
        v.put("name", root + String.format("-%03d", sequence));
        v.put("backorder_sequence", sequence);
        int id;
        copying = true;
        try {
            id = orm.createRecord("mrp.production", v, uid);
        } finally {
            copying = false;
        }
        Map<String, Object> backorder = mo(id);
        backorder.put("production_location_id", locations.production());
        backorder.put("date_start", SimStock.now());
        createMoves(backorder, components, rest, false, uid);
        for (Map<String, Object> wo : workOrders(mo)) {
            Map<String, Object> operation = orm.get("mrp.routing.workcenter", (Integer) wo.get("operation_id"));
            if (operation != null) {
                createWorkOrder(backorder, operation, rest, uid);
            }
            wo.put("qty_production", rounded(producing));
        }
        backorder.put("date_finished", finish(backorder));
        mo.put("product_qty", rounded(producing));
        done(mo, uid);
        confirm(backorder, true, uid);
        return id;
    }

    private void rename(Map<String, Object> mo, String name) {
        mo.put("name", name);
        orm.where("stock.move", "raw_material_production_id", mo.get("id")).forEach(m -> m.put("reference", name));
        orm.where("stock.move", "production_id", mo.get("id")).forEach(m -> m.put("reference", name));
    }

    /** action_cancel: 18 lets a done MO be (true, nothing happens); 19 refuses it (flow 08). */
    private void cancel(Map<String, Object> mo) {
        if ("done".equals(mo.get("state"))) {
            if (orm.version >= 19) {
                throw SimError.user("You cannot cancel a manufacturing order that is already done.");
            }
            return;
        }
        rawMoves(mo).forEach(stock::cancel);
        finishedMoves(mo).forEach(stock::cancel);
        workOrders(mo).stream().filter(w -> !"done".equals(w.get("state"))).forEach(w -> w.put("state", "cancel"));
        mo.put("state", "cancel");
    }

    /**
     * change.production.qty: the open moves' demand is scaled by new / old MO quantity (so a stale demand after a plain
     * write of product_qty stays stale: 8 x 10/9 = 8.89, recorded), reservations follow, work orders take the new
     * quantity. On a done MO (accepted on both versions, recorded once: 4 -> 12) the produced quantity becomes
     * new - produced: the done finished move and the finished lot's quant grow by it, no component is consumed.
     */
    void changeQuantity(Map<String, Object> mo, BigDecimal wanted, int uid) {
        BigDecimal old = qty(mo.get("product_qty"));
        if ("done".equals(mo.get("state"))) {
            BigDecimal produced = produced(mo);
            BigDecimal producing = wanted.subtract(produced);
            mo.put("product_qty", rounded(wanted));
            mo.put("qty_producing", rounded(producing));
            for (Map<String, Object> move : finishedMoves(mo)) {
                if (!"done".equals(move.get("state"))) {
                    continue;
                }
                BigDecimal delta = producing.subtract(qty(move.get("quantity")));
                List<Map<String, Object>> lines = stock.lines(move);
                if (!lines.isEmpty() && delta.signum() != 0) {
                    Map<String, Object> line = lines.get(lines.size() - 1);
                    line.put("quantity", rounded(qty(line.get("quantity")).add(delta)));
                    stock.adjustQuant((Integer) move.get("product_id"), (Integer) line.get("location_id"),
                            (Integer) line.get("lot_id"), delta.negate(), uid);
                    stock.adjustQuant((Integer) move.get("product_id"), (Integer) line.get("location_dest_id"),
                            (Integer) line.get("lot_id"), delta, uid);
                    stock.syncQuantity(move);
                }
            }
            return;
        }
        if (old.signum() == 0) {
            return;
        }
        BigDecimal factor = wanted.divide(old, 10, RoundingMode.HALF_UP);
        List<Map<String, Object>> moves = new ArrayList<>(rawMoves(mo));
        moves.addAll(finishedMoves(mo));
        for (Map<String, Object> move : moves) {
            if (!open(move)) {
                continue;
            }
            BigDecimal demand = BigDecimal.valueOf(rounded(qty(move.get("product_uom_qty")).multiply(factor)));
            move.put("product_uom_qty", demand.doubleValue());
            if ("draft".equals(move.get("state"))) {
                continue;
            }
            if (qty(move.get("quantity")).compareTo(demand) > 0) {
                stock.setQuantity(move, demand, uid);
                stock.syncState(move);
            } else {
                stock.reserve(move, uid);
            }
        }
        mo.put("product_qty", rounded(wanted));
        for (Map<String, Object> wo : workOrders(mo)) {
            if (!"done".equals(wo.get("state")) && !"cancel".equals(wo.get("state"))) {
                wo.put("qty_production", rounded(wanted));
                wo.put("duration_expected", expectedDuration(wo));
            }
        }
        mo.put("date_finished", finish(mo));
    }
}
