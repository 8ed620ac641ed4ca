package dev.plantsync.reconciliation;

import java.math.BigDecimal;
import java.util.List;

import org.apache.commons.csv.CSVRecord;

/** The columns of a warehouse stock snapshot line and what makes one unusable. */
final class SnapshotLine {

    static final List<String> COLUMNS = List.of("site", "location", "item", "lot", "quantity", "uom");

    private SnapshotLine() {
    }

    /** Why the line cannot be reconciled, or null when it can. */
    static String validate(CSVRecord record, String site) {
        if (!record.isConsistent()) {
            return "expected " + COLUMNS.size() + "+ fields, found " + record.size();
        }
        if (!site.equalsIgnoreCase(record.get("site"))) {
            return "field site: '" + record.get("site") + "' is not site " + site;
        }
        for (String required : List.of("location", "item", "quantity")) {
            if (record.get(required).isEmpty()) {
                return "field " + required + ": empty";
            }
        }
        try {
            BigDecimal quantity = new BigDecimal(record.get("quantity"));
            if (quantity.signum() < 0) {
                return "field quantity: negative (" + quantity + ")";
            }
        } catch (NumberFormatException e) {
            return "field quantity: '" + record.get("quantity") + "' is not a number";
        }
        return null;
    }
}
