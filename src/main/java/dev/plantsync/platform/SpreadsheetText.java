package dev.plantsync.platform;

/**
 * Text that goes into a CSV or XLSX cell: a value starting with {@code = + - @} (or a tab / carriage return, which
 * some spreadsheets skip before looking) would be run as a formula when finance opens the file, so it is prefixed
 * with an apostrophe in CSV. In XLSX the cell keeps the text as sent and carries the quote-prefix style instead
 * (what a spreadsheet sets when a person types a leading apostrophe): shown as sent, never evaluated. Numbers are
 * written as numbers and never pass through here.
 */
final class SpreadsheetText {

    private SpreadsheetText() {
    }

    static String safe(String value) {
        return looksLikeFormula(value) ? "'" + value : value;
    }

    static boolean looksLikeFormula(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
