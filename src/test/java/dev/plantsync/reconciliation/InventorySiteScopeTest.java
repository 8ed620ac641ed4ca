package dev.plantsync.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.plantsync.support.PlantSyncTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A site that covers part of Odoo's stock (here shelf 2 only, as a second warehouse would): Odoo's quants elsewhere
 * are not its business, so they are neither read nor reported missing from its snapshot.
 */
@PlantSyncTest
class InventorySiteScopeTest {

    private static final InventoryScenario SCENARIO = new InventoryScenario();

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        SCENARIO.wiring(registry);
        registry.add("plantsync.inventory.sites[1].site", () -> "SHELF2");
        registry.add("plantsync.inventory.sites[1].partner", () -> "wms");
        registry.add("plantsync.inventory.sites[1].locations[0]", () -> "WH/Stock/Shelf 2");
    }

    @AfterAll
    static void stop() {
        SCENARIO.close();
    }

    @Autowired
    JobOperator jobs;

    @Autowired
    @Qualifier("inventoryReconciliation")
    Job job;

    @Autowired
    JdbcClient jdbc;

    @Test
    void onlyTheSitesLocationsAreCompared() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(SCENARIO.snapshot().get(0));
        SCENARIO.snapshot().stream().filter(l -> l.startsWith("MAIN,A-02,"))
                .forEach(l -> lines.add(l.replaceFirst("^MAIN,", "SHELF2,")));
        LocalDate night = LocalDate.of(2026, 11, 20);
        SCENARIO.drop(night, "snapshot-shelf2.csv", lines);

        JobExecution run = jobs.start(job, new JobParametersBuilder().addLocalDate("businessDate", night)
                .addString("site", "SHELF2").toJobParameters());

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // the two lots on shelf 2 match; PS-C002 is there only in the snapshot; nothing from shelf 1 or WH/Stock
        assertThat(jdbc.sql("SELECT category, location, item FROM inventory_break WHERE job_instance_id = :run")
                .param("run", run.getJobInstance().getId())
                .query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3))).list())
                .containsExactly(tuple("MISSING_IN_ODOO", "WH/Stock/Shelf 2", "PS-C002"));
        assertThat(jdbc.sql("SELECT odoo_rows FROM inventory_recon_run WHERE job_instance_id = :run")
                .param("run", run.getJobInstance().getId()).query(Integer.class).single()).isEqualTo(2);
    }
}
