package dev.plantsync.reconciliation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Odoo's products by the code the warehouse knows them by: the id of the product that speaks for each code (the
 * lowest put), and that product's unit, category and cost, for a million products in a few arrays ({@link CodeIndex};
 * unit and category as numbers into the few names there are). Filled by the readers of several id ranges at once,
 * then only read.
 */
final class ProductCodes {

    /** What {@link #forEachOf} hands over per code. */
    interface Each {
        void accept(String code, int id, String unit, String category, double cost);
    }

    private final CodeIndex index = new CodeIndex();
    /** Per entry of {@link #index}: its product's unit and category as numbers into {@link #names} (0: none). */
    private char[] units = new char[1 << 12];
    private char[] categories = new char[1 << 12];
    private double[] costs = new double[1 << 12];
    private final List<String> names = new ArrayList<>(Collections.singletonList(null));
    private final Map<String, Character> numbers = new HashMap<>();
    /** Products that spoke for a code until a lower id came, with the id that came (see {@link #displaced}). */
    private final Map<Integer, Integer> displacedBy = new HashMap<>();

    /**
     * The id that speaks for {@code code}: the lowest put so far, {@code id} itself when the code is new or when
     * {@code id} is lower than the one that spoke for it (a reader of a higher id range got there first: it is then
     * {@link #displaced}). Synchronized: each reader puts as its pages come, so that no merge of the readers' codes
     * waits after the last page.
     */
    synchronized int putLowest(String code, int id, String unit, String category, double cost) {
        int entries = index.size();
        int first = index.putIfAbsent(code, id);
        if (index.size() > entries) {
            if (entries == units.length) {
                units = Arrays.copyOf(units, entries * 2);
                categories = Arrays.copyOf(categories, entries * 2);
                costs = Arrays.copyOf(costs, entries * 2);
            }
            describe(entries, unit, category, cost);
            return id;
        }
        if (first <= id) {
            return first;
        }
        int entry = index.entry(code);
        index.setId(entry, id);
        describe(entry, unit, category, cost);
        displacedBy.put(first, id);
        return id;
    }

    private void describe(int entry, String unit, String category, double cost) {
        units[entry] = number(unit);
        categories[entry] = number(category);
        costs[entry] = cost;
    }

    /**
     * Each product that spoke for a code before a lower id of the same code was put, with the id that speaks for the
     * code in the end: what it and the variants put as its aliases meanwhile are now aliases of.
     */
    synchronized Map<Integer, Integer> displaced() {
        Map<Integer, Integer> last = new HashMap<>();
        displacedBy.forEach((id, by) -> {
            int speaker = by;
            while (displacedBy.containsKey(speaker)) {
                speaker = displacedBy.get(speaker);
            }
            last.put(id, speaker);
        });
        return last;
    }

    private char number(String name) {
        if (name == null) {
            return 0;
        }
        return numbers.computeIfAbsent(name, n -> {
            if (names.size() > Character.MAX_VALUE) {
                throw new IllegalStateException("more than " + (int) Character.MAX_VALUE + " units and categories");
            }
            names.add(n);
            return (char) (names.size() - 1);
        });
    }

    /** The entry of a code, -1 when no product carries it; see {@link #id} and {@link #unit}. */
    int entry(String code) {
        return index.entry(code);
    }

    int id(int entry) {
        return index.id(entry);
    }

    String unit(int entry) {
        return names.get(units[entry]);
    }

    int size() {
        return index.size();
    }

    /**
     * Each code with the product that speaks for it, for the products of the given ids only (a few among a million: no
     * String for the rest).
     */
    void forEachOf(int[] sortedIds, Each each) {
        for (int entry = 0; entry < index.size(); entry++) {
            if (Arrays.binarySearch(sortedIds, index.id(entry)) >= 0) {
                each.accept(index.code(entry), index.id(entry), names.get(units[entry]), names.get(categories[entry]),
                        costs[entry]);
            }
        }
    }
}
