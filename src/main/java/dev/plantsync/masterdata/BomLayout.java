package dev.plantsync.masterdata;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooRecord;
import org.apache.commons.csv.CSVRecord;

/**
 * Bills of materials ({@code boms*.csv}): one BOM per product, its rows consecutive, each row a component line or an
 * operation. Keyed by the product's default code. The BOM's own fields (quantity, type) are written like any record;
 * its lines and operations are compared as a whole, in component and operation order, at the precision Odoo stores;
 * when they differ only the lines that changed are written, added or removed (see {@link #applyVirtualFields}). A
 * change to a BOM with open manufacturing orders waits for an approver.
 */
final class BomLayout extends EntityLayout {

    static final BomLayout INSTANCE = new BomLayout();
    static final String LINES = "lines";
    static final String OPERATIONS = "operations";
    static final String OPEN_ORDERS = "open_manufacturing_orders";
    private static final String PRODUCT = "product_tmpl_id";
    private static final List<String> OPEN = List.of("draft", "confirmed", "progress", "to_close");

    private static final List<Column> COLUMNS = List.of(
            new Column("product", PRODUCT, "reference", Set.of(), true),
            Column.of("bom_qty", "product_qty", "number"),
            Column.choice("type", "type", "normal", "phantom"),
            Column.text("component", "component", false),
            Column.of("quantity", "quantity", "number"),
            Column.text("uom", "uom", false),
            Column.text("operation", "operation", false),
            Column.text("workcenter", "workcenter", false),
            Column.of("minutes", "minutes", "number"));

    private BomLayout() {
        super("bom", "mrp.bom", "md-boms", PRODUCT);
    }

    @Override
    List<Column> columns() {
        return COLUMNS;
    }

    @Override
    Map<String, Reference> references() {
        return Map.of(PRODUCT, new Reference("product.template", "default_code", "product"));
    }

    @Override
    Set<String> defaulted() {
        return Set.of("type", "product_qty");
    }

    @Override
    List<String> odooFields() {
        return List.of(PRODUCT, "product_qty", "type", "active");
    }

    @Override
    Set<String> virtualFields() {
        return Set.of(LINES, OPERATIONS);
    }

    @Override
    boolean groupsRows() {
        return true;
    }

