package dev.plantsync.odoo.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Odoo domains: prefix notation with {@code & | !}, leaves with Odoo's operators, dotted paths; errors worded per version. */
final class SimDomain {

    private static final Set<String> OPERATORS = Set.of("=", "!=", "<>", "<", "<=", ">", ">=", "in", "not in", "like",
            "ilike", "not like", "not ilike", "=like", "=ilike", "child_of", "parent_of");

    /** What evaluation needs from the store. */
    interface Store {
        SimSchema schema();

        /** The stored values of the records a relational value points to. */
        List<Map<String, Object>> related(String model, String field, Map<String, Object> record);

        /** The ids of {@code id} and everything below it in the model's parent_id tree. */
        Set<Integer> descendants(String model, Collection<Integer> roots);

        String displayName(String model, Map<String, Object> record);

        /** The value a condition compares: stored, or computed as Odoo stores its related/computed fields. */
        Object searchable(String model, Map<String, Object> record, String field);
    }

    private final Store store;
    private final int version;

    SimDomain(Store store) {
        this.store = store;
        this.version = store.schema().version;
    }

    Predicate<Map<String, Object>> compile(String model, Object domain) {
        if (domain == null || Boolean.FALSE.equals(domain)) {
            return r -> true;
        }
        if (!(domain instanceof List<?> terms)) {
            throw SimError.value("Domain() invalid item in domain: " + PyRepr.repr(domain));
        }
        List<Predicate<Map<String, Object>>> parts = new ArrayList<>();
        Parse parse = new Parse(terms);
        while (parse.pos < terms.size()) {
            parts.add(parse(model, parse, false));
        }
        if (parse.unsearchable != null) {
            // 19 checks every field's name first (Invalid field ...), then turns the conditions into SQL, where a
            // field with no column and no search method fails: the domain is refused as a whole.
            throw parse.unsearchable;
        }
        return r -> parts.stream().allMatch(p -> p.test(r));
    }

    /** One domain being parsed: where it is, and the first condition 19 cannot turn into SQL. */
    private static final class Parse {
        final List<?> terms;
        int pos;
        SimError unsearchable;

        Parse(List<?> terms) {
            this.terms = terms;
        }
    }

    /** A condition Odoo 18 drops (it logs "Non-stored field ... cannot be searched."): true, even negated. */
    private static final Predicate<Map<String, Object>> DROPPED = r -> true;

