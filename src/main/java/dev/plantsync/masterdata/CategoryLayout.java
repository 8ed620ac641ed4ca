package dev.plantsync.masterdata;

import java.util.List;
import java.util.Set;

/** Product categories ({@code categories*.csv}) by full name ("All / Raw / Steel"), with their costing method. */
final class CategoryLayout extends TreeLayout {

    static final CategoryLayout INSTANCE = new CategoryLayout();

    private static final List<Column> COLUMNS = List.of(
            Column.text("category", "complete_name", true),
            Column.choice("cost_method", "property_cost_method", "standard", "fifo", "average"));

    private CategoryLayout() {
        super("category", "product.category", "md-categories", " / ", "parent_id");
    }

    @Override
    List<Column> columns() {
        return COLUMNS;
    }

    @Override
    Set<String> defaulted() {
        return Set.of("parent_id", "property_cost_method");
    }

    @Override
    List<String> odooFields() {
        return List.of("complete_name", "name", "parent_id", "property_cost_method");
    }
}
