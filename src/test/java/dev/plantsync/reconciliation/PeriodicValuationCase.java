package dev.plantsync.reconciliation;

import java.time.LocalDate;

import dev.plantsync.support.SimulatedWorld;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A periodically valued category's receipt without journal entry is reported apart, not as a break: the same case
 * on each version's simulator (the subclasses give the world and the date Odoo values the receipt at).
 */
abstract class PeriodicValuationCase {

    @Autowired
    JobOperator jobs;

    @Autowired
    @Qualifier("valuationReconciliation")
    Job job;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReconciliationReports reports;

    abstract SimulatedWorld world();

    /** The as-of date that includes the planted receipt. */
    abstract String asOf();

    @Test
    void periodicCategoryIsReportedApartFromMissingEntries() throws Exception {
        PeriodicValuationScenario.plant(world().odoo, world().demo);

        var run = jobs.start(job, new JobParametersBuilder().addLocalDate("businessDate", LocalDate.of(2026, 11, 23))
                .addString("asOf", asOf()).toJobParameters());

        PeriodicValuationScenario.assertReportedApart(run, jdbc, reports);
    }
}
