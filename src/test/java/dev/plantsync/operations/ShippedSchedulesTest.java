package dev.plantsync.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The schedules shipped in {@code schedules/} are valid and name jobs that exist: a bad one would stop start-up. */
class ShippedSchedulesTest {

    @Test
    void everyShippedScheduleIsValid() {
        var schedules = ScheduleFiles.read(Path.of("schedules"),
                Set.of("demo", "supplier-invoice-posting", "inventory-reconciliation",
                "posting-reconciliation", "valuation-reconciliation", "master-data-sync", "cost-rollup",
                "production-order-release", "production-completion-import"));

        assertThat(schedules).extracting(ScheduleDefinition::id).contains("demo-nightly", "supplier-invoice-posting",
                "inventory-reconciliation-main", "master-data-sync", "cost-rollup", "production-order-release-plant-1",
                "production-completion-import");
        assertThat(schedules).filteredOn(s -> s.id().equals("inventory-reconciliation-main"))
                .singleElement().satisfies(s -> assertThat(s.parameters()).containsEntry("site", "MAIN"));
        // every few minutes, each fire its own run, for the plant it names
        assertThat(schedules).filteredOn(s -> s.id().equals("production-order-release-plant-1")).singleElement()
                .satisfies(s -> {
                    assertThat(s.runPerFire()).isTrue();
                    assertThat(s.parameters()).containsEntry("plant", "plant-1");
                });
        assertThat(schedules).filteredOn(s -> s.id().equals("production-completion-import")).singleElement()
                .satisfies(s -> assertThat(s.runPerFire()).isTrue());
    }
}
