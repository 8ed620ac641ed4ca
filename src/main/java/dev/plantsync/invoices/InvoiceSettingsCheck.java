package dev.plantsync.invoices;

import java.util.Map;
import java.util.Set;

import dev.plantsync.operations.JobSettingsContribution;
import org.springframework.boot.context.properties.bind.Bindable;

/** {@code jobs/supplier-invoices.yml} for {@code plantsync config check}. */
public final class InvoiceSettingsCheck implements JobSettingsContribution {

    @Override
    public Map<String, Bindable<?>> sections() {
        return Map.of("plantsync.invoices", Bindable.of(InvoiceSettings.class));
    }

    @Override
    public Set<String> jobs() {
        return Set.of(InvoicePostingJob.NAME);
    }

    @Override
    public Set<String> singleSettings() {
        return Set.of("plantsync.invoices.attachment-max-bytes", "plantsync.invoices.chunk-size",
                "plantsync.invoices.settle-time");
    }
}
