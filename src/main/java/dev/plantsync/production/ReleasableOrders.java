package dev.plantsync.production;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.Many2one;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooRecord;

/**
 * The manufacturing orders of one plant written since a point (write_date, never a full scan per run), read from Odoo
 * a page at a time by id (keyset: a page continues after the last id of the one before),
 * with their component moves, work orders, products and operations read by ids in batches: a handful of calls per
 * page, never one per order. Orders confirmed or in progress are released; cancelled ones are read too (when
 * {@code withCancelled}) so a release can be withdrawn.
 */
final class ReleasableOrders {

    static final List<String> ORDER_FIELDS = List.of("name", "state", "product_id", "product_qty", "product_uom_id",
            "picking_type_id", "date_start", "date_deadline", "origin", "move_raw_ids", "workorder_ids", "write_date",
            "backorder_sequence");
    static final List<String> MOVE_FIELDS = List.of("product_id", "product_uom_qty", "product_uom", "state",
            "sequence");
    static final List<String> WORKORDER_FIELDS = List.of("name", "workcenter_id", "duration_expected", "operation_id",
            "state");
    static final List<String> OPEN = List.of("confirmed", "progress");
    /** Ids per {@code read}: one call for a page's moves in the common case, bounded for large orders. */
    static final int IDS_PER_READ = 500;
    static final DateTimeFormatter ODOO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * One order read: the content to release, or why it cannot be released ({@code problem}).
     *
     * @param backorderSequence Odoo's {@code backorder_sequence}: 0 for an order never split, 1 for the order split
     *        (renamed -001, its id kept), 2 and up for the backorders Odoo opened for the rest (flow 08, 18 and 19)
     */
    record Order(int id, String name, String state, int backorderSequence, LocalDateTime writeDate,
            ReleaseContent content, String problem) {

        boolean cancelled() {
            return "cancel".equals(state);
        }

        /** An order Odoo opened for the rest of a partly done one (WH/MO/00017-002), not the order split itself. */
        boolean backorder() {
            return backorderSequence > 1;
        }

        Order withBackorderOf(String mesName) {
            return new Order(id, name, state, backorderSequence, writeDate, content.withBackorderOf(mesName), problem);
        }
    }

    private final OdooClient odoo;
    private final ProductionSettings.Plant plant;
    private final Map<String, Integer> scales = new HashMap<>();

    ReleasableOrders(OdooClient odoo, ProductionSettings.Plant plant) {
        this.odoo = odoo;
        this.plant = plant;
    }

    /**
     * The next page of at most {@code limit} orders of these operation types written at or after {@code from} (null:
     * whenever), by id after {@code afterId}. The window's lower bound stays for the whole run and pages go by id
     * (Odoo reads write_date to the second but 18 orders and compares it to the microsecond: paging on write_date
     * itself would skip or repeat orders written in the same second).
     */
    List<Order> page(List<Integer> operationTypes, boolean withCancelled, LocalDateTime from, int afterId,
            int limit) {
        List<String> states = new ArrayList<>(OPEN);
        if (withCancelled) {
            states.add("cancel");
        }
        List<OdooRecord> orders = odoo.searchRead("mrp.production", Domain.and(
                Domain.in("picking_type_id", operationTypes), Domain.in("state", states),
                from == null ? Domain.all() : Domain.ge("write_date", odooTime(from)), Domain.gt("id", afterId)),
                ORDER_FIELDS, "id", limit, null, Map.of());
        return details(orders);
    }

    private List<Order> details(List<OdooRecord> orders) {
        List<Integer> moveIds = new ArrayList<>();
        List<Integer> workorderIds = new ArrayList<>();
        Set<Integer> productIds = new LinkedHashSet<>();
        for (OdooRecord o : orders) {
            productIds.add(o.getMany2one("product_id").id());
            if (!"cancel".equals(o.getString("state"))) {
                moveIds.addAll(o.getIds("move_raw_ids"));
                workorderIds.addAll(o.getIds("workorder_ids"));
            }
        }
        Map<Integer, OdooRecord> moves = read("stock.move", moveIds, MOVE_FIELDS);
        moves.values().forEach(m -> productIds.add(m.getMany2one("product_id").id()));
        Map<Integer, OdooRecord> workorders = read("mrp.workorder", workorderIds, WORKORDER_FIELDS);
        Set<Integer> operationIds = new LinkedHashSet<>();
        workorders.values().forEach(w -> {
            if (w.getMany2one("operation_id") != null) {
                operationIds.add(w.getMany2one("operation_id").id());
            }
        });
        Map<Integer, OdooRecord> operations = read("mrp.routing.workcenter", List.copyOf(operationIds),
                List.of("sequence"));
        Map<Integer, OdooRecord> products = read("product.product", List.copyOf(productIds),
                List.of("default_code", "tracking", "display_name"));

        List<Order> result = new ArrayList<>(orders.size());
        for (OdooRecord o : orders) {
            result.add(order(o, moves, workorders, operations, products));
        }
        return result;
    }

