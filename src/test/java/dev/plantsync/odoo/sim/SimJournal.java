package dev.plantsync.odoo.sim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a business method changed, so a failure can put it back as PostgreSQL rolls a call back: the first state of
 * each record it touched (or that it did not exist), kept when the record first changes. Only what a call changes is
 * copied, not the tables it might change. Savepoints nest: an inner failure puts back only the inner changes. Used
 * under the database's write lock only.
 */
final class SimJournal {

    /** A record of a table, the table by identity (a table's own equals compares its whole content). */
    private record Key(SimTable table, Integer id) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.table == table && k.id.equals(id);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(table) * 31 + id;
        }
    }

    /** Stands for "the record was not there" (a map cannot hold null as a value it tells apart from none). */
    private static final Map<String, Object> ABSENT = Map.of();

    private final Deque<Map<Key, Map<String, Object>>> savepoints = new ArrayDeque<>();

    void begin() {
        savepoints.push(new LinkedHashMap<>());
    }

    /** Keeps the changes: an outer savepoint takes what it did not know of yet. */
    void commit() {
        Map<Key, Map<String, Object>> inner = savepoints.pop();
        Map<Key, Map<String, Object>> outer = savepoints.peek();
        if (outer != null) {
            inner.forEach(outer::putIfAbsent);
        }
    }

    /** Puts back every record the innermost savepoint touched. */
    void rollback() {
        Map<Key, Map<String, Object>> inner = savepoints.pop();
        inner.forEach((key, before) -> key.table().restore(key.id(), before == ABSENT ? null : before));
    }

    /**
     * The values of {@code field} on the records of these models the innermost savepoint touched, before and after:
     * what a method must recompute because of what it changed.
     */
    java.util.Set<Object> touched(java.util.Set<String> models, String field) {
        java.util.Set<Object> values = new java.util.LinkedHashSet<>();
        Map<Key, Map<String, Object>> current = savepoints.peek();
        if (current != null) {
            current.forEach((key, before) -> {
                if (models.contains(key.table().model)) {
                    if (before != ABSENT) {
                        values.add(before.get(field));
                    }
                    Map<String, Object> now = key.table().get(key.id());
                    if (now != null) {
                        values.add(now.get(field));
                    }
                }
            });
        }
        values.remove(null);
        return values;
    }

    /** Before a record in a table changes a field. */
    void changing(SimTable table, Integer id, SimRecord record) {
        Map<Key, Map<String, Object>> current = savepoints.peek();
        if (current != null) {
            current.computeIfAbsent(new Key(table, id), k -> new SimRecord(table, record));
        }
    }

    /** After a record was stored in or removed from a table; {@code before} is what was there (null: nothing). */
    void stored(SimTable table, Integer id, Map<String, Object> before) {
        Map<Key, Map<String, Object>> current = savepoints.peek();
        if (current != null) {
            current.putIfAbsent(new Key(table, id), before == null ? ABSENT : before);
        }
    }
}
