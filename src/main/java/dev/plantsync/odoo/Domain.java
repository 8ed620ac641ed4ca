package dev.plantsync.odoo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An Odoo search domain built from typed parts, so no job concatenates domain strings. Rendered in Odoo's prefix
 * notation: {@code Domain.and(eq("default_code", "A"), in("state", List.of("purchase", "done")))}.
 */
public final class Domain {

    private static final Domain TRUE = new Domain(List.of());

    private final List<Object> terms;

    private Domain(List<Object> terms) {
        this.terms = List.copyOf(terms);
    }

    public static Domain all() {
        return TRUE;
    }

    public static Domain leaf(String field, String operator, Object value) {
        List<Object> leaf = new ArrayList<>(3);
        leaf.add(field);
        leaf.add(operator);
        leaf.add(value instanceof Collection<?> c ? new ArrayList<>(c) : value);
        return new Domain(List.of(leaf));
    }

    public static Domain eq(String field, Object value) {
        return leaf(field, "=", value);
    }

    public static Domain ne(String field, Object value) {
        return leaf(field, "!=", value);
    }

    public static Domain gt(String field, Object value) {
        return leaf(field, ">", value);
    }

    public static Domain ge(String field, Object value) {
        return leaf(field, ">=", value);
    }

    public static Domain lt(String field, Object value) {
        return leaf(field, "<", value);
    }

    public static Domain le(String field, Object value) {
        return leaf(field, "<=", value);
    }

    public static Domain in(String field, Collection<?> values) {
        return leaf(field, "in", values);
    }

    public static Domain notIn(String field, Collection<?> values) {
        return leaf(field, "not in", values);
    }

    public static Domain ilike(String field, String value) {
        return leaf(field, "ilike", value);
    }

    public static Domain like(String field, String pattern) {
        return leaf(field, "=like", pattern);
    }

    public static Domain childOf(String field, int id) {
        return leaf(field, "child_of", id);
    }

    public static Domain and(Domain... parts) {
        return combine("&", parts);
    }

    public static Domain or(Domain... parts) {
        return combine("|", parts);
    }

    public static Domain not(Domain part) {
        if (part.terms.isEmpty()) {
            throw new IllegalArgumentException("cannot negate the empty domain");
        }
        List<Object> terms = new ArrayList<>();
        terms.add("!");
        terms.addAll(part.terms);
        return new Domain(terms);
    }

    private static Domain combine(String operator, Domain... parts) {
        List<Domain> nonEmpty = new ArrayList<>();
        for (Domain d : parts) {
            if (!d.terms.isEmpty()) {
                nonEmpty.add(d);
            }
        }
        List<Object> terms = new ArrayList<>();
        for (int i = 1; i < nonEmpty.size(); i++) {
            terms.add(operator);
        }
        nonEmpty.forEach(d -> terms.addAll(d.terms));
        return new Domain(terms);
    }

    /** The domain as Odoo receives it. */
    public List<Object> toList() {
        return terms;
    }

    @Override
    public String toString() {
        return terms.toString();
    }
}
