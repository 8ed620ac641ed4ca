package dev.plantsync.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class FormatsTest {

    private final Formats berlin = new Formats(ZoneId.of("Europe/Berlin"), ZoneId.of("UTC"));

    @Test
    void timesAreShownInTheUsersZoneWithTheZoneNamed() {
        assertThat(berlin.time(LocalDateTime.of(2026, 12, 1, 22, 5))).isEqualTo("2026-12-01 23:05:00 CET");
        assertThat(berlin.time(OffsetDateTime.of(2026, 7, 1, 10, 0, 0, 0, ZoneOffset.UTC)))
                .isEqualTo("2026-07-01 12:00:00 CEST");
        assertThat(berlin.time((LocalDateTime) null)).isEmpty();
    }

    @Test
    void moneyHasTwoDecimalsAndThousandsAndNumbersLoseTrailingZeros() {
        assertThat(berlin.money(new BigDecimal("1234567.5"), "USD")).isEqualTo("1,234,567.50 USD");
        assertThat(berlin.money(new BigDecimal("-0.005"), null)).isEqualTo("-0.01");
        assertThat(berlin.number(new BigDecimal("20.000000"))).isEqualTo("20");
        assertThat(berlin.number(new BigDecimal("2.500"))).isEqualTo("2.5");
        assertThat(berlin.number(12345L)).isEqualTo("12,345");
    }

    @Test
    void durationsReadAsAPersonWouldSayThem() {
        LocalDateTime start = LocalDateTime.of(2026, 12, 1, 2, 0);
        assertThat(berlin.duration(start, start.plusSeconds(3723))).isEqualTo("1 h 02 min");
        assertThat(berlin.duration(start, start.plusSeconds(187))).isEqualTo("3 min 07 s");
        assertThat(berlin.duration(start, start.plusNanos(850_000_000))).isEqualTo("850 ms");
    }
}
