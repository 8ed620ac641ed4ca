package dev.plantsync.masterdata;

import java.util.List;
import java.util.Set;

/**
 * Stock locations ({@code locations*.csv}) by full name ("WH/Stock/Shelf 3"), with their type (internal, view, ...)
 * and barcode. Deactivating one that still holds stock is for Odoo to refuse; PlantSync reports its answer.
 */
final class LocationLayout extends TreeLayout {

    static final LocationLayout INSTANCE = new LocationLayout();

    private static final List<Column> COLUMNS = List.of(
            Column.text("location", "complete_name", true),
            Column.choice("usage", "usage", "internal", "view", "supplier", "customer", "inventory", "production",
                    "transit"),
            Column.text("barcode", "barcode", false),
            Column.of("active", "active", "boolean"));

    private LocationLayout() {
        super("location", "stock.location", "md-locations", "/", "location_id");
    }

    @Override
    List<Column> columns() {
        return COLUMNS;
    }

    @Override
    Set<String> defaulted() {
        return Set.of("location_id", "usage", "active");
    }

    @Override
    List<String> odooFields() {
        return List.of("complete_name", "name", "location_id", "usage", "barcode", "active");
    }
}
