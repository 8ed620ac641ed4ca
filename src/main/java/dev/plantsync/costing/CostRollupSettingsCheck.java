package dev.plantsync.costing;

import java.util.Map;
import java.util.Set;

import dev.plantsync.operations.JobSettingsContribution;
import org.springframework.boot.context.properties.bind.Bindable;

/** {@code jobs/cost-rollup.yml} for {@code plantsync config check}. */
public final class CostRollupSettingsCheck implements JobSettingsContribution {

    @Override
    public Map<String, Bindable<?>> sections() {
        return Map.of("plantsync.costing", Bindable.of(CostRollupSettings.class));
    }

    @Override
    public Set<String> jobs() {
        return Set.of(CostRollupJob.NAME);
    }
}
