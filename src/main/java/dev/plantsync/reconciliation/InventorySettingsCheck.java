package dev.plantsync.reconciliation;

import java.util.Map;
import java.util.Set;

import dev.plantsync.operations.JobSettingsContribution;
import org.springframework.boot.context.properties.bind.Bindable;

/** {@code jobs/inventory-reconciliation.yml} (and the read-only reconciliations) for {@code plantsync config check}. */
public final class InventorySettingsCheck implements JobSettingsContribution {

    @Override
    public Map<String, Bindable<?>> sections() {
        return Map.of("plantsync.inventory", Bindable.of(InventorySettings.class));
    }

    @Override
    public Set<String> jobs() {
        return Set.of(InventoryReconciliationJob.NAME, ValuationReconciliationJob.NAME, PostingReconciliationJob.NAME);
    }
}
