package dev.plantsync.masterdata;

import java.util.Map;
import java.util.Set;

import dev.plantsync.operations.JobSettingsContribution;
import org.springframework.boot.context.properties.bind.Bindable;

/** {@code jobs/master-data-sync.yml} for {@code plantsync config check}. */
public final class MasterDataSettingsCheck implements JobSettingsContribution {

    @Override
    public Map<String, Bindable<?>> sections() {
        return Map.of("plantsync.masterdata", Bindable.of(MasterDataSettings.class));
    }

    @Override
    public Set<String> jobs() {
        return Set.of(MasterDataSyncJob.NAME);
    }
}
