package dev.plantsync.reconciliation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A quantity as the whole number of millionths the comparison sums (six decimals, the precision staged quantities
 * always had), rounded half away from zero as PostgreSQL's {@code round} and a {@code NUMERIC(19, 6)} column round.
 */
final class Millionths {

    private static final int SCALE = 6;
    /** Integer digits read without the slow path: 12 digits and 6 decimals stay far from a long's limit. */
    private static final int FAST_INTEGER_DIGITS = 12;

    private Millionths() {
    }

    static long of(BigDecimal quantity) {
        try {
            return quantity.setScale(SCALE, RoundingMode.HALF_UP).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("quantity " + quantity.toPlainString() + " is too large to compare"
                    + " (at most " + Long.MAX_VALUE / 1_000_000 + ")", e);
        }
    }

    /**
     * A number as JSON writes it (Odoo's floats: {@code 12.5}, {@code 3.0000000000000004}, {@code 1e-05}). A quant's
     * quantity is read a million times a night, so plain decimals are read digit by digit; anything else (an exponent,
     * a very large number) through {@link BigDecimal}.
     */
    static long parse(String json) {
        int length = json.length();
        int i = json.startsWith("-") ? 1 : 0;
        int integerStart = i;
        long units = 0;
        while (i < length && isDigit(json.charAt(i))) {
            if (i - integerStart == FAST_INTEGER_DIGITS) {
                return of(decimal(json));
            }
            units = units * 10 + (json.charAt(i++) - '0');
        }
        boolean digits = i > integerStart;
        long fraction = 0;
        int decimals = 0;
        boolean roundUp = false;
        if (i < length && json.charAt(i) == '.') {
            i++;
            for (; i < length && isDigit(json.charAt(i)); i++) {
                digits = true;
                if (decimals < SCALE) {
                    fraction = fraction * 10 + (json.charAt(i) - '0');
                    decimals++;
                } else if (decimals == SCALE) {
                    roundUp = json.charAt(i) >= '5'; // half up: only the first digit dropped decides
                    decimals++;
                }
            }
        }
        if (i != length || !digits) {
            return of(decimal(json));
        }
        for (; decimals < SCALE; decimals++) {
            fraction *= 10;
        }
        long magnitude = units * 1_000_000 + fraction + (roundUp ? 1 : 0);
        return integerStart == 1 ? -magnitude : magnitude;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static BigDecimal decimal(String json) {
        try {
            return new BigDecimal(json);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + json + "' is not a quantity", e);
        }
    }
}