    boolean mentions(Object domain, String field) {
        if (domain instanceof List<?> terms) {
            for (Object t : terms) {
                if (t instanceof List<?> leaf && !leaf.isEmpty() && field.equals(leaf.get(0))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The next term, negated or not: as Odoo does, a {@code !} is pushed down to the conditions (De Morgan), so that
     * a condition Odoo 18 drops stays true under a {@code !} (recorded: transcripts/18/jsonrpc/73).
     */
    private Predicate<Map<String, Object>> parse(String model, Parse parse, boolean negate) {
        Object term = parse.terms.get(parse.pos++);
        if ("&".equals(term) || "|".equals(term)) {
            Predicate<Map<String, Object>> a = parse(model, parse, negate);
            Predicate<Map<String, Object>> b = parse(model, parse, negate);
            return "&".equals(term) != negate ? a.and(b) : a.or(b);
        }
        if ("!".equals(term)) {
            return parse(model, parse, !negate);
        }
        if (term instanceof List<?> leaf && leaf.size() == 3 && leaf.get(0) instanceof String) {
            Predicate<Map<String, Object>> p = leaf(model, (String) leaf.get(0), String.valueOf(leaf.get(1)),
                    leaf.get(2), leaf, parse);
            return p == DROPPED || !negate ? p : p.negate();
        }
        if (term instanceof Boolean || term instanceof Number) {
            return negate ? r -> false : r -> true;
        }
        throw SimError.value(version >= 19 ? "Domain() invalid item in domain: " + PyRepr.repr(term)
                : "too many values to unpack (expected 3)");
    }

    private Predicate<Map<String, Object>> leaf(String model, String path, String op, Object value, List<?> leaf,
            Parse parse) {
        if (!OPERATORS.contains(op)) {
            throw SimError.value((version >= 19 ? "Invalid operator in condition " : "Invalid leaf ")
                    + PyRepr.tuple(leaf));
        }
        String[] parts = path.split("\\.");
        String current = model;
        String unsearchable = null;
        for (int i = 0; i < parts.length; i++) {
            SimSchema.Field f = store.schema().field(current, parts[i]);
            if (f == null) {
                throw SimError.value("Invalid field " + current + "." + parts[i] + " in "
                        + (version >= 19 ? "condition " : "leaf ") + PyRepr.tuple(leaf));
            }
            if (!f.searchable() && unsearchable == null) {
                unsearchable = current + "." + parts[i];
            }
            if (i < parts.length - 1) {
                if (f.relation() == null) {
                    throw SimError.value("Invalid field " + current + "." + parts[i] + " in "
                            + (version >= 19 ? "condition " : "leaf ") + PyRepr.tuple(leaf));
                }
                current = f.relation();
            }
        }
        if (unsearchable != null) {
            // Neither stored nor computed with a search method (fields_get: searchable false). Recorded in
            // transcripts/<18|19>/<transport>/70, 72 and 73: 19 refuses the domain, as SQL it cannot write; 18
            // drops the condition and answers as if it were not there.
            if (version >= 19 && parse.unsearchable == null) {
                parse.unsearchable = SimError.value("Cannot convert " + unsearchable + " to SQL because it is not stored");
            }
            return DROPPED;
        }
        SimSchema.Field last = store.schema().field(current, parts[parts.length - 1]);
        if (parts.length == 1 && (op.equals("in") || op.equals("not in")) && !last.relational()
                && value instanceof Collection<?> c && !c.isEmpty() && c.stream().allMatch(v -> v instanceof String)) {
            // A long list of codes (a page of 1,000 default codes): a hash lookup, as Odoo's index would be.
            Set<Object> set = new java.util.HashSet<>(c);
            boolean in = op.equals("in");
            return r -> set.contains(store.searchable(model, r, path)) == in;
        }
        if (parts.length == 1 && op.equals("in") && "many2one".equals(last.type()) && value instanceof Collection<?> c
                && !c.isEmpty() && c.stream().allMatch(v -> v instanceof Integer)) {
            // bom_id in [a page of ids]: a hash lookup on the stored id
            Set<Object> ids = new java.util.HashSet<>(c);
            return r -> ids.contains(r.get(path));
        }
        return r -> matches(model, r, parts, 0, op, value);
    }

    private boolean matches(String model, Map<String, Object> record, String[] path, int index, String op, Object value) {
        String name = path[index];
        SimSchema.Field f = store.schema().field(model, name);
        if (index < path.length - 1) {
            List<Map<String, Object>> next = store.related(model, name, record);
            boolean any = next.stream().anyMatch(n -> matches(f.relation(), n, path, index + 1, op, value));
            // Negative operators on a path hold when nothing is linked, as in Odoo's SQL.
            return any || (next.isEmpty() && (op.equals("!=") || op.startsWith("not")) && !Boolean.FALSE.equals(value));
        }
        if (f.relational()) {
            return relational(model, record, f, op, value);
        }
        return scalar(f, store.searchable(model, record, name), op, value);
    }

    private boolean relational(String model, Map<String, Object> record, SimSchema.Field f, String op, Object value) {
        List<Map<String, Object>> linked = store.related(model, f.name(), record);
        List<Integer> ids = linked.stream().map(r -> (Integer) r.get("id")).toList();
        if (op.equals("child_of") || op.equals("parent_of")) {
            Set<Integer> tree = store.descendants(f.relation(), asIds(value));
            return ids.stream().anyMatch(tree::contains);
        }
        if (Boolean.FALSE.equals(value) || value == null) {
            boolean empty = ids.isEmpty();
            return op.equals("=") || op.equals("in") ? empty : !empty;
        }
        if (value instanceof String s) {
            List<String> names = linked.stream().map(r -> store.displayName(f.relation(), r)).toList();
            boolean any = names.stream().anyMatch(n -> scalar(null, n, op.startsWith("not") || op.equals("!=")
                    ? positive(op) : op, s));
            return op.startsWith("not") || op.equals("!=") ? !any : any;
        }
        Set<Integer> wanted = Set.copyOf(asIds(value));
        boolean any = ids.stream().anyMatch(wanted::contains);
        return switch (op) {
            case "=", "in" -> any;
            case "!=", "<>", "not in" -> !any;
            default -> false;
        };
    }

    private static String positive(String op) {
        return switch (op) {
            case "!=", "<>" -> "=";
            case "not in" -> "in";
            case "not like" -> "like";
            case "not ilike" -> "ilike";
            default -> op;
        };
    }

    private static List<Integer> asIds(Object value) {
        if (value instanceof Collection<?> c) {
            return c.stream().filter(Number.class::isInstance).map(n -> ((Number) n).intValue()).toList();
        }
        return value instanceof Number n ? List.of(n.intValue()) : List.of();
    }

    static boolean scalar(SimSchema.Field f, Object stored, String op, Object value) {
        boolean numeric = f != null && (f.type().equals("integer") || f.type().equals("float")
                || f.type().equals("monetary"));
        Object actual = numeric && stored == null ? 0 : stored;
        switch (op) {
            case "=":
                return equal(actual, value);
            case "!=", "<>":
                return !equal(actual, value);
            case "in":
                return value instanceof Collection<?> c && c.stream().anyMatch(v -> equal(actual, v));
            case "not in":
                return !(value instanceof Collection<?> c && c.stream().anyMatch(v -> equal(actual, v)));
            case "<", "<=", ">", ">=":
                if (actual == null || value == null || Boolean.FALSE.equals(value)) {
                    return false;
                }
                int cmp = compare(actual, value);
                return switch (op) {
                    case "<" -> cmp < 0;
                    case "<=" -> cmp <= 0;
                    case ">" -> cmp > 0;
                    default -> cmp >= 0;
                };
            case "like", "ilike", "not like", "not ilike", "=like", "=ilike":
                boolean negated = op.startsWith("not");
                if (actual == null) {
                    return negated;
                }
                String text = actual.toString();
                String pattern = String.valueOf(value);
                boolean caseless = op.contains("ilike");
                boolean result = op.startsWith("=") ? like(text, pattern, caseless)
                        : like(text, "%" + pattern + "%", caseless);
                return negated != result;
            default:
                return false;
        }
    }

    private static boolean equal(Object actual, Object value) {
        if (Boolean.FALSE.equals(value) || value == null) {
            return actual == null || Boolean.FALSE.equals(actual);
        }
        if (actual instanceof Number a && value instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        return Objects.equals(actual, value);
    }

    private static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        return a.toString().compareTo(b.toString());
    }

    // SQL LIKE: % any run, _ one character, backslash escapes.
    static boolean like(String text, String pattern, boolean caseless) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        Pattern p = Pattern.compile(regex.toString(), Pattern.DOTALL | (caseless ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
        return p.matcher(caseless ? text.toLowerCase(Locale.ROOT) : text).matches()
                || (caseless && p.matcher(text).matches());
    }
}
