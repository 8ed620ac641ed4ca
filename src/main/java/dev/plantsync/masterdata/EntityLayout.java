package dev.plantsync.masterdata;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooRecord;
import org.apache.commons.csv.CSVRecord;

/**
 * One kind of master data as PlantSync syncs it: its file (document type and columns), the Odoo model and the field
 * that is its business key, the references it resolves by name, the fields Odoo defaults, and its own rules. The
 * staging, diff and apply machinery is the same for every kind; a layout says only what differs.
 */
abstract class EntityLayout {

    /** A column of the file and the Odoo field it fills. kind: text, number, boolean, choice, reference. */
    record Column(String header, String field, String kind, Set<String> choices, boolean required) {

        static Column text(String header, String field, boolean required) {
            return new Column(header, field, "text", Set.of(), required);
        }

        static Column of(String header, String field, String kind) {
            return new Column(header, field, kind, Set.of(), false);
        }

        static Column choice(String header, String field, String... choices) {
            return new Column(header, field, "choice", Set.of(choices), false);
        }
    }

    /** A many2one given by name in the file: the model and the field its name is looked up by. */
    record Reference(String model, String lookupField, String what) {
    }

    /** A number of the file with more decimals than Odoo keeps: the column, Odoo's field, its scale, both values. */
    record Rounded(String column, String field, int scale, BigDecimal given, BigDecimal stored) {
    }

    /** A line or value that cannot be used: the column and why. */
    static final class Invalid extends RuntimeException {

        Invalid(String column, String why) {
            super(column + ": " + why);
        }
    }

    private static final Set<String> TRUE = Set.of("1", "true", "yes", "y");
    private static final Set<String> FALSE = Set.of("0", "false", "no", "n");

    final String entity;
    final String model;
    final String documentType;
    final String keyField;

    EntityLayout(String entity, String model, String documentType, String keyField) {
        this.entity = entity;
        this.model = model;
        this.documentType = documentType;
        this.keyField = keyField;
    }

    abstract List<Column> columns();

    /** References by the Odoo field they fill. */
    abstract Map<String, Reference> references();

    /** Fields Odoo gives a default when a new record leaves them out (so a load must not send them empty). */
    abstract Set<String> defaulted();

    /** What is read back from Odoo to diff against: the fields the layout writes, and what its rules need. */
    abstract List<String> odooFields();

    /** The same for one Odoo version, where the models differ (units of measure). */
    List<String> odooFields(int odooVersion) {
        return odooFields();
    }

    /** The name part of PlantSync's external id (module {@code plantsync}) for a key. */
    String externalName(String key) {
        StringBuilder name = new StringBuilder(entity).append('_');
        for (char c : key.toCharArray()) {
            name.append(Character.isLetterOrDigit(c) && c < 128 ? Character.toLowerCase(c)
                    : c == '-' || c == '_' ? '_' : 'x');
        }
        // Keys that differ only in case or punctuation would share a name: the key's hash keeps them apart.
        return name.append('_').append(Integer.toHexString(key.hashCode())).toString();
    }

    /**
     * Header names that are none of this kind's columns, in file order. Reported, not silently ignored: a typo such as
     * {@code standard_cots} would otherwise leave every cost as it is without a word.
     */
    List<String> unknownColumns(java.util.Collection<String> header) {
        Set<String> known = new java.util.HashSet<>();
        columns().forEach(c -> known.add(c.header()));
        return header.stream().filter(h -> h != null && !h.isBlank() && !known.contains(h)).toList();
    }

    /**
     * The column a misspelt header most likely meant, or null: the nearest at most two edits away (case ignored),
     * else the only column sharing its first word ({@code standard_cots} -> {@code standard_price}).
     */
    String closestColumn(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = 3;
        for (Column c : columns()) {
            int d = editDistance(lower, c.header());
            if (d < bestDistance) {
                best = c.header();
                bestDistance = d;
            }
        }
        if (best != null) {
            return best;
        }
        int cut = lower.indexOf('_');
        if (cut < 3) {
            return null;
        }
        String word = lower.substring(0, cut + 1);
        List<String> sharing = columns().stream().map(Column::header).filter(h -> h.startsWith(word)).toList();
        return sharing.size() == 1 ? sharing.get(0) : null;
    }

    // Damerau-Levenshtein (optimal string alignment): "cots" is one transposition from "cost".
    private static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** The header's problem, or null: every required column must be there. */
    String checkHeader(Map<String, Integer> header) {
        List<String> missing = columns().stream().filter(Column::required).map(Column::header)
                .filter(c -> !header.containsKey(c)).toList();
        return missing.isEmpty() ? null : "missing column(s) " + String.join(", ", missing) + " in the header";
    }

