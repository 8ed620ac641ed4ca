package dev.plantsync.odoo.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The simulated Odoo database: records per model in memory, with Odoo's read shapes (many2one as
 * {@code [id, "display name"]}, x2many as id lists, {@code false} for empty), x2many commands on write, active
 * filtering, ordering, defaults, required/selection/unique checks, and the business rules the jobs depend on.
 */
final class SimOrm implements SimDomain.Store {

    static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** one2many fields and the many2one on the other side that defines them. */
    private static final Map<String, String> INVERSE = Map.ofEntries(
            Map.entry("product.category.child_id", "parent_id"),
            Map.entry("stock.location.child_ids", "location_id"),
            Map.entry("res.partner.child_ids", "parent_id"),
            Map.entry("product.template.seller_ids", "product_tmpl_id"),
            Map.entry("product.template.product_variant_ids", "product_tmpl_id"),
            Map.entry("mrp.bom.bom_line_ids", "bom_id"),
            Map.entry("mrp.bom.operation_ids", "bom_id"),
            Map.entry("mrp.production.move_raw_ids", "raw_material_production_id"),
            Map.entry("mrp.workcenter.capacity_ids", "workcenter_id"),
            Map.entry("purchase.order.order_line", "order_id"),
            Map.entry("account.move.invoice_line_ids", "move_id"),
            Map.entry("account.move.line_ids", "move_id"),
            Map.entry("purchase.order.line.invoice_lines", "purchase_line_id"),
            Map.entry("stock.lot.quant_ids", "lot_id"),
            Map.entry("product.product.stock_quant_ids", "product_id"),
            // manufacturing (flow 08): the scrap move is not among the MO's moves (Odoo's domain scrapped = False)
            Map.entry("stock.move.move_line_ids", "move_id"),
            Map.entry("mrp.production.workorder_ids", "production_id"),
            Map.entry("mrp.production.scrap_ids", "production_id"),
            Map.entry("stock.scrap.move_ids", "scrap_id"),
            Map.entry("mrp.production.backorder.mrp_production_backorder_line_ids", "mrp_production_backorder_id"),
            Map.entry("mrp.consumption.warning.mrp_consumption_warning_line_ids", "mrp_consumption_warning_id"));

    private static final Map<String, List<String>> REQUIRED = Map.ofEntries(
            Map.entry("product.product", List.of("name")), Map.entry("product.template", List.of("name")),
            Map.entry("res.partner", List.of("name")), Map.entry("product.category", List.of("name")),
            Map.entry("stock.location", List.of("name")), Map.entry("purchase.order", List.of("partner_id")),
            Map.entry("purchase.order.line", List.of("order_id", "product_id")),
            Map.entry("stock.quant", List.of("product_id", "location_id")),
            Map.entry("stock.lot", List.of("name", "product_id")),
            Map.entry("mrp.bom", List.of("product_tmpl_id")), Map.entry("mrp.bom.line", List.of("bom_id", "product_id")),
            Map.entry("ir.model.data", List.of("module", "name", "model")), Map.entry("uom.uom", List.of("name")),
            Map.entry("product.supplierinfo", List.of("partner_id")), Map.entry("account.account", List.of("name", "code")),
            Map.entry("mrp.workcenter", List.of("name")));

    /** Fields product.product and product.template share through Odoo's delegation; kept equal on both. */
    private static final Set<String> NOT_SHARED = Set.of("id", "product_tmpl_id", "product_variant_ids",
            "product_variant_id", "product_variant_count", "display_name", "create_date", "write_date");

    final SimSchema schema;
    final int version;
    /**
     * Odoo serves many requests at once (workers): reads share the lock, writes take it alone, as PostgreSQL's
     * snapshots let readers proceed while a transaction writes.
     */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, SimTable> tables = new ConcurrentHashMap<>();
    /** What the running business method changed, to undo it when the method fails (under the write lock). */
    private final SimJournal journal = new SimJournal();
    private final Map<String, Integer> sequences = new HashMap<>();
    private final Map<String, Integer> forcedIds = new HashMap<>();
    private final SimDomain domains;
    private final Map<String, Integer> billSequence = new HashMap<>();
    /** On-hand per product, computed at most once per request (so per thread). */
    private final ThreadLocal<Map<Object, BigDecimal>> onHand = new ThreadLocal<>();
    /** Manufacturing orders, their moves, work orders, wizards and scraps (flow 08). */
    final SimManufacturing mrp;

    SimOrm(int version) {
        this.schema = SimSchema.of(version);
        this.version = version;
        this.domains = new SimDomain(this);
        this.mrp = new SimManufacturing(this);
    }

    @Override
    public SimSchema schema() {
        return schema;
    }

    // ---- identity and plumbing -------------------------------------------------------------------------------

    void requireModel(String model) {
        if (!schema.has(model)) {
            throw SimError.user("Object " + model + " doesn't exist");
        }
    }

    SimTable table(String model) {
        return tables.computeIfAbsent(model, m -> new SimTable(m, journal));
    }

    /** The values of a field on the records of these models the running transaction has changed, created or removed. */
    Set<Object> touched(Set<String> models, String field) {
        return journal.touched(models, field);
    }

    /** The model's records whose field equals the value, in id order, by the table's index (no scan). */
    List<Map<String, Object>> where(String model, String field, Object value) {
        return table(model).where(field, value);
    }

