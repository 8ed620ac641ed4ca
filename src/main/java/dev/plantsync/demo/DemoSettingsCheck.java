package dev.plantsync.demo;

import java.util.Map;
import java.util.Set;

import dev.plantsync.operations.JobSettingsContribution;
import org.springframework.boot.context.properties.bind.Bindable;

/** The demo job, for {@code plantsync config check}. */
public final class DemoSettingsCheck implements JobSettingsContribution {

    @Override
    public Map<String, Bindable<?>> sections() {
        return Map.of();
    }

    @Override
    public Set<String> jobs() {
        return Set.of(DemoJobConfiguration.JOB_NAME);
    }
}
