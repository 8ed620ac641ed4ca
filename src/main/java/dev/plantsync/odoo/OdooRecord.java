package dev.plantsync.odoo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One record as Odoo returned it, with typed getters that turn Odoo's {@code false} for "empty" into null (or an
 * empty list), many2one pairs into {@link Many2one} and floats into BigDecimal.
 */
public record OdooRecord(Map<String, Object> values) {

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public OdooRecord {
        values = Collections.unmodifiableMap(values);
    }

    public int id() {
        return ((Number) values.get("id")).intValue();
    }

    public boolean has(String field) {
        return values.containsKey(field);
    }

    public Object raw(String field) {
        return values.get(field);
    }

    public String getString(String field) {
        Object v = values.get(field);
        return v == null || Boolean.FALSE.equals(v) ? null : v.toString();
    }

    public Integer getInt(String field) {
        Object v = values.get(field);
        return v instanceof Number n ? n.intValue() : null;
    }

    public BigDecimal getDecimal(String field) {
        Object v = values.get(field);
        return v instanceof Number n ? new BigDecimal(n.toString()) : null;
    }

    public boolean getBoolean(String field) {
        return Boolean.TRUE.equals(values.get(field));
    }

    public Many2one getMany2one(String field) {
        return Many2one.from(values.get(field));
    }

    public List<Integer> getIds(String field) {
        Object v = values.get(field);
        if (v instanceof List<?> list) {
            return list.stream().map(o -> ((Number) o).intValue()).toList();
        }
        return List.of();
    }

    public LocalDate getDate(String field) {
        String s = getString(field);
        return s == null ? null : LocalDate.parse(s.substring(0, 10));
    }

    /** Odoo datetimes are UTC without zone: {@code 2026-11-23 09:00:50}. */
    public LocalDateTime getDateTime(String field) {
        String s = getString(field);
        return s == null ? null : LocalDateTime.parse(s, DATETIME);
    }
}
