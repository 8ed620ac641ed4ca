package dev.plantsync.odoo.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One record of the simulated database: its fields by name. Every change goes through {@link #put} or
 * {@link #remove}, which tell the record's table first, so a failing business method can be undone record by record
 * (as PostgreSQL rolls the transaction back) and the table's indexes follow the change. The business classes change
 * records in place, as Odoo's ORM does; this is what lets them.
 */
final class SimRecord extends LinkedHashMap<String, Object> {

    private static final long serialVersionUID = 1L;

    private final transient SimTable table;

    SimRecord(SimTable table) {
        this.table = table;
    }

    /** A copy as of now (x2many id lists copied too, the business classes replace them), belonging to no table yet. */
    SimRecord(SimTable table, Map<String, Object> values) {
        this.table = table;
        values.forEach((k, v) -> super.put(k, v instanceof List<?> l ? new ArrayList<>(l) : v));
    }

    SimTable table() {
        return table;
    }

    @Override
    public Object put(String key, Object value) {
        table.changing(this, key, value);
        return super.put(key, value);
    }

    @Override
    public void putAll(Map<? extends String, ?> values) {
        values.forEach(this::put);
    }

    @Override
    public Object remove(Object key) {
        if (!containsKey(key)) {
            return null;
        }
        table.changing(this, (String) key, null);
        return super.remove(key);
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super Object, ?> function) {
        new ArrayList<>(keySet()).forEach(k -> put(k, function.apply(k, get(k))));
    }

    @Override
    public Object putIfAbsent(String key, Object value) {
        Object current = get(key);
        return current != null ? current : put(key, value);
    }

    @Override
    public Object computeIfAbsent(String key, Function<? super String, ?> function) {
        Object current = get(key);
        if (current == null) {
            current = function.apply(key);
            if (current != null) {
                put(key, current);
            }
        }
        return current;
    }

    @Override
    public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> function) {
        throw new UnsupportedOperationException("change a simulated record with put or remove");
    }

    @Override
    public Object compute(String key, BiFunction<? super String, ? super Object, ?> function) {
        throw new UnsupportedOperationException("change a simulated record with put or remove");
    }

    @Override
    public Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> function) {
        throw new UnsupportedOperationException("change a simulated record with put or remove");
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("change a simulated record with put or remove");
    }
}
