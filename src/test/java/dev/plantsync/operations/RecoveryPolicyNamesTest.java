package dev.plantsync.operations;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** A recovery policy for a misspelt job is refused at a server's start instead of silently never applying. */
class RecoveryPolicyNamesTest {

    private static final Set<String> JOBS = Set.of("supplier-invoice-posting", "cost-rollup");

    @Test
    void aPolicyForAnUnknownJobIsRefusedNamingTheSetting() {
        RecoverySettings settings = new RecoverySettings(null, null, null, null,
                Map.of("supplier-invoice-postng", RecoverySettings.Policy.RESTART));

        assertThatThrownBy(() -> settings.requireKnownJobs(JOBS)).hasMessageContaining(
                "plantsync.recovery.jobs.supplier-invoice-postng: 'supplier-invoice-postng' is not a PlantSync job")
                .hasMessageContaining("cost-rollup, supplier-invoice-posting");
    }

    @Test
    void policiesForKnownJobsPass() {
        RecoverySettings settings = new RecoverySettings(null, null, null, null,
                Map.of("cost-rollup", RecoverySettings.Policy.RESTART));

        assertThatCode(() -> settings.requireKnownJobs(JOBS)).doesNotThrowAnyException();
    }
}
