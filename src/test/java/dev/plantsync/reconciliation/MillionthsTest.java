package dev.plantsync.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Quantities in millionths exactly as PostgreSQL rounded them into NUMERIC(19, 6): half away from zero. */
class MillionthsTest {

    @Test
    void readsOdooFloatsAsTheyAreWritten() {
        assertThat(Millionths.parse("12")).isEqualTo(12_000_000);
        assertThat(Millionths.parse("12.5")).isEqualTo(12_500_000);
        assertThat(Millionths.parse("-3.25")).isEqualTo(-3_250_000);
        assertThat(Millionths.parse("0.0")).isZero();
        assertThat(Millionths.parse("3.0000000000000004")).isEqualTo(3_000_000); // float noise goes
        assertThat(Millionths.parse("0.1234565")).isEqualTo(123_457); // half up
        assertThat(Millionths.parse("0.1234564999")).isEqualTo(123_456); // only the first dropped digit decides
        assertThat(Millionths.parse("-0.0000005")).isEqualTo(-1); // away from zero
        assertThat(Millionths.parse("-0.0000004")).isZero();
        assertThat(Millionths.parse("1e-05")).isEqualTo(10);
        assertThat(Millionths.parse("1.5E3")).isEqualTo(1_500_000_000);
        assertThat(Millionths.parse("1234567890123.5")).isEqualTo(1_234_567_890_123_500_000L); // past the fast path
    }

    @Test
    void agreesWithBigDecimalOnAnyDecimal() {
        Random random = new Random(6);
        for (int i = 0; i < 100_000; i++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
            text.append(random.nextInt(1 + random.nextInt(1_000_000)));
            if (random.nextInt(4) > 0) {
                text.append('.');
                for (int decimals = 1 + random.nextInt(12); decimals > 0; decimals--) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            }
            long expected = new BigDecimal(text.toString()).setScale(6, RoundingMode.HALF_UP).unscaledValue()
                    .longValueExact();
            assertThat(Millionths.parse(text.toString())).as(text.toString()).isEqualTo(expected);
        }
    }

    @Test
    void refusesWhatIsNoQuantityOrTooLarge() {
        assertThatThrownBy(() -> Millionths.parse("12,5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'12,5' is not a quantity");
        assertThatThrownBy(() -> Millionths.parse("-")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Millionths.parse("1e30")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large to compare");
        assertThat(Millionths.of(new BigDecimal("9223372036854.775807"))).isEqualTo(Long.MAX_VALUE);
    }
}
