package dev.plantsync.reconciliation;

import java.time.LocalDate;

import dev.plantsync.odoo.sim.DemoCompany;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.support.PlantSyncTest;
import dev.plantsync.support.SimulatedWorld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
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
 * The same planted valuation differences on Odoo 18, where the valuation lives in stock.valuation.layer.
 */
@PlantSyncTest
class ValuationReconciliationOdoo18Test {

    private static final SimulatedWorld WORLD = SimulatedWorld.start(18);
    private static final OdooSimulator ODOO = WORLD.odoo;
    private static final DemoCompany.Ids DEMO = WORLD.demo;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        WORLD.register(registry);
    }

    @AfterAll
    static void stop() {
        WORLD.close();
    }

    @Autowired
    JobOperator jobs;

    @Autowired
    @Qualifier("valuationReconciliation")
    Job job;

    @Autowired
    JdbcClient jdbc;

    @Test
    void manualEntryAndValuationWithoutEntryAreFoundAndExplained() throws Exception {
        JobExecution run = jobs.start(job, new JobParametersBuilder()
                .addLocalDate("businessDate", LocalDate.of(2026, 11, 23))
                // Odoo 18 dates a valuation layer by its create_date, which is when the simulator seeded it: today.
                .addString("asOf", LocalDate.now().toString())
                .toJobParameters());

        ValuationReconciliationJobTest.assertPlantedDifferencesExplained(ODOO, DEMO, run, jdbc);
    }
}
