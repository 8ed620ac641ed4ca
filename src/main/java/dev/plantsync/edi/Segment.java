package dev.plantsync.edi;

import java.util.List;

/**
 * One EDI segment: its tag, its elements (each a list of components; a simple element has one), and its position
 * counted from 1 at the start of the file.
 */
record Segment(String tag, List<List<String>> elements, int position) {

    /** Element n (1-based), first component; "" when absent. */
    String get(int n) {
        return get(n, 1);
    }

    /** Element n, component c (both 1-based); "" when absent. */
    String get(int n, int c) {
        if (n < 1 || n > elements.size()) {
            return "";
        }
        List<String> components = elements.get(n - 1);
        return c < 1 || c > components.size() || components.get(c - 1) == null ? "" : components.get(c - 1);
    }
}
