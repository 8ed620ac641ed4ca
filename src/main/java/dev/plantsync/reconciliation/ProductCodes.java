package dev.plantsync.reconciliation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Odoo's products by the code the warehouse knows them by: the id of the product that speaks for each code (the first
 * put) and that product's unit, for a million products in a few arrays ({@link CodeIndex}; a product's unit as a
 * number into the few unit names). Filled by one thread at a time.
 */
final class ProductCodes {

    /** What {@link #forEach} hands over per code. */
    interface Each {
        void accept(String code, int id, String unit);
    }

    private final CodeIndex index = new CodeIndex();
    /** Per entry of {@link #index}: its product's unit, as a number into {@link #unitNames} (0: none). */
    private short[] unitOf = new short[1 << 12];
    private final List<String> unitNames = new ArrayList<>(java.util.Collections.singletonList(null));
    private final Map<String, Short> unitNumbers = new HashMap<>();

    /** The id that speaks for {@code code}: the one put first, or {@code id} itself when the code is new. */
    int putIfAbsent(String code, int id, String unit) {
        int entries = index.size();
        int first = index.putIfAbsent(code, id);
        if (index.size() > entries) {
            if (entries == unitOf.length) {
                unitOf = Arrays.copyOf(unitOf, entries * 2);
            }
            unitOf[entries] = unit == null ? 0 : unitNumbers.computeIfAbsent(unit, u -> {
                unitNames.add(u);
                return (short) (unitNames.size() - 1);
            });
        }
        return first;
    }

    /** The entry of a code, -1 when no product carries it; see {@link #id} and {@link #unit}. */
    int entry(String code) {
        return index.entry(code);
    }

    int id(int entry) {
        return index.id(entry);
    }

    String unit(int entry) {
        return unitNames.get(unitOf[entry]);
    }

    int size() {
        return index.size();
    }

    /** Each code with the product that speaks for it and its unit, in the order the codes were first put. */
    void forEach(Each each) {
        int[] entry = {0};
        index.forEach((code, id) -> each.accept(code, id, unit(entry[0]++)));
    }
}
