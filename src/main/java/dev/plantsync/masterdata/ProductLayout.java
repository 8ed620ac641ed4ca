package dev.plantsync.masterdata;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.plantsync.odoo.OdooRecord;

/**
 * Products ({@code products*.csv}, documented in {@code jobs/master-data-sync.md}), keyed by default code. The file's
 * type (storable, consumable, service) is Odoo's two fields type and is_storable; the purchase unit exists on Odoo 18
 * only. Cost changes, unit changes and deactivations are checked against stock and open orders.
 */
final class ProductLayout extends EntityLayout {

    static final ProductLayout INSTANCE = new ProductLayout();
    static final String ENTITY = "product";
    static final String MODEL = "product.product";
    static final String KEY = "default_code";
    static final String CATEGORY = "categ_id";
    static final String UNIT = "uom_id";
    static final String PURCHASE_UNIT = "uom_po_id";
    static final String COST = "standard_price";

    private static final List<Column> COLUMNS = List.of(
            Column.text("default_code", KEY, true),
            Column.text("name", "name", true),
            Column.choice("type", "type", "storable", "consumable", "service"),
            Column.of("uom", UNIT, "reference"),
            Column.of("purchase_uom", PURCHASE_UNIT, "reference"),
            Column.of("category", CATEGORY, "reference"),
            Column.of("weight", "weight", "number"),
            Column.text("barcode", "barcode", false),
            Column.of("active", "active", "boolean"),
            Column.choice("tracking", "tracking", "none", "lot", "serial"),
            Column.of("standard_price", COST, "number"));

    private ProductLayout() {
        super(ENTITY, MODEL, "md-products", KEY);
    }

    @Override
    List<Column> columns() {
        return COLUMNS;
    }

    @Override
    Map<String, Reference> references() {
        return Map.of(CATEGORY, new Reference("product.category", "complete_name", "product category"),
                UNIT, new Reference("uom.uom", "name", "unit of measure"),
                PURCHASE_UNIT, new Reference("uom.uom", "name", "unit of measure"));
    }

    @Override
    Set<String> defaulted() {
        return Set.of("active", "type", "is_storable", UNIT, PURCHASE_UNIT, CATEGORY, "tracking");
    }

    @Override
    List<String> odooFields() {
        return List.of(KEY, "name", "type", "is_storable", UNIT, CATEGORY, "weight", "barcode", "active", "tracking",
                COST, "qty_available");
    }

    @Override
    List<String> odooFields(int odooVersion) {
        if (odooVersion >= 19) {
            return odooFields();
        }
        List<String> fields = new java.util.ArrayList<>(odooFields());
        fields.add(PURCHASE_UNIT);
        return fields;
    }

    @Override
    Map<String, Object> desired(Map<String, Object> staged, int odooVersion) {
        Map<String, Object> desired = new LinkedHashMap<>();
        super.desired(staged, odooVersion).forEach((field, value) -> {
            if (field.equals("type")) {
                desired.put("type", "service".equals(value) ? "service" : "consu");
                desired.put("is_storable", "storable".equals(value));
            } else if (!field.equals(PURCHASE_UNIT) || odooVersion < 19) { // Odoo 19 has no purchase unit
                desired.put(field, value);
            }
        });
        return desired;
    }

    @Override
    String updateRisk(RiskRules rules, Map<String, List<Object>> changes, OdooRecord now) {
        return rules.forProductUpdate(changes, now);
    }

    @Override
    String deactivationRisk(RiskRules rules, OdooRecord now, BigDecimal onOrder) {
        return rules.forDeactivation(now, onOrder);
    }
}
