package dev.plantsync.platform;

/**
 * Text that goes into a CSV or XLSX cell: a value starting with {@code = + - @} (or a tab / carriage return, which
 * some spreadsheets skip before looking) would be run as a formula when finance opens the file, so it is prefixed
 * with an apostrophe. Numbers are written as numbers and never pass through here.
 */
final class SpreadsheetText {

    private SpreadsheetText() {
    }

    static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
