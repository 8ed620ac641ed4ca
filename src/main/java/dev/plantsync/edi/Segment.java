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
    /** The interchange's delimiters, to write a segment back as text (an invoice's own document). */
    private char terminator = '~';
    private char separator = '*';
    private char componentSeparator = '>';
    private char release;

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

    /** The delimiters the interchange declares (ISA / UNA), as of its ISA or UNB segment. */
    void delimiters(Character segmentTerminator, Character elementSeparator, Character components, Character releaseChar) {
        terminator = segmentTerminator == null ? terminator : segmentTerminator;
        separator = elementSeparator == null ? separator : elementSeparator;
        componentSeparator = components == null ? componentSeparator : components;
        release = releaseChar == null ? 0 : releaseChar;
    }

    /**
     * Appends this segment as text in the interchange's own delimiters, with a line break after the terminator (which
     * both standards allow and people reading it expect). Values are written as read (EDIFACT delimiters inside them
     * escaped again with the release character); X12 repetitions beyond the first are not kept by the reader.
     */
    void appendText(StringBuilder out) {
        out.append(tag);
        int last = size;
        if (!"ISA".equals(tag)) { // ISA is fixed: all 16 elements; elsewhere trailing empty elements are left off
            while (last > 0 && get(last).isEmpty() && composite[last - 1] == null) {
                last--;
            }
        }
        for (int n = 1; n <= last; n++) {
            out.append(separator);
            String[] components = composite[n - 1];
            if (components == null) {
                escaped(out, simple[n - 1]);
            } else {
                int c = components.length;
                while (c > 1 && (components[c - 1] == null || components[c - 1].isEmpty())) {
                    c--;
                }
                for (int i = 0; i < c; i++) {
                    if (i > 0) {
                        out.append(componentSeparator);
                    }
                    escaped(out, components[i]);
                }
            }
        }
        out.append(terminator).append('\n');
    }

    private void escaped(StringBuilder out, String value) {
        if (value == null) {
            return;
        }
        if (release == 0) {
            out.append(value);
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == terminator || ch == separator || ch == componentSeparator || ch == release) {
                out.append(release);
            }
            out.append(ch);
        }
    }

    char terminator() {
        return terminator;
    }

    char separator() {
        return separator;
    }

    /** A UNA service string advice stating this interchange's delimiters (a space where it has no release). */
    String una() {
        return "UNA" + componentSeparator + separator + decimalMark + (release == 0 ? ' ' : release) + ' ' + terminator
                + "\n";
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