    /** A row: the BOM's own fields, plus one line (component, quantity) or one operation (name, work center). */
    @Override
    Map<String, Object> parse(CSVRecord record) {
        Map<String, Object> row = super.parse(record);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(PRODUCT, row.get(PRODUCT));
        for (String own : List.of("product_qty", "type")) {
            if (row.containsKey(own)) {
                values.put(own, row.get(own));
            }
        }
        List<Object> lines = new ArrayList<>();
        List<Object> operations = new ArrayList<>();
        if (row.containsKey("component")) {
            if (!row.containsKey("quantity")) {
                throw new Invalid("quantity", "is required with a component");
            }
            if (!row.containsKey("uom")) {
                throw new Invalid("uom", "is required with a component (the unit the quantity is in)");
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("component", row.get("component"));
            line.put("quantity", plain(row.get("quantity")));
            line.put("uom", row.get("uom"));
            lines.add(line);
        }
        if (row.containsKey("operation")) {
            if (!row.containsKey("workcenter")) {
                throw new Invalid("workcenter", "is required with an operation");
            }
            Map<String, Object> operation = new LinkedHashMap<>();
            operation.put("operation", row.get("operation"));
            operation.put("workcenter", row.get("workcenter"));
            operation.put("minutes", plain(row.getOrDefault("minutes", BigDecimal.ZERO)));
            operations.add(operation);
        }
        values.put(LINES, lines);
        values.put(OPERATIONS, operations);
        return values;
    }

    @Override
    @SuppressWarnings("unchecked")
    Map<String, Object> merge(Map<String, Object> record, Map<String, Object> row) {
        Map<String, Object> merged = new LinkedHashMap<>(record);
        row.forEach((field, value) -> {
            if (field.equals(LINES) || field.equals(OPERATIONS)) {
                List<Object> all = new ArrayList<>((List<Object>) merged.getOrDefault(field, List.of()));
                all.addAll((List<Object>) value);
                merged.put(field, all);
            } else {
                merged.putIfAbsent(field, value);
            }
        });
        return merged;
    }

    /** Lines and operations in a canonical order, so the same BOM listed differently compares equal. */
    @Override
    @SuppressWarnings("unchecked")
    Map<String, Object> desired(Map<String, Object> staged, int odooVersion) {
        Map<String, Object> desired = new LinkedHashMap<>();
        staged.forEach((field, value) -> {
            if (field.equals(LINES) || field.equals(OPERATIONS)) {
                List<Map<String, Object>> list = new ArrayList<>((List<Map<String, Object>>) value);
                desired.put(field, sorted(list));
            } else {
                desired.put(field, value instanceof Number n ? decimal(n) : value);
            }
        });
        return desired;
    }

    /** The BOMs of these products (the oldest where a product has several), keyed by the product's code. */
    @Override
    Map<String, OdooRecord> current(OdooClient odoo, Set<String> keys) {
        List<OdooRecord> boms = odoo.searchRead(model, Domain.in("product_tmpl_id.default_code", List.copyOf(keys)),
                odooFields(), "id", null, null, Map.of("active_test", false));
        Map<Integer, String> codes = textOf(odoo, "product.template", "default_code",
                boms.stream().map(b -> b.getMany2one(PRODUCT).id()).distinct().toList());
        Map<String, OdooRecord> byKey = new HashMap<>();
        List<OdooRecord> oldest = new ArrayList<>();
        for (OdooRecord b : boms) {
            if (byKey.putIfAbsent(codes.get(b.getMany2one(PRODUCT).id()), b) == null) {
                oldest.add(b);
            }
        }
        Map<String, OdooRecord> enriched = new HashMap<>();
        for (OdooRecord b : withVirtualFields(odoo, oldest)) {
            enriched.put(codes.get(b.getMany2one(PRODUCT).id()), b);
        }
        return enriched;
    }

    /** Each BOM's lines and operations in the file's terms (codes, names), and its open manufacturing orders. */
    @Override
    List<OdooRecord> withVirtualFields(OdooClient odoo, List<OdooRecord> boms) {
        if (boms.isEmpty()) {
            return boms;
        }
        List<Integer> ids = boms.stream().map(OdooRecord::id).toList();
        List<OdooRecord> lines = odoo.searchRead("mrp.bom.line", Domain.in("bom_id", ids),
                List.of("bom_id", "product_id", "product_qty", "product_uom_id"));
        List<OdooRecord> operations = odoo.searchRead("mrp.routing.workcenter", Domain.in("bom_id", ids),
                List.of("bom_id", "name", "workcenter_id", "time_cycle_manual"));
        Map<Integer, String> components = textOf(odoo, "product.product", "default_code",
                lines.stream().map(l -> l.getMany2one("product_id").id()).distinct().toList());
        Map<Integer, Integer> open = new HashMap<>();
        odoo.searchRead("mrp.production", Domain.and(Domain.in("bom_id", ids), Domain.in("state", OPEN)),
                List.of("bom_id")).forEach(mo -> open.merge(mo.getMany2one("bom_id").id(), 1, Integer::sum));
        List<OdooRecord> enriched = new ArrayList<>();
        for (OdooRecord bom : boms) {
            List<Map<String, Object>> bomLines = new ArrayList<>();
            for (OdooRecord l : lines) {
                if (l.getMany2one("bom_id").id() == bom.id()) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("component", components.get(l.getMany2one("product_id").id()));
                    line.put("quantity", plain(l.getDecimal("product_qty")));
                    line.put("uom", l.getMany2one("product_uom_id") == null ? null
                            : l.getMany2one("product_uom_id").displayName());
                    bomLines.add(line);
                }
            }
            List<Map<String, Object>> bomOperations = new ArrayList<>();
            for (OdooRecord o : operations) {
                if (o.getMany2one("bom_id").id() == bom.id()) {
                    Map<String, Object> operation = new LinkedHashMap<>();
                    operation.put("operation", o.getString("name"));
                    operation.put("workcenter", o.getMany2one("workcenter_id").displayName());
                    operation.put("minutes", plain(o.getDecimal("time_cycle_manual")));
                    bomOperations.add(operation);
                }
            }
            Map<String, Object> values = new LinkedHashMap<>(bom.values());
            values.put(LINES, sorted(bomLines));
            values.put(OPERATIONS, sorted(bomOperations));
            values.put(OPEN_ORDERS, open.getOrDefault(bom.id(), 0));
            enriched.add(new OdooRecord(values));
        }
        return enriched;
    }

