package dev.plantsync.reconciliation;

import java.time.LocalDate;

import dev.plantsync.odoo.sim.DemoCompany;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.support.PlantSyncTest;
import dev.plantsync.support.SimulatedWorld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Odoo 19: a periodically valued category's receipt without journal entry is reported apart, not as a break. */
@PlantSyncTest
class ValuationPeriodicOdoo19Test {

    private static final SimulatedWorld WORLD = SimulatedWorld.start(19);
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

    @Autowired
    ReconciliationReports reports;

    @Test
    void periodicCategoryIsReportedApartFromMissingEntries() throws Exception {
        PeriodicValuationScenario.plant(ODOO, DEMO);

        var run = jobs.start(job, new JobParametersBuilder().addLocalDate("businessDate", LocalDate.of(2026, 11, 23))
                .addString("asOf", "2026-11-30").toJobParameters());

        PeriodicValuationScenario.assertReportedApart(run, jdbc, reports);
    }
}
