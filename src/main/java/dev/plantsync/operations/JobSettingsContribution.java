package dev.plantsync.operations;

import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.bind.Bindable;

/**
 * A capability's job settings, for {@code plantsync config check} (found with {@link java.util.ServiceLoader}, so
 * operations checks them without depending on the capability): the settings bound under each prefix, and the names of
 * the capability's jobs (what {@code schedules/} and {@code plantsync.recovery.jobs} may name).
 */
public interface JobSettingsContribution {

    /** Prefix (e.g. {@code plantsync.costing}) -> what it binds to, as the application binds it. */
    Map<String, Bindable<?>> sections();

    Set<String> jobs();

    /** Settings under those prefixes read one by one (not bound with the rest), so not unknown. */
    default Set<String> singleSettings() {
        return Set.of();
    }
}