    /** Makes the next created record of the model get this id (to replay recordings with their ids). */
    void nextId(String model, int id) {
        lock.writeLock().lock();
        try {
            forcedIds.put(model, id);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private int newId(String model) {
        TreeMap<Integer, Map<String, Object>> t = table(model);
        Integer forced = forcedIds.remove(model);
        int candidate = forced != null ? forced : sequences.getOrDefault(model, t.isEmpty() ? 1 : t.lastKey() + 1);
        while (t.containsKey(candidate)) {
            candidate++;
        }
        sequences.put(model, candidate + 1);
        return candidate;
    }

    int count(String model) {
        lock.readLock().lock();
        try {
            return table(model).size();
        } finally {
            lock.readLock().unlock();
        }
    }

    Map<String, Object> get(String model, Integer id) {
        return id == null ? null : table(model).get(id);
    }

    // ---- search ------------------------------------------------------------------------------------------------

    List<Integer> search(String model, Object domain, String order, Integer limit, Integer offset,
            Map<String, Object> context) {
        lock.readLock().lock();
        try {
            requireModel(model);
            onHand.remove();
            Predicate<Map<String, Object>> filter = domains.compile(model, domain);
            boolean activeTest = !Boolean.FALSE.equals(context.get("active_test"));
            boolean hasActive = schema.field(model, "active") != null && !domains.mentions(domain, "active");
            List<Map<String, Object>> hits = new ArrayList<>();
            String effectiveOrder = order == null || order.isBlank() ? defaultOrder(model) : order;
            // Keyset pages and id ranges (order id or id desc, "id > last", "id < n"): walk the id index between the
            // bounds and stop once the page is full, as PostgreSQL walks Odoo's primary key.
            String trimmed = effectiveOrder.trim().toLowerCase(java.util.Locale.ROOT);
            boolean descending = trimmed.equals("id desc");
            boolean byId = descending || trimmed.equals("id") || trimmed.equals("id asc");
            int wanted = limit == null || limit <= 0 ? Integer.MAX_VALUE : limit + (offset == null ? 0 : offset);
            Collection<Map<String, Object>> candidates = byId ? idRange(table(model), domain, descending)
                    : table(model).values();
            for (Map<String, Object> r : candidates) {
                if (byId && hits.size() >= wanted) {
                    break;
                }
                if (activeTest && hasActive && Boolean.FALSE.equals(r.get("active"))) {
                    continue;
                }
                if (filter.test(r)) {
                    hits.add(r);
                }
            }
            if (!byId) {
                hits.sort(comparator(model, effectiveOrder));
            }
            int from = Math.min(offset == null ? 0 : offset, hits.size());
            int to = limit == null || limit <= 0 ? hits.size() : Math.min(hits.size(), from + limit);
            return hits.subList(from, to).stream().map(r -> (Integer) r.get("id")).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The records between the bounds that top-level {@code id} leaves ({@code > >= < <=}) of a domain without | or !
     * put on the id, in id order or its reverse; every record when there is no such leaf.
     */
    private static Collection<Map<String, Object>> idRange(NavigableMap<Integer, Map<String, Object>> table,
            Object domain, boolean descending) {
        int low = Integer.MIN_VALUE;
        int high = Integer.MAX_VALUE;
        if (domain instanceof List<?> terms && !terms.contains("|") && !terms.contains("!")) {
            for (Object t : terms) {
                if (t instanceof List<?> leaf && leaf.size() == 3 && "id".equals(leaf.get(0))
                        && leaf.get(2) instanceof Number n) {
                    long v = n.longValue();
                    switch (String.valueOf(leaf.get(1))) {
                        case ">" -> low = (int) Math.max(low, Math.min(v + 1, Integer.MAX_VALUE));
                        case ">=" -> low = (int) Math.max(low, v);
                        case "<" -> high = (int) Math.min(high, Math.max(v - 1, Integer.MIN_VALUE));
                        case "<=" -> high = (int) Math.min(high, v);
                        default -> {
                        }
                    }
                }
            }
        }
        if (low > high) {
            return List.of();
        }
        NavigableMap<Integer, Map<String, Object>> range = table.subMap(low, true, high, true);
        return descending ? range.descendingMap().values() : range.values();
    }

    private static String defaultOrder(String model) {
        return switch (model) {
            case "product.product", "product.template" -> "default_code, name, id";
            case "res.partner", "product.category", "stock.location", "uom.uom" -> "name, id";
            default -> "id";
        };
    }

    private Comparator<Map<String, Object>> comparator(String model, String order) {
        Comparator<Map<String, Object>> result = null;
        for (String part : order.split(",")) {
            String[] words = part.trim().split("\\s+");
            String field = words[0];
            boolean desc = words.length > 1 && words[1].equalsIgnoreCase("desc");
            if (schema.field(model, field) == null) {
                throw SimError.value("Invalid field '" + field + "' on model '" + model + "'");
            }
            if (!schema.field(model, field).sortable()) {
                // fields_get: sortable false (no column: computed, or x2many). Both versions refuse it alike
                // (recorded: transcripts/<18|19>/<transport>/71).
                throw SimError.value("Cannot convert " + model + "." + field + " to SQL because it is not stored");
            }
            Comparator<Map<String, Object>> c = (a, b) -> compareValues(sortKey(model, field, a), sortKey(model, field, b), desc);
            result = result == null ? c : result.thenComparing(c);
        }
        return result;
    }

    private Object sortKey(String model, String field, Map<String, Object> r) {
        SimSchema.Field f = schema.field(model, field);
        Object v = f.store() ? r.get(field) : computed(model, r, field);
        if ("many2one".equals(f.type()) && v instanceof Integer id) {
            Map<String, Object> target = get(f.relation(), id);
            return target == null ? null : displayName(f.relation(), target);
        }
        return v;
    }

    // PostgreSQL: NULLS LAST ascending, NULLS FIRST descending.
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b, boolean desc) {
        if (a == null || b == null) {
            int n = a == null && b == null ? 0 : (a == null ? 1 : -1);
            return desc ? -n : n;
        }
        int cmp;
        if (a instanceof Number x && b instanceof Number y) {
            cmp = new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        } else if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            cmp = ca.compareTo(b);
        } else {
            cmp = a.toString().compareTo(b.toString());
        }
        return desc ? -cmp : cmp;
    }

    // ---- read --------------------------------------------------------------------------------------------------

    List<Map<String, Object>> read(String model, List<Integer> ids, List<String> fields,
            Map<String, Object> context) {
        lock.readLock().lock();
        try {
            requireModel(model);
            onHand.remove(); // computed at most once per read, from the quants as they are now
            List<String> names = fields == null || fields.isEmpty() ? allReadable(model) : fields;
            for (String f : names) {
                if (schema.field(model, f) == null && !f.equals("id")) {
                    throw SimError.value(version >= 19 ? "Invalid field '" + f + "' on '" + model + "'"
                            : "Invalid field '" + f + "' on model '" + model + "'");
                }
            }
            List<Map<String, Object>> result = new ArrayList<>();
            for (Integer id : ids) {
                Map<String, Object> r = table(model).get(id);
                if (r == null) {
                    continue; // Odoo: read of a missing id returns nothing for it, without an error
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("id", id);
                for (String f : names) {
                    if (!f.equals("id")) {
                        out.put(f, format(model, r, f));
                    }
                }
                result.add(out);
            }
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<String> allReadable(String model) {
        List<String> names = new ArrayList<>();
        for (String f : schema.fields(model).keySet()) {
            if (!f.equals("id")) {
                names.add(f);
            }
        }
        if (version >= 19 && names.remove("display_name")) {
            names.add(0, "display_name"); // 19 puts display_name right after id
        }
        return names;
    }

    private Object format(String model, Map<String, Object> r, String field) {
        SimSchema.Field f = schema.field(model, field);
        Object v = f.store() && r.containsKey(field) ? r.get(field) : computed(model, r, field);
        return switch (f.type()) {
            case "many2one" -> {
                if (!(v instanceof Integer id)) {
                    yield false;
                }
                Map<String, Object> target = get(f.relation(), id);
                yield target == null ? false : List.of(id, displayName(f.relation(), target));
            }
            case "one2many", "many2many" -> v instanceof List<?> l ? l : List.of();
            case "integer" -> v instanceof Number n ? n.intValue() : 0;
            case "float", "monetary" -> v instanceof Number n ? n.doubleValue() : 0.0;
            case "boolean" -> Boolean.TRUE.equals(v);
            default -> v == null ? false : v;
        };
    }

    @Override
    public String displayName(String model, Map<String, Object> r) {
        switch (model) {
            case "product.product", "product.template" -> {
                String code = (String) r.get("default_code");
                return code == null ? String.valueOf(r.get("name")) : "[" + code + "] " + r.get("name");
            }
            case "product.category" -> {
                return path(model, r, "parent_id", " / ");
            }
            case "stock.location" -> {
                // Odoo: a view location's complete name is its own name; others hang below their parent's.
                Map<String, Object> parent = get(model, (Integer) r.get("location_id"));
                return parent == null || "view".equals(r.get("usage")) ? String.valueOf(r.get("name"))
                        : displayName(model, parent) + "/" + r.get("name");
            }
            case "account.account" -> {
                // Odoo 18 and 19 (corpus flows 04/05): "110100 Stock Valuation".
                Object code = r.get("code");
                return code == null ? String.valueOf(r.get("name")) : code + " " + r.get("name");
            }
            case "account.move" -> {
                Object name = r.get("name");
                return name != null ? name.toString() : "Draft (* " + r.get("id") + ")";
            }
            case "purchase.order.line", "account.move.line" -> {
                Object name = r.get("name");
                return name != null ? name.toString() : model + "," + r.get("id");
            }
            default -> {
                String special = mrp.displayName(model, r);
                if (special != null) {
                    return special;
                }
                Object name = r.get("name");
                return name != null ? name.toString() : model + "," + r.get("id");
            }
        }
    }

    private String path(String model, Map<String, Object> r, String parentField, String separator) {
        List<String> names = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (Map<String, Object> cur = r; cur != null && seen.add((Integer) cur.get("id"));
                cur = get(model, (Integer) cur.get(parentField))) {
            names.add(0, String.valueOf(cur.get("name")));
        }
        return String.join(separator, names);
    }

    /** A stored or computed value, as a domain compares it (Odoo searches stored related fields the same way). */
    @Override
    public Object searchable(String model, Map<String, Object> r, String field) {
        Object value = r.get(field);
        return value != null ? value : computed(model, r, field);
    }

    /** Values Odoo computes: display names, one2many lists, invoiced quantities, totals. */
    private Object computed(String model, Map<String, Object> r, String field) {
        if (field.equals("display_name")) {
            return displayName(model, r);
        }
        if (field.equals("complete_name")) {
            return displayName(model, r);
        }
        Object value = businessValue(model, r, field);
        if (value != null) {
            return value;
        }
        SimSchema.Field f = schema.field(model, field);
        if ("one2many".equals(f.type()) && INVERSE.containsKey(model + "." + field)) {
            return related(model, field, r).stream().map(x -> x.get("id")).toList();
        }
        return r.get(field);
    }

    private Object businessValue(String model, Map<String, Object> r, String field) {
        return switch (model + "." + field) {
            case "purchase.order.line.qty_invoiced" -> qtyInvoiced((Integer) r.get("id"));
            case "purchase.order.line.qty_to_invoice" -> qtyToInvoice(r);
            case "purchase.order.line.price_subtotal" -> money(num(r.get("product_qty")).multiply(num(r.get("price_unit"))));
            case "purchase.order.line.product_uom_qty" -> num(r.get("product_qty")).doubleValue();
            case "purchase.order.amount_total", "purchase.order.amount_untaxed" -> money(
                    related(model, "order_line", r).stream()
                            .map(l -> num(l.get("product_qty")).multiply(num(l.get("price_unit"))))
                            .reduce(BigDecimal.ZERO, BigDecimal::add));
            case "purchase.order.invoice_count" -> ((List<?>) businessValue(model, r, "invoice_ids")).size();
            case "purchase.order.invoice_status" -> related(model, "order_line", r).stream()
                    .allMatch(l -> qtyToInvoice(l) <= 0) ? (related(model, "order_line", r).stream()
                            .anyMatch(l -> qtyInvoiced((Integer) l.get("id")) > 0) ? "invoiced" : "no")
                    : "to invoice";
            case "purchase.order.invoice_ids" -> table("account.move.line").values().stream()
                    .filter(l -> l.get("purchase_line_id") != null)
                    .filter(l -> Objects.equals(get("purchase.order.line", (Integer) l.get("purchase_line_id")) == null
                            ? null : get("purchase.order.line", (Integer) l.get("purchase_line_id")).get("order_id"),
                            r.get("id")))
                    .map(l -> l.get("move_id")).distinct().toList();
            case "account.move.amount_untaxed" -> untaxed(related(model, "invoice_line_ids", r)).doubleValue();
            case "account.move.amount_tax" -> taxes(related(model, "invoice_line_ids", r)).doubleValue();
            case "account.move.amount_total", "account.move.amount_residual" -> untaxed(
                    related(model, "invoice_line_ids", r)).add(taxes(related(model, "invoice_line_ids", r)))
                    .doubleValue();
            case "account.move.duplicated_ref_ids" -> r.get("ref") == null ? List.of() : table(model).values().stream()
                    .filter(o -> !Objects.equals(o.get("id"), r.get("id")) && Objects.equals(o.get("ref"), r.get("ref"))
                            && Objects.equals(o.get("partner_id"), r.get("partner_id"))
                            && Objects.equals(o.get("move_type"), r.get("move_type"))
                            && !"cancel".equals(o.get("state")))
                    .map(o -> o.get("id")).toList();
            case "account.move.line.price_subtotal", "account.move.line.price_total" -> money(subtotal(r));
            case "account.move.line.parent_state" -> {
                Map<String, Object> move = get("account.move", (Integer) r.get("move_id"));
                yield move == null ? null : move.get("state");
            }
            // Odoo stores it as related to the move's date (unless set on the line).
            case "account.move.line.date" -> {
                Map<String, Object> move = r.get("date") != null ? null : get("account.move", (Integer) r.get("move_id"));
                yield move == null ? r.get("date") : move.get("date");
            }
            case "stock.quant.available_quantity" -> num(r.get("quantity")).subtract(num(r.get("reserved_quantity")))
                    .doubleValue();
            case "stock.quant.value" -> {
                Map<String, Object> p = get("product.product", (Integer) r.get("product_id"));
                yield money(num(r.get("quantity")).multiply(p == null ? BigDecimal.ZERO : num(p.get("standard_price"))));
            }
            case "product.product.qty_available", "product.template.qty_available" -> onHand().getOrDefault(
                    model.equals("product.product") ? r.get("id") : firstVariant((Integer) r.get("id")),
                    BigDecimal.ZERO).doubleValue();
            // Odoo: the manual time, or with time_mode auto the average of the operation's last time_mode_batch done
            // work orders; the simulator keeps no work orders, and with none Odoo also falls back to the manual time.
            case "mrp.routing.workcenter.time_cycle" -> r.get("time_cycle_manual");
            case "product.product.cost_method", "product.template.cost_method" ->
                    fieldOf("product.category", (Integer) r.get("categ_id"), "property_cost_method");
            case "product.product.seller_ids" -> table("product.supplierinfo").values().stream()
                    .filter(s -> Objects.equals(s.get("product_tmpl_id"), r.get("product_tmpl_id")))
                    .map(s -> s.get("id")).toList();
            default -> mrp.computed(model, r, field);
        };
    }

    /** Quantity in internal locations per product, summed once per read (a search_read of 50,000 products). */
    private Map<Object, BigDecimal> onHand() {
        Map<Object, BigDecimal> sums = onHand.get();
        if (sums == null) {
            sums = new HashMap<>();
            for (Map<String, Object> q : table("stock.quant").values()) {
                if ("internal".equals(fieldOf("stock.location", (Integer) q.get("location_id"), "usage"))) {
                    sums.merge(q.get("product_id"), num(q.get("quantity")), BigDecimal::add);
                }
            }
            kits(sums);
            onHand.set(sums);
        }
        return sums;
    }

    /**
     * A kit (phantom BOM) has no stock of its own; Odoo shows as its quantity on hand the whole kits its components'
     * stock makes (mrp's product _compute_quantities_dict): the least of each storable component's on hand over what
     * one kit needs of it, times the BOM's quantity, rounded down. A component not storable (is_storable is false
     * unless set, as in Odoo) is left out, as Odoo leaves it out.
     */
    private void kits(Map<Object, BigDecimal> sums) {
        for (Map<String, Object> bom : table("mrp.bom").values()) {
            if (!"phantom".equals(bom.get("type")) || Boolean.FALSE.equals(bom.get("active"))) {
                continue;
            }
            Integer kit = bom.get("product_id") != null ? (Integer) bom.get("product_id")
                    : firstVariant((Integer) bom.get("product_tmpl_id"));
            BigDecimal bomQuantity = num(bom.get("product_qty"));
            BigDecimal least = null;
            for (Map<String, Object> line : related("mrp.bom", "bom_line_ids", bom)) {
                if (!Boolean.TRUE.equals(fieldOf("product.product", (Integer) line.get("product_id"), "is_storable"))
                        || num(line.get("product_qty")).signum() == 0) {
                    continue;
                }
                BigDecimal perKit = num(line.get("product_qty")).divide(bomQuantity, 10, RoundingMode.HALF_UP);
                BigDecimal ratio = sums.getOrDefault(line.get("product_id"), BigDecimal.ZERO)
                        .divide(perKit, 10, RoundingMode.HALF_UP);
                least = least == null || ratio.compareTo(least) < 0 ? ratio : least;
            }
            if (kit != null && least != null) {
                sums.put(kit, least.multiply(bomQuantity).setScale(0, RoundingMode.FLOOR));
            }
        }
    }

    private Object fieldOf(String model, Integer id, String field) {
        Map<String, Object> r = get(model, id);
        return r == null ? null : r.get(field);
    }

    private Integer firstVariant(Integer templateId) {
        return table("product.product").values().stream().filter(p -> Objects.equals(p.get("product_tmpl_id"), templateId))
                .map(p -> (Integer) p.get("id")).findFirst().orElse(null);
    }

    private BigDecimal subtotal(Map<String, Object> line) {
        return num(line.get("quantity")).multiply(num(line.get("price_unit")));
    }

    /** Odoo: the sum of the lines' price_subtotal, each rounded to the currency. */
    private BigDecimal untaxed(List<Map<String, Object>> lines) {
        return lines.stream().map(l -> subtotal(l).setScale(2, RoundingMode.HALF_UP))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * Odoo (account.tax _get_tax_details, _round_tax_details_tax_amounts) by the company's
     * tax_calculation_rounding_method: round_per_line rounds each line's base, then each line's tax; round_globally
     * rounds each tax's sum over the lines of unrounded amounts. Percent taxes, not price-included.
     */
    private BigDecimal taxes(List<Map<String, Object>> lines) {
        boolean perLine = !"round_globally".equals(fieldOf("res.company", 1, "tax_calculation_rounding_method"));
        Map<Object, BigDecimal> perTax = new java.util.LinkedHashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Map<String, Object> line : lines) {
            if (!(line.get("tax_ids") instanceof List<?> taxes)) {
                continue;
            }
            BigDecimal base = perLine ? subtotal(line).setScale(2, RoundingMode.HALF_UP) : subtotal(line);
            for (Object id : taxes) {
                BigDecimal amount = base.multiply(num(fieldOf("account.tax", (Integer) id, "amount")))
                        .divide(BigDecimal.valueOf(100), 10, RoundingMode.HALF_UP);
                if (perLine) {
                    total = total.add(amount.setScale(2, RoundingMode.HALF_UP));
                } else {
                    perTax.merge(id, amount, BigDecimal::add);
                }
            }
        }
        for (BigDecimal sum : perTax.values()) {
            total = total.add(sum.setScale(2, RoundingMode.HALF_UP));
        }
        return total;
    }

    private double qtyInvoiced(Integer poLineId) {
        // Odoo counts draft bills too; only cancelled ones are left out. A vendor refund (in_refund) takes its
        // quantity back (purchase_order_line.py _prepare_qty_invoiced: += for in_invoice, -= for in_refund).
        return table("account.move.line").values().stream()
                .filter(l -> Objects.equals(l.get("purchase_line_id"), poLineId))
                .filter(l -> !"cancel".equals(fieldOf("account.move", (Integer) l.get("move_id"), "state")))
                .map(l -> switch (String.valueOf(fieldOf("account.move", (Integer) l.get("move_id"), "move_type"))) {
                    case "in_invoice" -> num(l.get("quantity"));
                    case "in_refund" -> num(l.get("quantity")).negate();
                    default -> BigDecimal.ZERO;
                }).reduce(BigDecimal.ZERO, BigDecimal::add).doubleValue();
    }

    private double qtyToInvoice(Map<String, Object> line) {
        Map<String, Object> product = get("product.product", (Integer) line.get("product_id"));
        boolean onOrdered = product != null && "purchase".equals(product.get("purchase_method"));
        BigDecimal basis = onOrdered ? num(line.get("product_qty")) : num(line.get("qty_received"));
        return basis.subtract(BigDecimal.valueOf(qtyInvoiced((Integer) line.get("id")))).doubleValue();
    }

    static BigDecimal num(Object v) {
        return v instanceof Number n ? new BigDecimal(n.toString()) : BigDecimal.ZERO;
    }

    private static double money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    @Override
    public List<Map<String, Object>> related(String model, String field, Map<String, Object> record) {
        SimSchema.Field f = schema.field(model, field);
        if (f == null || f.relation() == null) {
            return List.of();
        }
        if (f.type().equals("many2one")) {
            Object v = record.get(field);
            Map<String, Object> target = v instanceof Integer id ? get(f.relation(), id) : null;
            return target == null ? List.of() : List.of(target);
        }
        String inverse = INVERSE.get(model + "." + field);
        if (inverse != null) {
            Object key = record.get("id");
            return table(f.relation()).values().stream().filter(x -> Objects.equals(x.get(inverse), key)).toList();
        }
        Object v = f.store() ? record.get(field) : computed(model, record, field);
        if (v instanceof List<?> ids) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Object id : ids) {
                Map<String, Object> target = get(f.relation(), (Integer) id);
                if (target != null) {
                    out.add(target);
                }
            }
            return out;
        }
        return List.of();
    }

    @Override
    public Set<Integer> descendants(String model, Collection<Integer> roots) {
        String parent = model.equals("stock.location") ? "location_id" : "parent_id";
        Set<Integer> result = new LinkedHashSet<>(roots);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map<String, Object> r : table(model).values()) {
                if (result.contains(r.get(parent)) && result.add((Integer) r.get("id"))) {
                    grew = true;
                }
            }
        }
        return result;
    }

    // ---- create / write / unlink -------------------------------------------------------------------------------

    List<Integer> create(String model, List<Map<String, Object>> valsList, int uid) {
        lock.writeLock().lock();
        try {
            requireModel(model);
            List<Integer> ids = new ArrayList<>();
            for (Map<String, Object> vals : valsList) {
                ids.add(createOne(model, vals, uid));
            }
            return ids;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private int createOne(String model, Map<String, Object> vals, int uid) {
        Map<String, Object> r = table(model).newRecord();
        defaults(model, r);
        Map<String, Object> later = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : vals.entrySet()) {
            SimSchema.Field f = field(model, e.getKey());
            if (f.type().equals("one2many")) {
                later.put(e.getKey(), e.getValue());
            } else {
                r.put(e.getKey(), convert(model, f, e.getValue(), r.get(e.getKey())));
            }
        }
        checkRequired(model, r);
        int id = newId(model);
        r.put("id", id);
        String now = LocalDateTime.now(ZoneOffset.UTC).format(DATETIME);
        r.put("create_date", now);
        r.put("write_date", now);
        r.put("create_uid", uid);
        checkUnique(model, r);
        table(model).put(id, r);
        afterCreate(model, r, later.keySet(), uid);
        later.forEach((name, commands) -> applyOne2many(model, id, field(model, name), commands, uid));
        return id;
    }

    private void defaults(String model, Map<String, Object> r) {
        if (schema.field(model, "active") != null) {
            r.put("active", true);
        }
        if (schema.field(model, "company_id") != null) {
            r.put("company_id", 1);
        }
        if (schema.field(model, "currency_id") != null) {
            r.put("currency_id", 1);
        }
        switch (model) {
            case "product.product", "product.template" -> {
                r.put("type", "consu");
                r.put("uom_id", 1);
                if (schema.field(model, "uom_po_id") != null) {
                    r.put("uom_po_id", 1);
                }
                r.put("categ_id", 1);
                r.put("sale_ok", true);
                r.put("purchase_ok", true);
                r.put("list_price", 1.0);
                r.put("standard_price", 0.0);
                r.put("purchase_method", "receive");
                r.put("tracking", "none");
            }
            case "purchase.order" -> {
                r.put("state", "draft");
                r.put("name", "P" + String.format("%05d", table(model).size() + 1));
                r.put("date_order", LocalDateTime.now(ZoneOffset.UTC).format(DATETIME));
            }
            case "purchase.order.line" -> {
                r.put("qty_received", 0.0);
                r.put("product_qty", 1.0);
            }
            case "account.move" -> {
                r.put("state", "draft");
                r.put("move_type", "entry");
            }
            case "account.move.line" -> {
                r.put("quantity", 1.0);
                r.put("display_type", "product");
            }
            case "stock.location" -> r.put("usage", "internal");
            case "stock.quant" -> r.put("reserved_quantity", 0.0);
            case "mrp.bom" -> {
                r.put("type", "normal");
                r.put("product_qty", 1.0);
                r.put("sequence", 1);
                r.put("product_uom_id", 1); // Odoo: the product's unit (Units here)
            }
            case "mrp.bom.line" -> {
                r.put("product_qty", 1.0);
                r.put("product_uom_id", 1);
            }
            // Odoo's defaults: no setup or cleanup, 100 % efficiency, (18) one unit per cycle
            case "mrp.workcenter" -> {
                r.put("time_start", 0.0);
                r.put("time_stop", 0.0);
                r.put("time_efficiency", 100.0);
                if (version < 19) {
                    r.put("default_capacity", 1.0);
                }
            }
            case "mrp.routing.workcenter" -> {
                r.put("time_mode", "manual");
                r.put("time_mode_batch", 10);
                r.put("time_cycle_manual", 60.0);
            }
            case "mrp.workcenter.capacity" -> {
                r.put("capacity", 1.0);
                r.put("time_start", 0.0);
                r.put("time_stop", 0.0);
            }
            case "ir.model.data" -> r.put("noupdate", false);
            default -> mrp.defaults(model, r);
        }
    }

    /**
     * A float as Odoo stores it: rounded half-up to the field's decimal precision (fields.Float.convert_to_column ->
     * float_round), e.g. a weight of 5.245 is kept as 5.25 where 'Stock Weight' has 2 digits. Applied to the master-data
     * models so far (products, BOMs and their lines, vendor prices); the other models' tests write at Odoo's precision.
     */
    private double stored(String model, SimSchema.Field f, double value) {
        List<Integer> digits = ROUNDED_MODELS.contains(model) ? schema.digits(model, f.name()) : null;
        if (digits == null || Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return new BigDecimal(Double.toString(value)).setScale(digits.get(1), RoundingMode.HALF_UP).doubleValue();
    }

    private static final Set<String> ROUNDED_MODELS = Set.of("product.product", "product.template", "mrp.bom",
            "mrp.bom.line", "product.supplierinfo");

    private SimSchema.Field field(String model, String name) {
        SimSchema.Field f = schema.field(model, name);
        if (f == null) {
            throw SimError.value("Invalid field '" + name + "' on model '" + model + "'");
        }
        return f;
    }

    private Object convert(String model, SimSchema.Field f, Object value, Object current) {
        if (value == null || Boolean.FALSE.equals(value) && !f.type().equals("boolean")) {
            return f.type().equals("many2many") ? new ArrayList<>() : null;
        }
        switch (f.type()) {
            case "many2one":
                if (value instanceof Number n) {
                    return n.intValue();
                }
                if (version < 19 && f.required()) {
                    // Variant fields that live on the template (delegation) are reported by the template.
                    String owner = model.equals("product.product") && schema.field("product.template", f.name()) != null
                            ? "product.template" : model;
                    throw SimError.validation("The operation cannot be completed:\n- Create/update: a mandatory field is "
                            + "not set.\n- Delete: another model requires the record being deleted. If possible, archive "
                            + "it instead.\n\nModel: " + schema.description(owner) + " (" + owner + ")\nField: "
                            + f.string() + " (" + f.name() + ")\n");
                }
                return null; // Odoo 19 stores a non-id silently as empty
            case "many2many":
                return applyMany2many(current instanceof List<?> l ? new ArrayList<>(castIds(l)) : new ArrayList<>(), value);
            case "selection":
                if (f.selection() != null && f.selection().stream().noneMatch(s -> Objects.equals(s.get(0), value))) {
                    throw SimError.value("Wrong value for " + model + "." + f.name() + ": " + PyRepr.repr(value));
                }
                return value;
            case "integer":
                return ((Number) value).intValue();
            case "float", "monetary":
                return stored(model, f, value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString()));
            case "boolean":
                return Boolean.TRUE.equals(value);
            case "char", "text", "html":
                return value.toString();
            default:
                return value;
        }
    }

    private static List<Integer> castIds(List<?> l) {
        return l.stream().map(o -> ((Number) o).intValue()).collect(Collectors.toList());
    }

    private static List<Integer> applyMany2many(List<Integer> ids, Object commands) {
        if (!(commands instanceof List<?> list)) {
            return ids;
        }
        if (list.stream().allMatch(Number.class::isInstance)) {
            return castIds(list);
        }
        for (Object c : list) {
            List<?> cmd = (List<?>) c;
            int code = ((Number) cmd.get(0)).intValue();
            switch (code) {
                case 3 -> ids.remove((Integer) ((Number) cmd.get(1)).intValue());
                case 4 -> {
                    int id = ((Number) cmd.get(1)).intValue();
                    if (!ids.contains(id)) {
                        ids.add(id);
                    }
                }
                case 5 -> ids.clear();
                case 6 -> {
                    ids.clear();
                    ids.addAll(castIds((List<?>) cmd.get(2)));
                }
                default -> { }
            }
        }
        return ids;
    }

    private void applyOne2many(String model, int id, SimSchema.Field f, Object commands, int uid) {
        String inverse = INVERSE.get(model + "." + f.name());
        if (inverse == null || !(commands instanceof List<?> list)) {
            return;
        }
        for (Object c : list) {
            List<?> cmd = (List<?>) c;
            int code = ((Number) cmd.get(0)).intValue();
            switch (code) {
                case 0 -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> vals = new LinkedHashMap<>((Map<String, Object>) cmd.get(2));
                    vals.put(inverse, id);
                    createOne(f.relation(), vals, uid);
                }
                case 1 -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> vals = (Map<String, Object>) cmd.get(2);
                    writeOne(f.relation(), ((Number) cmd.get(1)).intValue(), vals, uid);
                }
                case 2 -> table(f.relation()).remove(((Number) cmd.get(1)).intValue());
                default -> { }
            }
        }
    }

