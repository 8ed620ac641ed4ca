package dev.plantsync.masterdata;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Master data that forms a tree and is keyed by its full name as Odoo shows it (a category "All / Raw / Steel", a
 * location "WH/Stock/Shelf 3"): the last part is the record's name, the rest names its parent, which must be in
 * Odoo or come earlier in the run. Parents are planned and loaded before their children whatever the file order.
 */
abstract class TreeLayout extends EntityLayout {

    private final String separator;
    private final String parentField;

    TreeLayout(String entity, String model, String documentType, String separator, String parentField) {
        super(entity, model, documentType, "complete_name");
        this.separator = separator;
        this.parentField = parentField;
    }

    @Override
    Map<String, Reference> references() {
        return Map.of(parentField, new Reference(model, "complete_name", "parent " + entity));
    }

    @Override
    Map<String, Object> desired(Map<String, Object> staged, int odooVersion) {
        Map<String, Object> desired = new LinkedHashMap<>();
        String full = staged.get("complete_name").toString().strip();
        int cut = full.lastIndexOf(separator);
        desired.put("name", cut < 0 ? full : full.substring(cut + separator.length()));
        if (cut >= 0) {
            desired.put(parentField, full.substring(0, cut));
        }
        super.desired(staged, odooVersion).forEach((field, value) -> {
            if (!field.equals("complete_name")) {
                desired.put(field, value);
            }
        });
        return desired;
    }

    @Override
    int depth(String key, Map<String, Object> values) {
        return key.split(java.util.regex.Pattern.quote(separator), -1).length;
    }
}
