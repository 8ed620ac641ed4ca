package dev.plantsync.masterdata;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Units of measure ({@code units*.csv}) by name, with their ratio to a reference unit: how many reference units make
 * one of this unit (a dozen: 12 Units). Odoo models this differently by version: 18 groups units in categories with
 * one reference unit each and stores a type (reference, bigger, smaller) and a factor (reference units per... inverted:
 * 1 / ratio); 19 has no categories and stores the ratio and the reference unit itself ({@code relative_factor},
 * {@code relative_uom_id}). A reference unit new in the same run is created first.
 */
final class UnitLayout extends EntityLayout {

    static final UnitLayout INSTANCE = new UnitLayout();
    private static final String REFERENCE = "relative_uom_id";

    private static final List<Column> COLUMNS = List.of(
            Column.text("name", "name", true),
            Column.of("category", "category_id", "reference"),
            Column.of("reference", REFERENCE, "reference"),
            Column.of("ratio", "ratio", "number"),
            Column.of("rounding", "rounding", "number"),
            Column.of("active", "active", "boolean"));

    private UnitLayout() {
        super("unit", "uom.uom", "md-units", "name");
    }

    @Override
    List<Column> columns() {
        return COLUMNS;
    }

    @Override
    Map<String, Reference> references() {
        return Map.of("category_id", new Reference("uom.category", "name", "unit category"),
                REFERENCE, new Reference("uom.uom", "name", "reference unit"));
    }

    @Override
    Set<String> defaulted() {
        return Set.of("active", "rounding", "category_id", REFERENCE, "uom_type");
    }

    @Override
    List<String> odooFields() {
        // Both versions' fields; search_read of a field the version lacks fails, so the list is chosen per call.
        return List.of("name", "active");
    }

    @Override
    List<String> odooFields(int odooVersion) {
        return odooVersion >= 19 ? List.of("name", "active", "relative_factor", REFERENCE)
                : List.of("name", "active", "category_id", "uom_type", "factor", "rounding");
    }

    @Override
    Map<String, Object> desired(Map<String, Object> staged, int odooVersion) {
        Map<String, Object> values = super.desired(staged, odooVersion);
        BigDecimal ratio = values.containsKey("ratio") ? (BigDecimal) values.remove("ratio") : BigDecimal.ONE;
        if (ratio.signum() == 0) {
            throw new Invalid("ratio", "must not be 0");
        }
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put("name", values.get("name"));
        if (values.containsKey("active")) {
            desired.put("active", values.get("active"));
        }
        if (odooVersion >= 19) {
            desired.put("relative_factor", ratio);
            if (values.containsKey(REFERENCE)) {
                desired.put(REFERENCE, values.get(REFERENCE));
            }
        } else {
            if (!values.containsKey("category_id")) {
                throw new Invalid("category", "is required on Odoo 18 (units belong to a category there)");
            }
            desired.put("category_id", values.get("category_id"));
            desired.put("uom_type", !values.containsKey(REFERENCE) ? "reference"
                    : ratio.compareTo(BigDecimal.ONE) >= 0 ? "bigger" : "smaller");
            desired.put("factor", BigDecimal.ONE.divide(ratio, MathContext.DECIMAL64).stripTrailingZeros());
            if (values.containsKey("rounding")) {
                desired.put("rounding", values.get("rounding"));
            }
        }
        return desired;
    }

    @Override
    String selfReference() {
        return REFERENCE;
    }
}
