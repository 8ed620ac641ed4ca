package dev.plantsync.odoo.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A model's records by id, in id order. Tells the journal of every insert, replace and removal (and, through
 * {@link SimRecord}, every field change), and keeps indexes of the fields business code looks records up by
 * ({@link #where}): a manufacturing call among thousands of orders reads an order's moves without scanning them all.
 * Changes happen under the database's write lock, lookups under its read lock; an index is built on first use.
 */
final class SimTable extends TreeMap<Integer, Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    final transient String model;
    private final transient SimJournal journal;
    /** field -> value -> ids of the records holding that value, in id order. */
    private final transient Map<String, Map<Object, TreeSet<Integer>>> indexes = new ConcurrentHashMap<>();

    SimTable(String model, SimJournal journal) {
        this.model = model;
        this.journal = journal;
    }

    /** A new, empty record of this model, not yet in the table. */
    SimRecord newRecord() {
        return new SimRecord(this);
    }

    @Override
    public Map<String, Object> put(Integer id, Map<String, Object> record) {
        if (!(record instanceof SimRecord r) || r.table() != this) {
            throw new IllegalArgumentException("a " + model + " record must be made by its table (newRecord)");
        }
        Map<String, Object> before = super.put(id, record);
        journal.stored(this, id, before);
        if (before != null) {
            unindex(id, before);
        }
        index(id, record);
        return before;
    }

    @Override
    public void putAll(Map<? extends Integer, ? extends Map<String, Object>> records) {
        records.forEach(this::put);
    }

    @Override
    public Map<String, Object> remove(Object id) {
        Map<String, Object> before = super.remove(id);
        if (before != null) {
            journal.stored(this, (Integer) id, before);
            unindex((Integer) id, before);
        }
        return before;
    }

    @Override
    public void clear() {
        new ArrayList<>(keySet()).forEach(this::remove);
    }

    /** Puts a record back as the journal kept it (null: it did not exist), without journaling. */
    void restore(Integer id, Map<String, Object> before) {
        Map<String, Object> now = before == null ? super.remove(id) : super.put(id, before);
        if (now != null) {
            unindex(id, now);
        }
        if (before != null) {
            index(id, before);
        }
    }

    /** Records whose {@code field} equals {@code value} ({@link Objects#equals}), in id order. */
    List<Map<String, Object>> where(String field, Object value) {
        TreeSet<Integer> ids = indexes.computeIfAbsent(field, this::build).get(value);
        if (ids == null) {
            return List.of();
        }
        List<Map<String, Object>> records = new ArrayList<>(ids.size());
        ids.forEach(id -> records.add(get(id)));
        return Collections.unmodifiableList(records);
    }

    /** Called by a record of this table before a field changes. */
    void changing(SimRecord record, String field, Object value) {
        Object id = record.get("id");
        if (!(id instanceof Integer key) || super.get(key) != record) {
            return; // not (yet) in the table: being made, or a journal's copy
        }
        journal.changing(this, key, record);
        Map<Object, TreeSet<Integer>> index = indexes.get(field);
        Object before = record.get(field);
        if (index != null && !Objects.equals(before, value)) {
            remove(index, before, key);
            index.computeIfAbsent(value, v -> new TreeSet<>()).add(key);
        }
    }

    private Map<Object, TreeSet<Integer>> build(String field) {
        Map<Object, TreeSet<Integer>> index = new HashMap<>();
        forEach((id, r) -> index.computeIfAbsent(r.get(field), v -> new TreeSet<>()).add(id));
        return index;
    }

    private void index(Integer id, Map<String, Object> record) {
        indexes.forEach((field, index) -> index.computeIfAbsent(record.get(field), v -> new TreeSet<>()).add(id));
    }

    private void unindex(Integer id, Map<String, Object> record) {
        indexes.forEach((field, index) -> remove(index, record.get(field), id));
    }

    private static void remove(Map<Object, TreeSet<Integer>> index, Object value, Integer id) {
        TreeSet<Integer> ids = index.get(value);
        if (ids != null) {
            ids.remove(id);
            if (ids.isEmpty()) {
                index.remove(value);
            }
        }
    }
}
