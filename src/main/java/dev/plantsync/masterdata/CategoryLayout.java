package dev.plantsync.masterdata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Product categories ({@code categories*.csv}), keyed by their full name as Odoo shows it ("All / Raw / Steel"): the
 * last part is the name, the rest names the parent, which must exist in Odoo or come earlier in the run (parents are
 * planned and loaded before their children). Costing and valuation method are the category's in Odoo.
 */
final class CategoryLayout extends EntityLayout {

    static final CategoryLayout INSTANCE = new CategoryLayout();
    static final String SEPARATOR = " / ";

    private static final List<Column> COLUMNS = List.of(
            Column.text("category", "complete_name", true),
            Column.choice("cost_method", "property_cost_method", "standard", "fifo", "average"));

    private CategoryLayout() {
        super("category", "product.category", "md-categories", "complete_name");
    }

    @Override
    List<Column> columns() {
        return COLUMNS;
    }

    @Override
    Map<String, Reference> references() {
        return Map.of("parent_id", new Reference("product.category", "complete_name", "parent category"));
    }

    @Override
    Set<String> defaulted() {
        return Set.of("parent_id", "property_cost_method");
    }

    @Override
    List<String> odooFields() {
        return List.of("complete_name", "name", "parent_id", "property_cost_method");
    }

    @Override
    Map<String, Object> desired(Map<String, Object> staged, int odooVersion) {
        Map<String, Object> desired = new LinkedHashMap<>();
        String full = staged.get("complete_name").toString().strip();
        int cut = full.lastIndexOf(SEPARATOR);
        desired.put("name", cut < 0 ? full : full.substring(cut + SEPARATOR.length()));
        if (cut >= 0) {
            desired.put("parent_id", full.substring(0, cut));
        }
        if (staged.containsKey("property_cost_method")) {
            desired.put("property_cost_method", staged.get("property_cost_method"));
        }
        return desired;
    }

    @Override
    int depth(String key) {
        return key.split(SEPARATOR, -1).length;
    }
}