    /** Odoo's MissingError when any of the ids is not (or no longer) there. */
    private void requireExisting(String model, List<Integer> ids, int uid) {
        requireModel(model);
        List<Integer> missing = ids.stream().filter(id -> !table(model).containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw SimError.missing(model, missing, uid);
        }
    }

    void write(String model, List<Integer> ids, Map<String, Object> vals, int uid) {
        lock.writeLock().lock();
        try {
            requireExisting(model, ids, uid);
            for (Integer id : ids) {
                writeOne(model, id, vals, uid);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void writeOne(String model, int id, Map<String, Object> vals, int uid) {
        Map<String, Object> r = table(model).get(id);
        Map<String, Object> updated = new LinkedHashMap<>(r);
        for (Map.Entry<String, Object> e : vals.entrySet()) {
            SimSchema.Field f = field(model, e.getKey());
            if (f.type().equals("one2many")) {
                continue;
            }
            updated.put(e.getKey(), convert(model, f, e.getValue(), r.get(e.getKey())));
        }
        checkRecursion(model, updated);
        checkUnique(model, updated);
        Object oldPrice = r.get("standard_price");
        r.putAll(updated);
        r.put("write_date", LocalDateTime.now(ZoneOffset.UTC).format(DATETIME));
        for (Map.Entry<String, Object> e : vals.entrySet()) {
            SimSchema.Field f = schema.field(model, e.getKey());
            if (f.type().equals("one2many")) {
                applyOne2many(model, id, f, e.getValue(), uid);
            }
        }
        propagateToTwin(model, r, vals.keySet());
        if (model.equals("product.product") && vals.containsKey("standard_price")) {
            revalue(r, num(oldPrice), num(r.get("standard_price")), uid);
        }
        mrp.afterWrite(model, r, vals.keySet(), uid);
    }

    // ---- for the manufacturing classes, inside the write lock --------------------------------------------------

    /** A record created as a create call would (defaults, checks, hooks), by a business method already holding the lock. */
    int createRecord(String model, Map<String, Object> vals, int uid) {
        return createOne(model, vals, uid);
    }

    /** A record written as a write call would, by a business method already holding the lock. */
    void writeRecord(String model, int id, Map<String, Object> vals, int uid) {
        writeOne(model, id, vals, uid);
    }

    /** Spends the model's next id without a record: Odoo's sequence moves on for a record it creates and drops. */
    void spendId(String model) {
        newId(model);
    }

    /**
     * Runs a business method under the write lock as one transaction: a UserError (or any error) puts back every
     * record it changed, created or removed, as PostgreSQL rolls the call back; ids spent stay spent, as PostgreSQL
     * sequences do. Only the records the method touches are copied (the journal), so a call costs the same among ten
     * orders as among ten thousand.
     */
    <T> T transaction(java.util.function.Supplier<T> work) {
        lock.writeLock().lock();
        try {
            journal.begin();
            T result;
            try {
                result = work.get();
            } catch (RuntimeException | Error e) {
                journal.rollback();
                throw e;
            }
            journal.commit();
            return result;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * What Odoo books when a product's standard price changes (flow 05; not for FIFO products): 18 a valuation
     * layer of quantity 0 worth on-hand x change, with a posted stock-journal entry on the category's valuation
     * account for automated valuation; 19 a product.value row with the new price and no entry.
     */
    private void revalue(Map<String, Object> product, BigDecimal before, BigDecimal after, int uid) {
        if (before.compareTo(after) == 0 || "fifo".equals(computed("product.product", product, "cost_method"))) {
            return;
        }
        String from = before.stripTrailingZeros().scale() <= 0 ? before.setScale(1).toPlainString()
                : before.stripTrailingZeros().toPlainString();
        String to = after.stripTrailingZeros().scale() <= 0 ? after.setScale(1).toPlainString()
                : after.stripTrailingZeros().toPlainString();
        if (version >= 19) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("product_id", product.get("id"));
            value.put("value", after.doubleValue());
            value.put("date", LocalDateTime.now(ZoneOffset.UTC).format(DATETIME));
            value.put("description", "Price update from " + from + " to " + to + " by Mitchell Admin");
            createOne("product.value", value, uid);
            return;
        }
        // Odoo revalues quantity_svl, the product's own valued stock: none for a kit, whatever its qty_available says
        BigDecimal onHand = table("stock.quant").values().stream()
                .filter(q -> Objects.equals(q.get("product_id"), product.get("id"))
                        && "internal".equals(fieldOf("stock.location", (Integer) q.get("location_id"), "usage")))
                .map(q -> num(q.get("quantity"))).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal amount = onHand.multiply(after.subtract(before)).setScale(2, RoundingMode.HALF_UP);
        if (onHand.signum() <= 0 || amount.signum() == 0) {
            return;
        }
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("product_id", product.get("id"));
        layer.put("quantity", 0.0);
        layer.put("unit_cost", 0.0);
        layer.put("value", amount.doubleValue());
        layer.put("remaining_qty", 0.0);
        layer.put("remaining_value", 0.0);
        layer.put("description", "Product value manually modified (from " + from + " to " + to + ")");
        Map<String, Object> category = get("product.category", (Integer) product.get("categ_id"));
        Object valuation = category == null ? null : category.get("property_stock_valuation_account_id");
        if (valuation != null && "real_time".equals(category.get("property_valuation"))) {
            int expense = table("account.account").values().stream().filter(a -> "600000".equals(a.get("code")))
                    .map(a -> (Integer) a.get("id")).findFirst()
                    .orElseGet(() -> createOne("account.account", new LinkedHashMap<>(Map.of("name", "Expenses",
                            "code", "600000")), uid));
            String label = "Mitchell Admin changed cost from " + from + " to " + to + " - " + displayName("product.product", product);
            Map<String, Object> debit = new LinkedHashMap<>(Map.of("account_id", amount.signum() > 0 ? valuation
                    : expense, "name", label, "debit", amount.abs().doubleValue(), "credit", 0.0, "balance",
                    amount.abs().doubleValue(), "product_id", product.get("id")));
            Map<String, Object> credit = new LinkedHashMap<>(Map.of("account_id", amount.signum() > 0 ? expense
                    : valuation, "name", label, "debit", 0.0, "credit", amount.abs().doubleValue(), "balance",
                    -amount.abs().doubleValue(), "product_id", product.get("id")));
            Map<String, Object> move = new LinkedHashMap<>();
            move.put("move_type", "entry");
            move.put("ref", product.get("default_code"));
            move.put("date", LocalDate.now().toString());
            move.put("line_ids", List.of(List.of(0, 0, debit), List.of(0, 0, credit)));
            int moveId = createOne("account.move", move, uid);
            Map<String, Object> posted = get("account.move", moveId);
            posted.put("state", "posted");
            posted.put("name", "STJ/" + LocalDate.now().getYear() + "/" + moveId);
            layer.put("account_move_id", moveId);
        }
        createOne("stock.valuation.layer", layer, uid);
    }

    void unlink(String model, List<Integer> ids, int uid) {
        lock.writeLock().lock();
        try {
            requireExisting(model, ids, uid);
            ids.forEach(table(model)::remove);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void checkRequired(String model, Map<String, Object> r) {
        for (String name : REQUIRED.getOrDefault(model, List.of())) {
            Object v = r.get(name);
            if (v == null || "".equals(v)) {
                SimSchema.Field f = schema.field(model, name);
                throw SimError.validation("Missing required value for the field '" + (f == null ? name : f.string())
                        + "' (" + name + ").\nModel: " + schema.description(model) + " (" + model + ")");
            }
        }
    }

    private void checkUnique(String model, Map<String, Object> r) {
        if (model.equals("product.product") && r.get("barcode") != null) {
            List<Map<String, Object>> same = table(model).values().stream()
                    .filter(o -> !Objects.equals(o.get("id"), r.get("id")) && Objects.equals(o.get("barcode"), r.get("barcode")))
                    .toList();
            if (!same.isEmpty()) {
                List<Map<String, Object>> all = new ArrayList<>(same);
                all.add(r);
                all.sort(Comparator.comparing(o -> (Integer) o.get("id"), Comparator.nullsLast(Comparator.naturalOrder())));
                List<String> names = all.stream().map(o -> displayName(model, o)).toList();
                String joined = names.size() == 1 ? names.get(0)
                        : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
                throw SimError.validation("Barcode(s) already assigned:\n\n- Barcode \"" + r.get("barcode")
                        + "\" already assigned to product(s): " + joined
                        + "\n\nNote: products that you don't have access to will not be shown above.");
            }
        }
        Integer sameXmlId = model.equals("ir.model.data") ? xmlIdRecord(r.get("module") + "." + r.get("name")) : null;
        if (sameXmlId != null && !sameXmlId.equals(r.get("id"))) {
            throw SimError.validation("The operation cannot be completed: External ID " + r.get("module") + "."
                    + r.get("name") + " already exists");
        }
        if (model.equals("stock.lot") && table(model).values().stream().anyMatch(o -> !Objects.equals(o.get("id"),
                r.get("id")) && Objects.equals(o.get("name"), r.get("name"))
                && Objects.equals(o.get("product_id"), r.get("product_id")))) {
            throw SimError.validation("The combination of lot/serial number and product must be unique within a company.");
        }
    }

    private void checkRecursion(String model, Map<String, Object> r) {
        String parent = model.equals("product.category") || model.equals("res.partner") ? "parent_id"
                : model.equals("stock.location") ? "location_id" : null;
        if (parent == null) {
            return;
        }
        Set<Integer> seen = new HashSet<>();
        Integer cur = (Integer) r.get(parent);
        while (cur != null) {
            if (cur.equals(r.get("id")) || !seen.add(cur)) {
                throw SimError.user("Recursion Detected.");
            }
            Map<String, Object> next = get(model, cur);
            cur = next == null ? null : (Integer) next.get(parent);
        }
    }

    /** {@code given}: the one2many fields the create gave, applied after this. */
    private void afterCreate(String model, Map<String, Object> r, Set<String> given, int uid) {
        if (model.equals("product.product") && r.get("product_tmpl_id") == null) {
            Map<String, Object> tmpl = table("product.template").newRecord();
            r.forEach((k, v) -> {
                if (!NOT_SHARED.contains(k) && schema.field("product.template", k) != null) {
                    tmpl.put(k, v);
                }
            });
            int tmplId = newId("product.template");
            tmpl.put("id", tmplId);
            table("product.template").put(tmplId, tmpl);
            r.put("product_tmpl_id", tmplId);
        } else if (model.equals("product.template") && firstVariant((Integer) r.get("id")) == null) {
            Map<String, Object> variant = table("product.product").newRecord();
            r.forEach((k, v) -> {
                if (!NOT_SHARED.contains(k) && schema.field("product.product", k) != null) {
                    variant.put(k, v);
                }
            });
            int id = newId("product.product");
            variant.put("id", id);
            variant.put("product_tmpl_id", r.get("id"));
            table("product.product").put(id, variant);
        }
        mrp.afterCreate(model, r, given, uid);
    }

    private void propagateToTwin(String model, Map<String, Object> r, Set<String> changed) {
        if (model.equals("product.product")) {
            Map<String, Object> tmpl = get("product.template", (Integer) r.get("product_tmpl_id"));
            copyShared(r, tmpl, changed, "product.template");
        } else if (model.equals("product.template")) {
            table("product.product").values().stream().filter(p -> Objects.equals(p.get("product_tmpl_id"), r.get("id")))
                    .forEach(p -> copyShared(r, p, changed, "product.product"));
        }
    }

    private void copyShared(Map<String, Object> from, Map<String, Object> to, Set<String> changed, String toModel) {
        if (to == null) {
            return;
        }
        for (String k : changed) {
            if (!NOT_SHARED.contains(k) && schema.field(toModel, k) != null) {
                to.put(k, from.get(k));
            }
        }
    }

    // ---- business methods --------------------------------------------------------------------------------------

    Object actionPost(List<Integer> ids, int uid) {
        lock.writeLock().lock();
        try {
            for (Integer id : ids) {
                Map<String, Object> move = get("account.move", id);
                if (move == null) {
                    throw SimError.missing("account.move", List.of(id), uid);
                }
                List<String> problems = new ArrayList<>();
                boolean isBill = String.valueOf(move.get("move_type")).startsWith("in_");
                if (version < 19 && isBill && move.get("invoice_date") == null) {
                    problems.add("The Bill/Refund date is required to validate this document.");
                }
                if (related("account.move", "invoice_line_ids", move).isEmpty()) {
                    problems.add(version >= 19 ? "Even magicians can't post nothing!" : "You need to add a line before posting.");
                } else if (version >= 19 && isBill && move.get("invoice_date") == null) {
                    problems.add("The Bill/Refund date is required to validate this document.");
                }
                if (!problems.isEmpty()) {
                    throw SimError.user(String.join("\n", problems));
                }
            }
            for (Integer id : ids) {
                Map<String, Object> move = get("account.move", id);
                move.put("state", "posted");
                if (move.get("name") == null) {
                    LocalDate date = move.get("invoice_date") != null ? LocalDate.parse(move.get("invoice_date").toString())
                            : LocalDate.now();
                    String prefix = switch (String.valueOf(move.get("move_type"))) {
                        case "in_invoice" -> "BILL";
                        case "in_refund" -> "RBILL";
                        case "out_invoice" -> "INV";
                        default -> "MISC";
                    };
                    String key = prefix + "/" + date.getYear() + "/" + String.format("%02d", date.getMonthValue());
                    int n = billSequence.merge(key, 1, Integer::sum);
                    move.put("name", key + "/" + String.format("%04d", n));
                }
                if (move.get("date") == null) {
                    move.put("date", move.get("invoice_date") != null ? move.get("invoice_date") : LocalDate.now().toString());
                }
            }
            return false;
        } finally {
            lock.writeLock().unlock();
        }
    }

    void setState(String model, List<Integer> ids, String field, Object value, int uid) {
        lock.writeLock().lock();
        try {
            for (Integer id : ids) {
                Map<String, Object> r = get(model, id);
                if (r == null) {
                    throw SimError.missing(model, List.of(id), uid);
                }
                r.put(field, value);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    // ---- load (import with external ids) -----------------------------------------------------------------------

    Map<String, Object> load(String model, List<String> fields, List<List<Object>> rows, int uid) {
        lock.writeLock().lock();
        try {
            requireModel(model);
            List<Map<String, Object>> messages = new ArrayList<>();
            List<Map<String, Object>> valsPerRow = new ArrayList<>();
            List<String> xmlIds = new ArrayList<>();
            Map<Integer, Integer> databaseIds = new HashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                Map<String, Object> vals = new LinkedHashMap<>();
                String xmlId = null;
                for (int c = 0; c < fields.size(); c++) {
                    String column = fields.get(c);
                    String text = rows.get(i).get(c) == null ? "" : rows.get(i).get(c).toString();
                    if (column.equals("id")) {
                        xmlId = text.isEmpty() ? null : text;
                        continue;
                    }
                    if (column.equals(".id")) {
                        // Odoo's import updates the record with this database id, or says it does not know it.
                        Integer existing = text.isEmpty() ? null : Integer.valueOf(text);
                        if (existing != null && get(model, existing) == null) {
                            messages.add(message(i, ".id", "Unknown database identifier '" + text + "'", "Database ID"));
                        }
                        databaseIds.put(i, existing);
                        continue;
                    }
                    // Odoo's import names a relation by external id ("field/id") or by database id ("field/.id").
                    boolean byDatabaseId = column.endsWith("/.id");
                    String name = byDatabaseId ? column.substring(0, column.length() - 4)
                            : column.endsWith("/id") ? column.substring(0, column.length() - 3) : column;
                    SimSchema.Field f = schema.field(model, name);
                    if (f == null) {
                        messages.add(message(i, null, "Unknown field '" + column + "'", null));
                        continue;
                    }
                    try {
                        vals.put(name, byDatabaseId ? databaseId(f, text) : loadValue(model, f, text,
                                column.endsWith("/id")));
                    } catch (IllegalArgumentException e) {
                        messages.add(message(i, f.name(), e.getMessage(), f.string()));
                    }
                }
                for (String required : REQUIRED.getOrDefault(model, List.of())) {
                    boolean exists = xmlId != null && resolveXmlId(xmlId) != null || databaseIds.get(i) != null;
                    if (!exists && (vals.get(required) == null || "".equals(vals.get(required)))) {
                        SimSchema.Field f = schema.field(model, required);
                        messages.add(message(i, null, version >= 19
                                ? "Missing required value for the field '" + f.string() + "' (" + required + ").\nModel: "
                                        + "Unknown\n- create/update: a mandatory field is not set\n- delete: another model "
                                        + "requires the record being deleted, you can archive it instead\n"
                                : "Missing required value for the field '" + required + "' on a linked model [product_template]",
                                null));
                    }
                }
                valsPerRow.add(vals);
                xmlIds.add(xmlId);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            if (!messages.isEmpty()) {
                result.put("ids", false);
                result.put("messages", messages);
                result.put("nextrow", 0);
                return result;
            }
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < valsPerRow.size(); i++) {
                String xmlId = xmlIds.get(i);
                Integer existing = databaseIds.get(i) != null ? databaseIds.get(i) : xmlId == null ? null : resolveXmlId(xmlId);
                if (existing != null && get(model, existing) != null) {
                    writeOne(model, existing, valsPerRow.get(i), uid);
                    ids.add(existing);
                } else {
                    int id = createOne(model, valsPerRow.get(i), uid);
                    ids.add(id);
                    if (xmlId != null) {
                        String[] parts = xmlId.contains(".") ? xmlId.split("\\.", 2) : new String[] {"__import__", xmlId};
                        Map<String, Object> imd = new LinkedHashMap<>();
                        imd.put("module", parts[0]);
                        imd.put("name", parts[1]);
                        imd.put("model", model);
                        imd.put("res_id", id);
                        rememberXmlId(parts[0] + "." + parts[1], createOne("ir.model.data", imd, uid));
                    }
                }
            }
            result.put("ids", ids);
            result.put("messages", List.of());
            result.put("nextrow", 0);
            return result;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** module.name to the ir.model.data record, rebuilt when the table changed size or last id (a big load must not scan). */
    private final Map<String, Integer> xmlIds = new HashMap<>();
    private long xmlIdsVersion = -1;

    private static long version(TreeMap<Integer, Map<String, Object>> data) {
        return data.isEmpty() ? 0 : ((long) data.size() << 32) | data.lastKey();
    }

    /** Keeps the index current after a create of one external id, when it was current before. */
    private void rememberXmlId(String key, int dataId) {
        TreeMap<Integer, Map<String, Object>> data = table("ir.model.data");
        Integer previousLast = data.lowerKey(data.lastKey());
        long before = previousLast == null ? 0 : ((long) (data.size() - 1) << 32) | previousLast;
        if (before == xmlIdsVersion) {
            xmlIds.putIfAbsent(key, dataId);
            xmlIdsVersion = version(data);
        }
    }

    private Integer xmlIdRecord(String key) {
        TreeMap<Integer, Map<String, Object>> data = table("ir.model.data");
        if (version(data) != xmlIdsVersion) {
            xmlIds.clear();
            for (Map<String, Object> r : data.values()) {
                xmlIds.putIfAbsent(r.get("module") + "." + r.get("name"), (Integer) r.get("id"));
            }
            xmlIdsVersion = version(data);
        }
        Integer id = xmlIds.get(key);
        if (id != null && !data.containsKey(id)) {
            xmlIdsVersion = -1; // removed since: rebuild next time
            return null;
        }
        return id;
    }

    Integer resolveXmlId(String xmlId) {
        Integer dataId = xmlIdRecord(xmlId.contains(".") ? xmlId : "__import__." + xmlId);
        return dataId == null ? null : (Integer) table("ir.model.data").get(dataId).get("res_id");
    }

    private Object databaseId(SimSchema.Field f, String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            int id = Integer.parseInt(text);
            if (get(f.relation(), id) != null) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below like any unknown id
        }
        throw new IllegalArgumentException("No matching record found for database id '" + text + "' in field '"
                + f.string() + "'");
    }

    private Object loadValue(String model, SimSchema.Field f, String text, boolean byXmlId) {
        if (text.isEmpty()) {
            return f.type().equals("boolean") ? false : null;
        }
        switch (f.type()) {
            case "float", "monetary":
                try {
                    return stored(model, f, Double.parseDouble(text));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text + "' does not seem to be a number for field '"
                            + f.string() + "'");
                }
            case "integer":
                try {
                    return Integer.parseInt(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text + "' does not seem to be an integer for field '"
                            + f.string() + "'");
                }
            case "boolean":
                return Set.of("1", "true", "yes").contains(text.toLowerCase());
            case "many2one": {
                Integer id = byXmlId ? resolveXmlId(text) : table(f.relation()).values().stream()
                        .filter(r -> text.equals(displayName(f.relation(), r)) || text.equals(r.get("name")))
                        .map(r -> (Integer) r.get("id")).findFirst().orElse(null);
                if (id == null) {
                    throw new IllegalArgumentException("No matching record found for " + (byXmlId ? "external id" : "name")
                            + " '" + text + "' in field '" + f.string() + "'");
                }
                return id;
            }
            case "selection":
                if (f.selection() != null) {
                    for (List<Object> option : f.selection()) {
                        if (text.equals(option.get(0)) || text.equals(option.get(1))) {
                            return option.get(0);
                        }
                    }
                    throw new IllegalArgumentException("Value '" + text + "' not found in selection field '"
                            + f.string() + "'");
                }
                return text;
            default:
                return text;
        }
    }

    private static Map<String, Object> message(int row, String field, String text, String fieldName) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", Map.of("from", row, "to", row));
        m.put("type", "error");
        m.put("record", row);
        if (field != null) {
            m.put("field", field);
        }
        m.put("message", text);
        if (fieldName != null) {
            m.put("field_name", fieldName);
        }
        return m;
    }

    // ---- grouping ----------------------------------------------------------------------------------------------

    List<Map<String, Object>> readGroup(String model, Object domain, List<String> fields,
            List<String> groupby, boolean lazy, Map<String, Object> context) {
        lock.readLock().lock();
        try {
            List<String> groups = lazy && !groupby.isEmpty() ? groupby.subList(0, 1) : groupby;
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map.Entry<List<Object>, List<Map<String, Object>>> g : group(model, domain, groups, context).entrySet()) {
                List<Object> extra = new ArrayList<>();
                Map<String, Object> row = groupHead(model, groups, g.getKey(), extra);
                if (lazy) {
                    row.put(groups.get(0) + "_count", g.getValue().size());
                } else {
                    row.put("__count", g.getValue().size());
                }
                for (String spec : fields) {
                    String field = spec.split(":")[0];
                    if (!groups.contains(field)) {
                        row.put(field, aggregate(g.getValue(), field, spec.contains(":") ? spec.split(":")[1] : "sum"));
                    }
                }
                row.put("__domain", andDomain(domain, extra));
                if (lazy && groupby.size() > 1) {
                    row.put("__context", Map.of("group_by", groupby.subList(1, groupby.size())));
                }
                rows.add(row);
            }
            return rows;
        } finally {
            lock.readLock().unlock();
        }
    }

    List<Map<String, Object>> formattedReadGroup(String model, Object domain, List<String> groupby,
            List<String> aggregates, Map<String, Object> context) {
        lock.readLock().lock();
        try {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map.Entry<List<Object>, List<Map<String, Object>>> g : group(model, domain, groupby, context).entrySet()) {
                List<Object> extra = new ArrayList<>();
                Map<String, Object> row = groupHead(model, groupby, g.getKey(), extra);
                row.put("__extra_domain", andDomain(List.of(), extra));
                for (String spec : aggregates) {
                    row.put(spec, spec.equals("__count") ? g.getValue().size()
                            : aggregate(g.getValue(), spec.split(":")[0], spec.split(":")[1]));
                }
                rows.add(row);
            }
            return rows;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A group's row with its group-by values; the domain terms that select the group go to {@code extra}. */
    private Map<String, Object> groupHead(String model, List<String> groupby, List<Object> key, List<Object> extra) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < groupby.size(); i++) {
            row.put(groupby.get(i), groupValue(model, groupby.get(i), key.get(i)));
            extra.add(new ArrayList<>(List.of(groupby.get(i), "=", key.get(i) == null ? false : key.get(i))));
        }
        return row;
    }

    private Map<List<Object>, List<Map<String, Object>>> group(String model, Object domain, List<String> groupby,
            Map<String, Object> context) {
        Map<List<Object>, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (Integer id : search(model, domain, null, null, null, context)) {
            Map<String, Object> r = get(model, id);
            List<Object> key = new ArrayList<>();
            for (String g : groupby) {
                key.add(r.get(g));
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    private Object groupValue(String model, String field, Object raw) {
        SimSchema.Field f = schema.field(model, field);
        if ("many2one".equals(f.type()) && raw instanceof Integer id) {
            return List.of(id, displayName(f.relation(), get(f.relation(), id)));
        }
        return raw == null ? false : raw;
    }

    private Object aggregate(List<Map<String, Object>> records, String field, String function) {
        List<BigDecimal> values = records.stream().map(r -> num(r.get(field))).toList();
        BigDecimal result = switch (function) {
            case "max" -> values.stream().max(Comparator.naturalOrder()).orElse(BigDecimal.ZERO);
            case "min" -> values.stream().min(Comparator.naturalOrder()).orElse(BigDecimal.ZERO);
            case "avg" -> values.isEmpty() ? BigDecimal.ZERO : values.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(values.size()), 6, RoundingMode.HALF_UP);
            case "count" -> BigDecimal.valueOf(values.size());
            default -> values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        };
        return result.doubleValue();
    }

    private static List<Object> andDomain(Object domain, List<Object> extra) {
        List<Object> terms = new ArrayList<>();
        int expressions = 0;
        if (domain instanceof List<?> d) {
            int open = 1;
            for (Object t : d) {
                terms.add(t);
                if ("&".equals(t) || "|".equals(t)) {
                    open++;
                } else if (!"!".equals(t)) {
                    open--;
                    if (open == 0) {
                        expressions++;
                        open = 1;
                    }
                }
            }
        }
        terms.addAll(extra);
        expressions += extra.size();
        List<Object> result = new ArrayList<>();
        for (int i = 1; i < expressions; i++) {
            result.add("&");
        }
        result.addAll(terms);
        return result;
    }
}
