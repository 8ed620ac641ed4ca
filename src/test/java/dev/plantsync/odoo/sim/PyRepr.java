package dev.plantsync.odoo.sim;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Python's repr() of JSON values, for error messages that quote domains the way Odoo does. */
final class PyRepr {

    private PyRepr() {
    }

    static String repr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof String s) {
            return s.contains("'") && !s.contains("\"") ? "\"" + s + "\"" : "'" + s.replace("'", "\\'") + "'";
        }
        if (v instanceof List<?> list) {
            return list.stream().map(PyRepr::repr).collect(Collectors.joining(", ", "[", "]"));
        }
        if (v instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> repr(e.getKey()) + ": " + repr(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return v.toString();
    }

    static String tuple(List<?> items) {
        return items.stream().map(PyRepr::repr).collect(Collectors.joining(", ", "(", ")"));
    }
}
