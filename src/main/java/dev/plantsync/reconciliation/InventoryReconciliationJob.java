package dev.plantsync.reconciliation;

import java.time.LocalDate;
import java.util.List;

import dev.plantsync.odoo.OdooClient;
import dev.plantsync.platform.ExceptionRecords;
import dev.plantsync.platform.Jobs;
import dev.plantsync.platform.RunSummary;
import dev.plantsync.sftp.FilePickup;
import dev.plantsync.sftp.PartnerRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Job {@code inventory-reconciliation} (nightly, per site; parameters {@code site}, {@code businessDate}): Odoo's
 * stock quants against the warehouse snapshot the site dropped on SFTP, Odoo's products read first so that the
 * snapshot's lines are resolved to them as they are staged, compared in SQL; the differences are breaks
 * (see {@link CompareStock}) aged night over night. A restart (say, after the snapshot came late) picks up new
 * snapshot files and re-reads Odoo, so the comparison is always of the latest of both.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InventorySettings.class)
class InventoryReconciliationJob {

    private static final Logger log = LoggerFactory.getLogger(InventoryReconciliationJob.class);

    static final String NAME = "inventory-reconciliation";
    static final String SITE = "site";
    static final String DEFAULT_SITE = "MAIN";

    static String site(JobParameters parameters) {
        String site = parameters.getString(SITE);
        return site == null || site.isBlank() ? DEFAULT_SITE : site;
    }

    static LocalDate runDate(JobParameters parameters) {
        LocalDate date = parameters.getLocalDate("businessDate");
        return date == null ? LocalDate.now() : date;
    }

    @Bean
    Job inventoryReconciliation(Jobs jobs, PlatformTransactionManager tm, @Lazy OdooClient odoo, JdbcTemplate template,
            JdbcClient jdbc, PartnerRegistry partners, FilePickup pickup, ExceptionRecords exceptions,
            InventorySettings settings) {
        InventoryStaging staging = new InventoryStaging(template, tm);
        ProductCodesByExecution productsRead = new ProductCodesByExecution();
        Step prepare = jobs.step("prepare-run").tasklet(prepare(staging, settings), tm).allowStartIfComplete(true)
                .build();
        Step products = jobs.step("stage-odoo-products")
                .tasklet(new StageOdooProducts(odoo, template, staging, settings, productsRead), tm)
                .allowStartIfComplete(true).build();
        Step quants = jobs.step("stage-odoo-quants")
                .tasklet(new StageOdooQuants(odoo, template, staging, settings), tm).allowStartIfComplete(true).build();
        StageStockSnapshot warehouseSide = new StageStockSnapshot(partners, pickup, template, exceptions,
                new TransactionTemplate(tm), settings, productsRead, staging);
        Step pickUp = jobs.step("pick-up-snapshot").tasklet(warehouseSide.pickUp(), tm).allowStartIfComplete(true)
                .build();
        Step snapshot = jobs.step("stage-snapshot").tasklet(warehouseSide, tm).allowStartIfComplete(true).build();
        Step compare = jobs.step("compare")
                .tasklet(new CompareStock(jdbc, template.getDataSource(), tm, settings, productsRead), tm).build();
        return jobs.job(NAME).listener(productsRead).listener(new RunSummary(jdbc, NAME, """
                SELECT 'odoo rows ' || odoo_rows || ', snapshot rows ' || wms_rows || ', breaks ' || breaks
                       || ' (value ' || break_value || '; new ' || new_breaks || ', resolved ' || resolved_breaks
                       || ', flagged ' || flagged_breaks || ')'
                  FROM inventory_recon_run WHERE job_instance_id = :run"""))
                .flow(prepare).next(together("reference-data", pickUp, products))
                .next(together("both-sides", snapshot, quants)).next(compare).end().build();
    }

    /** Older runs' staged rows go, this run's partitions come (see {@link InventoryStaging}). */
    private static Tasklet prepare(InventoryStaging staging, InventorySettings settings) {
        return (contribution, chunkContext) -> {
            long run = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getId();
            List<Long> dropped = staging.purge(run, settings.keepStagedRuns());
            if (!dropped.isEmpty()) {
                log.info("staged rows of earlier runs {} dropped", dropped);
            }
            staging.create(run);
            return RepeatStatus.FINISHED;
        };
    }

    /**
     * Two steps at the same time: the snapshot's pickup from SFTP while Odoo's products are read, then, once they are,
     * the snapshot resolved against them and staged while the quants page. The night takes as long as the slower of
     * each pair (Odoo's paging, mostly) rather than their sum.
     */
    private static Flow together(String name, Step first, Step second) {
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("inventory-" + name + "-");
        threads.setConcurrencyLimit(2);
        return new FlowBuilder<SimpleFlow>(name).split(threads).add(
                new FlowBuilder<SimpleFlow>(first.getName()).start(first).build(),
                new FlowBuilder<SimpleFlow>(second.getName()).start(second).build()).build();
    }
}
