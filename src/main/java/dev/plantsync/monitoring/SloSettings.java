package dev.plantsync.monitoring;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code plantsync.slos.*}: the objectives by name, and {@code plantsync.slo-check-interval}. */
@ConfigurationProperties("plantsync")
public record SloSettings(Map<String, SloDefinition> slos, Duration sloCheckInterval) {

    public SloSettings {
        slos = slos == null ? Map.of() : new TreeMap<>(slos);
        sloCheckInterval = sloCheckInterval == null ? Duration.ofMinutes(1) : sloCheckInterval;
    }
}
