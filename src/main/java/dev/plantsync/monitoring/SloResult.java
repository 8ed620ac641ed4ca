package dev.plantsync.monitoring;

import java.time.OffsetDateTime;
import java.util.List;

/** One objective as last evaluated: breached or not, since when, and the records concerned (named, at most 50). */
public record SloResult(String slo, String flow, String objective, boolean breached, OffsetDateTime breachedSince,
        int records, List<String> named, OffsetDateTime evaluatedAt) {
}
