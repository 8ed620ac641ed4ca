package dev.plantsync.monitoring;

import java.util.Map;
import java.util.Set;

import dev.plantsync.operations.JobSettingsContribution;
import org.springframework.boot.context.properties.bind.Bindable;

/** The SLOs ({@code plantsync.slos} in {@code jobs/*.yml}) for {@code plantsync config check}. */
public final class SloSettingsCheck implements JobSettingsContribution {

    @Override
    public Map<String, Bindable<?>> sections() {
        return Map.of("plantsync.slos", Bindable.mapOf(String.class, SloDefinition.class), "plantsync.slo-check-interval", Bindable.of(java.time.Duration.class));
    }

    @Override
    public Set<String> jobs() {
        return Set.of();
    }
}