    /**
     * Lines and operations of the chunk's BOMs, line by line: each wanted line is matched to one of Odoo's (the same
     * component, or for an operation the same name; an identical one first), and only what differs is written: a
     * changed line as (1, id, changed fields), a new one as (0, 0, values), a vanished one as (2, id). Unchanged lines
     * are not touched (their write_date stays). One write per BOM that has something to change; a new BOM's lines
     * and operations in one create per model for the chunk. Components, units and work centers are looked up by code
     * or name in one read each, Odoo's current lines in one read per model.
     */
    @Override
    @SuppressWarnings("unchecked")
    void applyVirtualFields(OdooClient odoo, Map<Integer, Map<String, Object>> valuesById) {
        Map<Integer, Map<String, Object>> writes = new LinkedHashMap<>();
        Map<String, List<Map<String, Object>>> creates = new LinkedHashMap<>();
        for (Children children : List.of(LINE, OPERATION)) {
            Map<Integer, List<Map<String, Object>>> wanted = new LinkedHashMap<>();
            valuesById.forEach((bom, values) -> {
                if (values.containsKey(children.listField())) {
                    wanted.put(bom, ((List<Map<String, Object>>) values.get(children.listField())).stream()
                            .map(children.vals()).collect(java.util.stream.Collectors.toCollection(ArrayList::new)));
                }
            });
            if (wanted.isEmpty()) {
                continue;
            }
            resolve(odoo, children.references(), wanted);
            Map<Integer, List<OdooRecord>> have = new HashMap<>();
            List<String> fields = new ArrayList<>(children.compared());
            fields.add("bom_id");
            odoo.searchRead(children.model(), Domain.in("bom_id", List.copyOf(wanted.keySet())), fields)
                    .forEach(r -> have.computeIfAbsent(r.getMany2one("bom_id").id(), b -> new ArrayList<>()).add(r));
            wanted.forEach((bom, want) -> {
                List<OdooRecord> current = have.getOrDefault(bom, List.of());
                if (current.isEmpty()) {
                    want.forEach(v -> v.put("bom_id", bom));
                    creates.computeIfAbsent(children.model(), m -> new ArrayList<>()).addAll(want);
                    return;
                }
                List<List<Object>> commands = commands(children, want, current);
                if (!commands.isEmpty()) {
                    writes.computeIfAbsent(bom, b -> new LinkedHashMap<>()).put(children.one2many(), commands);
                }
            });
        }
        creates.forEach((model, vals) -> odoo.create(model, vals, Map.of()));
        writes.forEach((bom, vals) -> odoo.write(model, List.of(bom), vals, Map.of("active_test", false)));
    }

    /** A BOM's children as Odoo models them: the one2many, the fields compared and written, the references. */
    private record Children(String listField, String model, String one2many, String key, List<String> compared,
            java.util.function.Function<Map<String, Object>, Map<String, Object>> vals,
            Map<String, Reference> references) {
    }

