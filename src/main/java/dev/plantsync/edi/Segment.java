package dev.plantsync.edi;

import java.util.Arrays;

/**
 * The segment being read: its tag, its elements (simple, or composite with components) and its position counted from
 * 1 at the start of the file. One instance is reused for every segment of a file, so a multi-megabyte file costs no
 * more than its longest segment; a consumer must copy what it keeps.
 */
final class Segment {

    private String tag;
    private int position;
    private String[] simple = new String[32];
    private String[][] composite = new String[32][];
    private int size;
    private char decimalMark = '.';

    void start(String segmentTag, int segmentPosition) {
        tag = segmentTag;
        position = segmentPosition;
        Arrays.fill(simple, 0, size, null);
        Arrays.fill(composite, 0, size, null);
        size = 0;
    }

    void element(int n, String value) {
        ensure(n);
        simple[n - 1] = value;
    }

    void component(int n, int c, String value) {
        ensure(n);
        String[] components = composite[n - 1];
        if (components == null) {
            components = new String[Math.max(c, 4)];
            composite[n - 1] = components;
        } else if (components.length < c) {
            components = Arrays.copyOf(components, Math.max(c, components.length * 2));
            composite[n - 1] = components;
        }
        components[c - 1] = value;
    }

    private void ensure(int n) {
        if (n > simple.length) {
            simple = Arrays.copyOf(simple, Math.max(n, simple.length * 2));
            composite = Arrays.copyOf(composite, simple.length);
        }
        size = Math.max(size, n);
    }

    /** EDIFACT: the decimal mark the interchange's UNA declares ('.' without UNA), as of this segment. */
    char decimalMark() {
        return decimalMark;
    }

    void decimalMark(char mark) {
        decimalMark = mark;
    }

    String tag() {
        return tag;
    }

    int position() {
        return position;
    }

    /** How many elements the segment has. */
    int size() {
        return size;
    }

    /** Element n (1-based), first component; "" when absent. */
    String get(int n) {
        return get(n, 1);
    }

    /** Element n, component c (both 1-based); "" when absent. */
    String get(int n, int c) {
        if (n < 1 || n > size) {
            return "";
        }
        String[] components = composite[n - 1];
        String value = components != null ? (c <= components.length ? components[c - 1] : null)
                : (c == 1 ? simple[n - 1] : null);
        return value == null ? "" : value;
    }
}
