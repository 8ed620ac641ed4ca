package dev.plantsync.reconciliation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import dev.plantsync.odoo.sim.DemoCompany;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.odoo.sim.SimUsers;
import dev.plantsync.support.PlantSyncTest;
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

    private static final Path TEMP;
    private static final OdooSimulator ODOO = OdooSimulator.start(18);
    private static final DemoCompany.Ids DEMO = DemoCompany.seed(ODOO);

    static {
        try {
            TEMP = Files.createTempDirectory("valuation-recon-18");
            Files.writeString(TEMP.resolve("odoo.key"), SimUsers.ADMIN_API_KEY);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("plantsync.odoo.url", () -> ODOO.url().toString());
        registry.add("plantsync.odoo.database", () -> OdooSimulator.DATABASE);
        registry.add("plantsync.odoo.login", () -> SimUsers.ADMIN_LOGIN);
        registry.add("plantsync.odoo.api-key-file", () -> TEMP.resolve("odoo.key").toString());
    }

    @AfterAll
    static void stop() {
        ODOO.close();
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
                .addLocalDate("businessDate", LocalDate.of(2026, 11, 23)).addString("asOf", "2026-11-30")
                .toJobParameters());

        ValuationReconciliationJobTest.assertPlantedDifferencesExplained(ODOO, DEMO, run, jdbc);
    }
}