    private static final Children LINE = new Children(LINES, "mrp.bom.line", "bom_line_ids", "product_id",
            List.of("product_id", "product_qty", "product_uom_id"), line -> {
                Map<String, Object> vals = new LinkedHashMap<>();
                vals.put("product_id", line.get("component"));
                vals.put("product_qty", new BigDecimal(line.get("quantity").toString()));
                if (line.get("uom") != null) {
                    vals.put("product_uom_id", line.get("uom"));
                }
                return vals;
            }, Map.of("product_id", new Reference("product.product", "default_code", "component"),
                    "product_uom_id", new Reference("uom.uom", "name", "unit of measure")));

    private static final Children OPERATION = new Children(OPERATIONS, "mrp.routing.workcenter", "operation_ids",
            "name", List.of("name", "workcenter_id", "time_cycle_manual", "time_mode"), operation -> {
                Map<String, Object> vals = new LinkedHashMap<>();
                vals.put("name", operation.get("operation"));
                vals.put("workcenter_id", operation.get("workcenter"));
                vals.put("time_cycle_manual", new BigDecimal(operation.get("minutes").toString()));
                vals.put("time_mode", "manual");
                return vals;
            }, Map.of("workcenter_id", new Reference("mrp.workcenter", "name", "work center")));

    /**
     * The one2many commands that make a BOM's current children the wanted ones: identical ones first paired and left
     * alone, then the rest paired by key (component, operation name) and written with their differing fields only;
     * what is left is created or deleted.
     */
    private static List<List<Object>> commands(Children children, List<Map<String, Object>> want,
            List<OdooRecord> current) {
        List<OdooRecord> free = new ArrayList<>(current);
        List<Map<String, Object>> unmatched = new ArrayList<>();
        for (Map<String, Object> w : want) {
            OdooRecord same = free.stream().filter(h -> differences(w, h).isEmpty()).findFirst().orElse(null);
            if (same != null) {
                free.remove(same);
            } else {
                unmatched.add(w);
            }
        }
        List<List<Object>> commands = new ArrayList<>();
        for (Map<String, Object> w : unmatched) {
            Object key = w.get(children.key());
            OdooRecord sameKey = free.stream().filter(h -> java.util.Objects.equals(comparable(h.raw(children.key())),
                    key)).findFirst().orElse(null);
            if (sameKey != null) {
                free.remove(sameKey);
                commands.add(List.of(1, sameKey.id(), differences(w, sameKey)));
            } else {
                commands.add(List.of(0, 0, w));
            }
        }
        free.forEach(h -> commands.add(List.of(2, h.id(), 0)));
        return commands;
    }

    /** The wanted fields whose value differs from Odoo's (numbers compared as numbers, many2ones by id). */
    private static Map<String, Object> differences(Map<String, Object> want, OdooRecord have) {
        Map<String, Object> changed = new LinkedHashMap<>();
        want.forEach((field, value) -> {
            Object old = comparable(have.raw(field));
            boolean same = value instanceof BigDecimal n ? old instanceof BigDecimal o && o.compareTo(n) == 0
                    : java.util.Objects.equals(old, value);
            if (!same) {
                changed.put(field, value);
            }
        });
        return changed;
    }

    private static Object comparable(Object value) {
        if (value instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof Number id) {
            return id.intValue();
        }
        if (value instanceof Number n && !(value instanceof Integer)) {
            return decimal(n);
        }
        return value;
    }

