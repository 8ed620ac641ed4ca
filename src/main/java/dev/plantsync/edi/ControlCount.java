package dev.plantsync.edi;

/**
 * A count stated in a trailer (X12 SE01, GE01, IEA01, CTT01; EDIFACT UNT, UNE, UNZ), compared as the number it is:
 * translators pad them with zeros to the element's width ({@code SE*0000000031}, {@code GE*000001}), which is the same
 * count as {@code 31} and not a mismatch.
 */
final class ControlCount {

    private ControlCount() {
    }

    /** Whether {@code stated} is {@code actual}, leading zeros and surrounding blanks aside. */
    static boolean matches(String stated, int actual) {
        String digits = stated == null ? "" : stated.trim();
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return Long.parseLong(digits) == actual;
    }
}
