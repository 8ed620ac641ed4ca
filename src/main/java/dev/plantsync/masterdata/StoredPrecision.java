package dev.plantsync.masterdata;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.OdooClient;

/**
 * How many decimals Odoo keeps of each float field, as Odoo itself says ({@code fields_get} {@code digits}: the
 * field's decimal precision, e.g. a product's weight 'Stock Weight', a BOM line's quantity 'Product Unit of Measure'
 * on 18 and 'Product Unit' on 19, both 2 decimals on the stock install). One {@code fields_get} per model, the first
 * time a run's plan needs it. Odoo rounds a written value half-up to that scale ({@code fields.Float.convert_to_column}
 * with {@code float_round}), so a file's 5.245 is stored as 5.25: comparing the file's value as stored is what keeps a
 * re-run of identical data from planning an update every night.
 */
final class StoredPrecision {

    private final OdooClient odoo;
    private final Map<String, Map<String, Integer>> scales = new HashMap<>();

    StoredPrecision(OdooClient odoo) {
        this.odoo = odoo;
    }

    /** The decimals Odoo keeps of this field, or null where it reports none (a plain double: kept as given). */
    Integer scale(String model, String field) {
        return scales.computeIfAbsent(model, this::read).get(field);
    }

    /** The value as Odoo stores it in this field: half-up to its scale, trailing zeros dropped. */
    BigDecimal stored(String model, String field, BigDecimal value) {
        Integer scale = scale(model, field);
        return scale == null || value.scale() <= scale ? value
                : value.setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private Map<String, Integer> read(String model) {
        Map<String, Integer> byField = new HashMap<>();
        odoo.fieldsGet(model, List.of("digits")).forEach((field, description) -> {
            if (description.get("digits") instanceof List<?> digits && digits.size() == 2
                    && digits.get(1) instanceof Number scale) {
                byField.put(field, scale.intValue());
            }
        });
        return byField;
    }
}