    /** References in the wanted children (names) to ids, one read per referenced model. */
    private static void resolve(OdooClient odoo, Map<String, Reference> references,
            Map<Integer, List<Map<String, Object>>> wanted) {
        references.forEach((field, ref) -> {
            Set<String> names = new HashSet<>();
            wanted.values().forEach(list -> list.forEach(v -> {
                if (v.get(field) != null) {
                    names.add(v.get(field).toString());
                }
            }));
            if (names.isEmpty()) {
                return;
            }
            Map<String, Integer> ids = new HashMap<>();
            odoo.searchRead(ref.model(), Domain.in(ref.lookupField(), List.copyOf(names)), List.of(ref.lookupField()))
                    .forEach(r -> ids.putIfAbsent(r.getString(ref.lookupField()), r.id()));
            wanted.values().forEach(list -> list.forEach(v -> {
                if (v.get(field) != null) {
                    Integer id = ids.get(v.get(field).toString());
                    if (id == null) {
                        throw new IllegalStateException("no " + ref.what() + " '" + v.get(field) + "' in Odoo");
                    }
                    v.put(field, id);
                }
            }));
        });
    }

    /** The BOM's quantity, its lines' quantities and its operations' minutes as Odoo stores them. */
    @Override
    @SuppressWarnings("unchecked")
    Map<String, Object> atStoredPrecision(Map<String, Object> desired, StoredPrecision precision,
            java.util.function.Consumer<Rounded> rounded) {
        super.atStoredPrecision(desired, precision, rounded);
        for (String[] list : List.of(new String[] {LINES, "quantity", "mrp.bom.line", "product_qty"},
                new String[] {OPERATIONS, "minutes", "mrp.routing.workcenter", "time_cycle_manual"})) {
            if (!desired.containsKey(list[0])) {
                continue;
            }
            List<Map<String, Object>> entries = new ArrayList<>();
            for (Map<String, Object> entry : (List<Map<String, Object>>) desired.get(list[0])) {
                Map<String, Object> copy = new LinkedHashMap<>(entry);
                copy.put(list[1], plain(stored(precision, list[2], list[3], list[1],
                        new BigDecimal(entry.get(list[1]).toString()), rounded)));
                entries.add(copy);
            }
            desired.put(list[0], sorted(entries));
        }
        return desired;
    }

    /** Components, their units and work centers must be in Odoo: checked when planned, not found out when applied. */
    @Override
    @SuppressWarnings("unchecked")
    void checkNested(Map<String, Object> desired, java.util.function.Function<Reference, Map<String, Integer>> names) {
        Reference component = new Reference("product.product", "default_code", "component");
        Reference unit = new Reference("uom.uom", "name", "unit of measure");
        Reference workcenter = new Reference("mrp.workcenter", "name", "work center");
        for (Map<String, Object> line : (List<Map<String, Object>>) desired.getOrDefault(LINES, List.of())) {
            require(names.apply(component), line.get("component"), "component", component);
            require(names.apply(unit), line.get("uom"), "uom", unit);
        }
        for (Map<String, Object> operation : (List<Map<String, Object>>) desired.getOrDefault(OPERATIONS, List.of())) {
            require(names.apply(workcenter), operation.get("workcenter"), "workcenter", workcenter);
        }
    }

    private static void require(Map<String, Integer> known, Object name, String column, Reference ref) {
        if (name != null && !known.containsKey(name.toString())) {
            throw new Invalid(column, "'" + name + "': no such " + ref.what() + " in Odoo");
        }
    }

    @Override
    String updateRisk(RiskRules rules, Map<String, List<Object>> changes, OdooRecord now) {
        return rules.forBomUpdate(now);
    }

    /** Canonical order by content, whatever order the keys of each entry come in (jsonb reorders them). */
    private static List<Map<String, Object>> sorted(List<Map<String, Object>> list) {
        list.sort(Comparator.comparing(m -> String.join("|", String.valueOf(m.get("component")),
                String.valueOf(m.get("operation")), String.valueOf(m.get("quantity")), String.valueOf(m.get("uom")),
                String.valueOf(m.get("workcenter")), String.valueOf(m.get("minutes")))));
        return list;
    }

    private static String plain(Object n) {
        return n == null ? "0" : decimal(n instanceof Number x ? x : new BigDecimal(n.toString())).toPlainString();
    }
}
