package dev.plantsync.reconciliation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;

/**
 * The columns of a warehouse stock snapshot, where a file's header put them, and what makes a line unusable. Fields
 * are read by position: a million lines by column name cost a map lookup per field.
 */
record SnapshotLine(int site, int location, int item, int lot, int quantity, int uom) {

    static final List<String> COLUMNS = List.of("site", "location", "item", "lot", "quantity", "uom");

    /** The most a quantity can be staged at: whole millionths in a BIGINT (see {@link Millionths}). */
    static final BigDecimal LARGEST = BigDecimal.valueOf(Long.MAX_VALUE, 6);

    /** The verdict on one line: usable, with its quantity read once, or why not. */
    sealed interface Check permits Usable, Unusable {
    }

    record Usable(BigDecimal quantity) implements Check {
    }

    record Unusable(String why) implements Check {
    }

    /** Where the header puts each column; a missing column makes the file no snapshot at all. */
    static SnapshotLine of(Map<String, Integer> header) {
        int[] at = new int[COLUMNS.size()];
        for (int i = 0; i < at.length; i++) {
            Integer position = header.get(COLUMNS.get(i));
            if (position == null) {
                throw new IllegalArgumentException("missing column '" + COLUMNS.get(i) + "' in the header");
            }
            at[i] = position;
        }
        return new SnapshotLine(at[0], at[1], at[2], at[3], at[4], at[5]);
    }

    Check check(CSVRecord record, String siteOfRun) {
        if (!record.isConsistent()) {
            return new Unusable("expected " + COLUMNS.size() + "+ fields, found " + record.size());
        }
        if (!siteOfRun.equalsIgnoreCase(record.get(site))) {
            return new Unusable("field site: '" + record.get(site) + "' is not site " + siteOfRun);
        }
        if (record.get(location).isEmpty()) {
            return new Unusable("field location: empty");
        }
        if (record.get(item).isEmpty()) {
            return new Unusable("field item: empty");
        }
        String text = record.get(quantity);
        if (text.isEmpty()) {
            return new Unusable("field quantity: empty");
        }
        try {
            BigDecimal value = new BigDecimal(text);
            if (value.signum() < 0) {
                return new Unusable("field quantity: negative (" + value + ")");
            }
            return value.compareTo(LARGEST) > 0 ? new Unusable("field quantity: " + text + " is larger than "
                    + LARGEST.toPlainString() + ", the most a quantity is compared at") : new Usable(value);
        } catch (NumberFormatException e) {
            return new Unusable("field quantity: '" + text + "' is not a number");
        }
    }
}
