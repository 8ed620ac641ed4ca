package dev.plantsync.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the console shows times, durations, numbers and money: times in the user's zone with the zone named, amounts
 * with thousands separators and two decimals. Batch's own timestamps are local times of this server's zone.
 */
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ENGLISH);

    private final ZoneId zone;
    private final ZoneId serverZone;

    Formats(ZoneId zone, ZoneId serverZone) {
        this.zone = zone;
        this.serverZone = serverZone;
    }

    public ZoneId zone() {
        return zone;
    }

    public String time(LocalDateTime serverLocal) {
        return serverLocal == null ? "" : TIME.format(serverLocal.atZone(serverZone).withZoneSameInstant(zone));
    }

    public String time(OffsetDateTime at) {
        return at == null ? "" : TIME.format(at.atZoneSameInstant(zone));
    }

    public String time(Instant at) {
        return at == null ? "" : TIME.format(at.atZone(zone));
    }

    /** Zone-less ISO instant for scripts and {@code <time datetime>}. */
    public String iso(LocalDateTime serverLocal) {
        return serverLocal == null ? "" : serverLocal.atZone(serverZone).toInstant().toString();
    }

    /** "1 h 02 min", "3 min 07 s", "850 ms"; to now when still running. */
    public String duration(LocalDateTime start, LocalDateTime end) {
        if (start == null) {
            return "";
        }
        return duration(Duration.between(start, end != null ? end : LocalDateTime.now(serverZone)));
    }

    /** How long ago {@code at} was, as {@link #duration(Duration)} says it. */
    public String since(OffsetDateTime at) {
        return at == null ? "" : duration(Duration.between(at.toInstant(), Instant.now()));
    }

    /** "1 h 02 min", "3 min 07 s", "850 ms"; empty when unknown. */
    public String duration(Duration d) {
        if (d == null) {
            return "";
        }
        if (d.toHours() > 0) {
            return String.format("%d h %02d min", d.toHours(), d.toMinutesPart());
        }
        if (d.toMinutes() > 0) {
            return String.format("%d min %02d s", d.toMinutes(), d.toSecondsPart());
        }
        if (d.getSeconds() > 0) {
            return String.format("%d.%d s", d.getSeconds(), d.toMillisPart() / 100);
        }
        return d.toMillis() + " ms";
    }

    /** Counts and quantities: thousands separators, no trailing zeros. */
    public String number(Number n) {
        if (n == null) {
            return "";
        }
        BigDecimal plain = new BigDecimal(n.toString()).stripTrailingZeros();
        return pattern(plain.scale() <= 0 ? "#,##0" : "#,##0.######").format(plain);
    }

    /** "1,234.50 USD"; currency omitted when unknown. */
    public String money(BigDecimal amount, String currency) {
        if (amount == null) {
            return "";
        }
        return pattern("#,##0.00").format(amount.setScale(2, RoundingMode.HALF_UP))
                + (currency == null || currency.isBlank() ? "" : " " + currency.strip());
    }

    public String money(Object amount) {
        return amount == null ? "" : money(new BigDecimal(amount.toString()), null);
    }

    private static DecimalFormat pattern(String pattern) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ENGLISH));
    }
}