    /** A line as values by Odoo field name (references still names), or {@link Invalid} naming the column. */
    Map<String, Object> parse(CSVRecord record) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Column column : columns()) {
            String name = column.header();
            String text = record.isMapped(name) && record.isSet(name) ? record.get(name).strip() : "";
            if (text.isEmpty()) {
                if (column.required()) {
                    throw new Invalid(name, "is required");
                }
                continue;
            }
            values.put(column.field(), switch (column.kind()) {
                case "number" -> number(name, text);
                case "boolean" -> {
                    String lower = text.toLowerCase(Locale.ROOT);
                    if (!TRUE.contains(lower) && !FALSE.contains(lower)) {
                        throw new Invalid(name, "'" + text + "' is not true/false");
                    }
                    yield TRUE.contains(lower);
                }
                case "choice" -> {
                    String lower = text.toLowerCase(Locale.ROOT);
                    if (!column.choices().contains(lower)) {
                        throw new Invalid(name, "'" + text + "' is not one of "
                                + String.join(", ", column.choices().stream().sorted().toList()));
                    }
                    yield lower;
                }
                default -> text;
            });
        }
        if (key(values).length() > 200) {
            throw new Invalid(keyColumn(), "is longer than 200 characters");
        }
        return values;
    }

    /** Whether one record spans consecutive rows with the same key (a BOM and its lines). */
    boolean groupsRows() {
        return false;
    }

    /** A record's values with one more of its rows added (only for layouts that group rows). */
    Map<String, Object> merge(Map<String, Object> record, Map<String, Object> row) {
        throw new UnsupportedOperationException(entity + " records are one row each");
    }

    /** The business key of a parsed line. */
    String key(Map<String, Object> values) {
        return values.get(keyField).toString();
    }

    /**
     * Odoo's current records for these keys, archived ones too, by key; of two sharing a key, the older one. One read
     * by the key field unless the layout's key is made of several fields.
     */
    Map<String, OdooRecord> current(OdooClient odoo, Set<String> keys) {
        Map<String, OdooRecord> byKey = new java.util.HashMap<>();
        List<OdooRecord> records = odoo.searchRead(model, Domain.in(keyField, List.copyOf(keys)),
                odooFields(odoo.majorVersion()), "id", null, null, Map.of("active_test", false));
        for (OdooRecord r : withVirtualFields(odoo, records)) {
            byKey.putIfAbsent(r.getString(keyField), r);
        }
        return byKey;
    }

    String keyColumn() {
        return columns().stream().filter(c -> c.field().equals(keyField)).findFirst().orElseThrow().header();
    }

    /**
     * The values to write, from a staged line: layouts turn file values into Odoo's shape (a product type into two
     * fields); references are resolved by the planner afterwards.
     */
    Map<String, Object> desired(Map<String, Object> staged, int odooVersion) {
        Map<String, Object> desired = new LinkedHashMap<>();
        staged.forEach((field, value) -> desired.put(field, value instanceof Number n ? decimal(n) : value));
        return desired;
    }

    /**
     * The desired values as Odoo stores them: each number at its field's decimal precision, rounded half-up as Odoo
     * rounds on write; a number that loses decimals is told to {@code rounded}. Layouts with lists (a BOM's lines)
     * round their entries too.
     */
    Map<String, Object> atStoredPrecision(Map<String, Object> desired, StoredPrecision precision,
            java.util.function.Consumer<Rounded> rounded) {
        desired.replaceAll((field, value) -> value instanceof BigDecimal n && !references().containsKey(field)
                ? stored(precision, model, field, header(field), n, rounded) : value);
        return desired;
    }

    /** One number as Odoo stores it in {@code model.field}, reporting it when decimals are lost. */
    static BigDecimal stored(StoredPrecision precision, String model, String field, String column, BigDecimal value,
            java.util.function.Consumer<Rounded> rounded) {
        BigDecimal stored = precision.stored(model, field, value);
        if (stored.compareTo(value) != 0) {
            rounded.accept(new Rounded(column, model + "." + field, precision.scale(model, field), value, stored));
        }
        return stored;
    }

    /** The file's column of an Odoo field (the field's name where no column fills it directly). */
    String header(String field) {
        return columns().stream().filter(c -> c.field().equals(field)).map(Column::header).findFirst().orElse(field);
    }

    /**
     * The order records are planned and loaded in: a record that refers to another of its kind (a category's parent,
     * a unit's reference unit) comes after it. {@code values} are the staged line's or the planned change's.
     */
    int depth(String key, Map<String, Object> values) {
        return 0;
    }

    /** Values the file carries that are records of their own in Odoo (a vendor's bank account): not loaded or written. */
    Set<String> virtualFields() {
        return Set.of();
    }

    /** The current records with the virtual fields' values added, read in as few calls as possible. */
    List<OdooRecord> withVirtualFields(OdooClient odoo, List<OdooRecord> current) {
        return current;
    }

    /** Writes the virtual fields' values of a chunk's applied records (Odoo id to all values of the change). */
    void applyVirtualFields(OdooClient odoo, Map<Integer, Map<String, Object>> valuesById) {
    }

    /**
     * The staged field that names another record of the same kind by key (a unit's reference unit), when the order
     * cannot be read off the key: the planner then orders the run's records by how deep their chain is.
     */
    String selfReference() {
        return null;
    }

    /** References inside a record's lists (a BOM's components): each must be in Odoo, or {@link Invalid}. */
    void checkNested(Map<String, Object> desired, java.util.function.Function<Reference, Map<String, Integer>> names) {
    }

    /** Why an update must wait for an approver, or null. */
    String updateRisk(RiskRules rules, Map<String, List<Object>> changes, OdooRecord now) {
        return null;
    }

    /** Why deactivating must wait for an approver, or null. */
    String deactivationRisk(RiskRules rules, OdooRecord now, BigDecimal onOrder) {
        return null;
    }

    /** A text field of these records, by id, in one read (archived ones too); none for no ids. */
    static Map<Integer, String> textOf(OdooClient odoo, String model, String field, List<Integer> ids) {
        Map<Integer, String> values = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            odoo.read(model, ids, List.of(field), Map.of("active_test", false))
                    .forEach(r -> values.put(r.id(), r.getString(field)));
        }
        return values;
    }

    static Object number(String column, String text) {
        try {
            BigDecimal n = new BigDecimal(text);
            if (n.signum() < 0) {
                throw new Invalid(column, "'" + text + "' must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Invalid(column, "'" + text + "' is not a number");
        }
    }

    static BigDecimal decimal(Number n) {
        return n instanceof BigDecimal b ? b.stripTrailingZeros() : new BigDecimal(n.toString()).stripTrailingZeros();
    }
}
