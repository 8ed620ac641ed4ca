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
 * its lines and operations are compared as a whole, in component and operation order, and replaced together when they
 * differ (one create and one unlink per chunk for all BOMs). A change to a BOM with open manufacturing orders waits
 * for an approver.
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
     * Lines and operations of the chunk's BOMs that changed: the old ones unlinked, the new ones created, each in one
     * call for the chunk; components, units and work centers looked up by code or name in one read each.
     */
    @Override
    @SuppressWarnings("unchecked")
    void applyVirtualFields(OdooClient odoo, Map<Integer, Map<String, Object>> valuesById) {
        Map<Integer, List<Map<String, Object>>> lines = new HashMap<>();
        Map<Integer, List<Map<String, Object>>> operations = new HashMap<>();
        valuesById.forEach((bom, values) -> {
            if (values.containsKey(LINES)) {
                lines.put(bom, (List<Map<String, Object>>) values.get(LINES));
            }
            if (values.containsKey(OPERATIONS)) {
                operations.put(bom, (List<Map<String, Object>>) values.get(OPERATIONS));
            }
        });
        replace(odoo, "mrp.bom.line", lines, line -> {
            Map<String, Object> vals = new LinkedHashMap<>();
            vals.put("product_id", line.get("component"));
            vals.put("product_qty", new BigDecimal(line.get("quantity").toString()));
            if (line.get("uom") != null) {
                vals.put("product_uom_id", line.get("uom"));
            }
            return vals;
        }, Map.of("product_id", new Reference("product.product", "default_code", "component"),
                "product_uom_id", new Reference("uom.uom", "name", "unit of measure")));
        replace(odoo, "mrp.routing.workcenter", operations, operation -> {
            Map<String, Object> vals = new LinkedHashMap<>();
            vals.put("name", operation.get("operation"));
            vals.put("workcenter_id", operation.get("workcenter"));
            vals.put("time_cycle_manual", new BigDecimal(operation.get("minutes").toString()));
            vals.put("time_mode", "manual");
            return vals;
        }, Map.of("workcenter_id", new Reference("mrp.workcenter", "name", "work center")));
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

    /** Unlinks the children of the changed BOMs and creates the new ones, names resolved to ids. */
    private static void replace(OdooClient odoo, String model, Map<Integer, List<Map<String, Object>>> byBom,
            java.util.function.Function<Map<String, Object>, Map<String, Object>> vals,
            Map<String, Reference> references) {
        if (byBom.isEmpty()) {
            return;
        }
        List<Integer> old = odoo.searchRead(model, Domain.in("bom_id", List.copyOf(byBom.keySet())), List.of("id"))
                .stream().map(OdooRecord::id).toList();
        List<Map<String, Object>> create = new ArrayList<>();
        Map<String, Set<String>> names = new HashMap<>();
        byBom.forEach((bom, children) -> children.forEach(child -> {
            Map<String, Object> v = vals.apply(child);
            v.put("bom_id", bom);
            references.forEach((field, ref) -> {
                if (v.get(field) != null) {
                    names.computeIfAbsent(field, f -> new HashSet<>()).add(v.get(field).toString());
                }
            });
            create.add(v);
        }));
        Map<String, Map<String, Integer>> ids = new HashMap<>();
        references.forEach((field, ref) -> {
            Map<String, Integer> byName = new HashMap<>();
            if (names.containsKey(field)) {
                odoo.searchRead(ref.model(), Domain.in(ref.lookupField(), List.copyOf(names.get(field))),
                        List.of(ref.lookupField())).forEach(r -> byName.putIfAbsent(r.getString(ref.lookupField()),
                                r.id()));
            }
            ids.put(field, byName);
        });
        for (Map<String, Object> v : create) {
            references.forEach((field, ref) -> {
                if (v.get(field) != null) {
                    Integer id = ids.get(field).get(v.get(field).toString());
                    if (id == null) {
                        throw new IllegalStateException("no " + ref.what() + " '" + v.get(field) + "' in Odoo");
                    }
                    v.put(field, id);
                }
            });
        }
        if (!old.isEmpty()) {
            odoo.unlink(model, old, Map.of());
        }
        if (!create.isEmpty()) {
            odoo.create(model, create, Map.of());
        }
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
