package dev.plantsync.masterdata;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVRecord;

/**
 * The product file ({@code products*.csv}, documented in {@code jobs/master-data-sync.md}): its columns, the Odoo
 * field each fills, and the check each value must pass. A line becomes the product's values by Odoo field name;
 * references (category, units) stay names here and are resolved against Odoo when the change is planned.
 */
final class ProductLayout {

    static final String ENTITY = "product";
    static final String MODEL = "product.product";
    static final String KEY = "default_code";
    static final String CATEGORY = "categ_id";
    static final String UNIT = "uom_id";
    static final String PURCHASE_UNIT = "uom_po_id";
    static final String COST = "standard_price";

    /** Column, Odoo field, kind. Only default_code and name are required; an empty optional column is not written. */
    private static final List<String[]> COLUMNS = List.of(
            new String[] {"default_code", KEY, "text"},
            new String[] {"name", "name", "text"},
            new String[] {"type", "type", "type"},
            new String[] {"uom", UNIT, "reference"},
            new String[] {"purchase_uom", PURCHASE_UNIT, "reference"},
            new String[] {"category", CATEGORY, "reference"},
            new String[] {"weight", "weight", "number"},
            new String[] {"barcode", "barcode", "text"},
            new String[] {"active", "active", "boolean"},
            new String[] {"tracking", "tracking", "tracking"},
            new String[] {"standard_price", COST, "number"});

    static final List<String> REQUIRED = List.of("default_code", "name");

    /** Fields Odoo gives a default when a new product leaves them out (so a load must not send them empty). */
    static final Set<String> DEFAULTED = Set.of("active", "type", "is_storable", UNIT, PURCHASE_UNIT, CATEGORY,
            "tracking");

    /** The product fields PlantSync reads back from Odoo to diff against (references as ids). */
    static final List<String> ODOO_FIELDS = List.of(KEY, "name", "type", "is_storable", UNIT, CATEGORY, "weight",
            "barcode", "active", "tracking", COST, "qty_available");

    private static final Set<String> TYPES = Set.of("storable", "consumable", "service");
    private static final Set<String> TRACKING = Set.of("none", "lot", "serial");
    private static final Set<String> TRUE = Set.of("1", "true", "yes", "y");
    private static final Set<String> FALSE = Set.of("0", "false", "no", "n");

    private ProductLayout() {
    }

    /** The header's problem, or null: every required column must be there. */
    static String checkHeader(Map<String, Integer> header) {
        List<String> missing = REQUIRED.stream().filter(c -> !header.containsKey(c)).toList();
        return missing.isEmpty() ? null : "missing column(s) " + String.join(", ", missing) + " in the header";
    }

    /** A line as values by Odoo field name, or {@link Invalid} naming the column and why. */
    static Map<String, Object> parse(CSVRecord record) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String[] column : COLUMNS) {
            String name = column[0];
            String text = record.isMapped(name) && record.isSet(name) ? record.get(name).strip() : "";
            if (text.isEmpty()) {
                if (REQUIRED.contains(name)) {
                    throw new Invalid(name, "is required");
                }
                continue;
            }
            switch (column[2]) {
                case "number" -> {
                    try {
                        BigDecimal n = new BigDecimal(text);
                        if (n.signum() < 0) {
                            throw new Invalid(name, "'" + text + "' must not be negative");
                        }
                        values.put(column[1], n);
                    } catch (NumberFormatException e) {
                        throw new Invalid(name, "'" + text + "' is not a number");
                    }
                }
                case "boolean" -> {
                    String lower = text.toLowerCase(java.util.Locale.ROOT);
                    if (!TRUE.contains(lower) && !FALSE.contains(lower)) {
                        throw new Invalid(name, "'" + text + "' is not true/false");
                    }
                    values.put(column[1], TRUE.contains(lower));
                }
                case "type" -> values.put(column[1], oneOf(name, text, TYPES));
                case "tracking" -> values.put(column[1], oneOf(name, text, TRACKING));
                default -> values.put(column[1], text);
            }
        }
        if (values.get(KEY).toString().length() > 120) {
            throw new Invalid("default_code", "is longer than 120 characters");
        }
        return values;
    }

    private static String oneOf(String column, String text, Set<String> allowed) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (!allowed.contains(lower)) {
            throw new Invalid(column, "'" + text + "' is not one of " + String.join(", ", allowed.stream().sorted()
                    .toList()));
        }
        return lower;
    }

    /** The external id PlantSync gives a product it owns: module plantsync, name from the default code. */
    static String externalName(String defaultCode) {
        StringBuilder name = new StringBuilder("product_");
        for (char c : defaultCode.toCharArray()) {
            name.append(Character.isLetterOrDigit(c) && c < 128 ? Character.toLowerCase(c)
                    : c == '-' || c == '_' ? '_' : 'x');
        }
        // Codes that differ only in case or punctuation would share a name: the code's hash keeps them apart.
        return name.append('_').append(Integer.toHexString(defaultCode.hashCode())).toString();
    }

    /** A line that cannot be used: the column and why. */
    static final class Invalid extends RuntimeException {

        final String column;

        Invalid(String column, String why) {
            super(column + ": " + why);
            this.column = column;
        }
    }
}
