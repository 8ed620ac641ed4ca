package dev.plantsync.production;

import java.util.Map;
import java.util.Set;

import dev.plantsync.operations.JobSettingsContribution;
import org.springframework.boot.context.properties.bind.Bindable;

/** {@code jobs/production.yml} for {@code plantsync config check}. */
public final class ProductionSettingsCheck implements JobSettingsContribution {

    @Override
    public Map<String, Bindable<?>> sections() {
        return Map.of("plantsync.production", Bindable.of(ProductionSettings.class));
    }

    @Override
    public Set<String> jobs() {
        return Set.of(ProductionOrderReleaseJob.NAME, ProductionCompletionImportJob.NAME);
    }

    @Override
    public Set<String> singleSettings() {
        return Set.of("plantsync.production.release-overlap", "plantsync.production.settle-time");
    }
}