    private Order order(OdooRecord o, Map<Integer, OdooRecord> moves, Map<Integer, OdooRecord> workorders,
            Map<Integer, OdooRecord> operations, Map<Integer, OdooRecord> products) {
        String name = o.getString("name");
        List<String> problems = new ArrayList<>();
        OdooRecord product = products.get(o.getMany2one("product_id").id());
        boolean cancelled = "cancel".equals(o.getString("state"));
        List<ReleaseContent.Component> components = new ArrayList<>();
        List<ReleaseContent.Operation> steps = new ArrayList<>();
        if (!cancelled) {
            o.getIds("move_raw_ids").stream().map(moves::get)
                    .filter(m -> m != null && !"cancel".equals(m.getString("state")))
                    .sorted(Comparator.comparing((OdooRecord m) -> m.getInt("sequence") == null ? 0 : m.getInt("sequence"))
                            .thenComparing(OdooRecord::id))
                    .forEach(m -> {
                        OdooRecord component = products.get(m.getMany2one("product_id").id());
                        components.add(new ReleaseContent.Component(code(component, problems),
                                quantity("stock.move", "product_uom_qty", m.getDecimal("product_uom_qty")),
                                name(m.getMany2one("product_uom")), tracking(component)));
                    });
            o.getIds("workorder_ids").stream().map(workorders::get)
                    .filter(w -> w != null && !"cancel".equals(w.getString("state")))
                    .map(w -> step(w, operations))
                    .sorted(Comparator.comparingInt((Step s) -> s.operation().sequence()).thenComparingInt(Step::id))
                    .forEach(s -> steps.add(s.operation()));
        }
        ReleaseContent content = new ReleaseContent(name, code(product, problems),
                quantity("mrp.production", "product_qty", o.getDecimal("product_qty")),
                name(o.getMany2one("product_uom_id")), tracking(product), utc(o.getString("date_start")),
                utc(o.getString("date_deadline")), o.getString("origin"), components, steps, null);
        Integer backorderSequence = o.getInt("backorder_sequence");
        return new Order(o.id(), name, o.getString("state"), backorderSequence == null ? 0 : backorderSequence,
                o.getDateTime("write_date"), content, problems.isEmpty() ? null : String.join("; ", problems));
    }

    /** A work order with its id, which orders work orders of the same sequence as Odoo lists them. */
    private record Step(int id, ReleaseContent.Operation operation) {
    }

    private Step step(OdooRecord workorder, Map<Integer, OdooRecord> operations) {
        Many2one operation = workorder.getMany2one("operation_id");
        OdooRecord op = operation == null ? null : operations.get(operation.id());
        int sequence = op == null || op.getInt("sequence") == null ? 0 : op.getInt("sequence");
        Many2one centre = workorder.getMany2one("workcenter_id");
        return new Step(workorder.id(), new ReleaseContent.Operation(sequence, workorder.getString("name"),
                centre == null ? null : plant.workCentreCode(centre.displayName()),
                minutes(workorder.getDecimal("duration_expected"))));
    }

    /** The MES's code of a product: its Odoo internal reference, mapped; a product without one cannot be released. */
    private String code(OdooRecord product, List<String> problems) {
        String reference = product == null ? null : product.getString("default_code");
        if (reference == null) {
            problems.add("product " + (product == null ? "?" : product.getString("display_name") + " (id "
                    + product.id() + ")") + " has no internal reference, so the MES has no code for it");
            return null;
        }
        return plant.productCode(reference);
    }

    private static String tracking(OdooRecord product) {
        String tracking = product == null ? null : product.getString("tracking");
        return tracking == null ? "none" : tracking;
    }

    private static String name(Many2one value) {
        return value == null ? null : value.displayName();
    }

    /** A quantity as Odoo stores it: at the field's decimals (fields_get {@code digits}), else as read. */
    private String quantity(String model, String field, BigDecimal value) {
        if (value == null) {
            return null;
        }
        Integer scale = scales.computeIfAbsent(model + "." + field, key -> scaleOf(model, field));
        return (scale == null || scale < 0 ? value.stripTrailingZeros() : value.setScale(scale, RoundingMode.HALF_UP))
                .toPlainString();
    }

    private Integer scaleOf(String model, String field) {
        Object digits = odoo.fieldsGet(model, List.of("digits")).getOrDefault(field, Map.of()).get("digits");
        return digits instanceof List<?> d && d.size() == 2 && d.get(1) instanceof Number n ? n.intValue() : -1;
    }

    /** Expected minutes to the hundredth (Odoo keeps a plain float; the MES plans in minutes). */
    private static String minutes(BigDecimal value) {
        return value == null ? "0.00" : value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** Odoo's UTC datetime without zone as ISO-8601 UTC. */
    static String utc(String odoo) {
        return odoo == null ? null : odoo.replace(' ', 'T') + "Z";
    }

    static String odooTime(LocalDateTime time) {
        return ODOO_TIME.format(time);
    }

    /** Records by id, read in batches of {@link #IDS_PER_READ}. */
    private Map<Integer, OdooRecord> read(String model, List<Integer> ids, List<String> fields) {
        Map<Integer, OdooRecord> byId = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_READ) {
            List<Integer> batch = ids.subList(from, Math.min(ids.size(), from + IDS_PER_READ));
            odoo.read(model, batch, fields, Map.of()).forEach(r -> byId.put(r.id(), r));
        }
        return byId;
    }
}
