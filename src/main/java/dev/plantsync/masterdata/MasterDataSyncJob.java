package dev.plantsync.masterdata;

import java.util.List;

import javax.sql.DataSource;

import dev.plantsync.approvals.Approvals;
import dev.plantsync.approvals.Checkpoint;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.platform.ExceptionRecords;
import dev.plantsync.platform.Jobs;
import dev.plantsync.platform.OdooWriteLedger;
import dev.plantsync.platform.RunSummary;
import dev.plantsync.platform.StagedIds;
import dev.plantsync.sftp.FilePickup;
import dev.plantsync.sftp.PartnerRegistry;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Job {@code master-data-sync}: master-data files (units of measure, product categories, products, vendors,
 * vendor prices, BOMs, stock locations) from the sources' drops are staged,
 * diffed against Odoo kind by kind in dependency order, and applied
 * idempotently under PlantSync's external ids (module {@code plantsync}); risky changes wait at an approval
 * checkpoint while everything else applies. A re-run of the same data changes nothing in Odoo and says so.
 *
 * <p>stage-files, then per kind plan-... and apply-..., approval-checkpoint (stops AWAITING_APPROVAL while requests are
 * pending), then after the decisions apply-decisions and apply-approved.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MasterDataSettings.class)
class MasterDataSyncJob {

    static final String NAME = "master-data-sync";
    /** The Odoo module of PlantSync's external ids. */
    static final String MODULE = "plantsync";

    /** The kinds of master data, in dependency order: a kind is planned and applied after those it refers to. */
    static final List<EntityLayout> LAYOUTS = List.of(UnitLayout.INSTANCE, CategoryLayout.INSTANCE,
            ProductLayout.INSTANCE, VendorLayout.INSTANCE, VendorPriceLayout.INSTANCE, BomLayout.INSTANCE,
            LocationLayout.INSTANCE);

    @Bean
    Job masterDataSync(Jobs jobs, JdbcClient jdbc, PlatformTransactionManager tm, @Lazy OdooClient odoo,
            JdbcTemplate template, ExceptionRecords exceptions, RiskRules masterDataRisks, Step masterDataStage,
            JdbcPagingItemReader<Long> readyChanges, ChangeWriter changeWriter, MasterDataSettings settings,
            Step masterDataCheckpoint, Step masterDataDecisions) {
        var flow = jobs.job(NAME)
                .listener(new RunSummary(jdbc, NAME, """
                        SELECT concat_ws('; ', (SELECT coalesce(string_agg(CASE entity WHEN 'category' THEN 'categories'
                                          ELSE entity || 's' END
                                          || ': ' || created || ' created, ' || updated || ' updated, '
                                          || deactivated || ' deactivated, ' || unchanged || ' unchanged, ' || awaiting
                                          || ' awaiting approval, ' || rejected || ' rejected, ' || failed
                                          || ' refused by Odoo', '; ' ORDER BY entity DESC), 'no master-data files')
                          FROM (SELECT entity,
                                       count(*) FILTER (WHERE action = 'CREATE' AND state = 'APPLIED') AS created,
                                       count(*) FILTER (WHERE action = 'UPDATE' AND state = 'APPLIED') AS updated,
                                       count(*) FILTER (WHERE action = 'DEACTIVATE' AND state = 'APPLIED') AS deactivated,
                                       count(*) FILTER (WHERE action = 'UNCHANGED') AS unchanged,
                                       count(*) FILTER (WHERE state = 'AWAITING_APPROVAL') AS awaiting,
                                       count(*) FILTER (WHERE state = 'REJECTED') AS rejected,
                                       count(*) FILTER (WHERE state = 'FAILED') AS failed
                                  FROM md_change WHERE job_instance_id = :run GROUP BY entity) t),
                               -- files carrying more decimals than Odoo keeps (stored rounded): once per file and column
                               (SELECT 'more decimals than Odoo keeps: ' || string_agg(location || ' ' || business_key,
                                       ', ' ORDER BY id)
                                  FROM exception_record WHERE reason_code = 'MORE_DECIMALS_THAN_ODOO_KEEPS'
                                   AND job_execution_id IN (
                                       SELECT job_execution_id FROM batch_job_execution WHERE job_instance_id = :run)),
                               -- columns a file has and its kind does not (a typo): not read, so said once per file
                               (SELECT 'unknown columns not read: ' || string_agg(location || ' ' || business_key,
                                       ', ' ORDER BY id)
                                  FROM exception_record WHERE reason_code = 'UNKNOWN_MASTER_DATA_COLUMN'
                                   AND job_execution_id IN (
                                       SELECT job_execution_id FROM batch_job_execution WHERE job_instance_id = :run)))
                        """))
                .start(masterDataStage);
        for (EntityLayout layout : LAYOUTS) {
            String kind = (layout.entity.equals("category") ? "categories" : layout.entity + "s").replace(' ', '-');
            flow = flow.next(jobs.step("plan-" + kind)
                    .tasklet(new PlanChanges(layout, odoo, template, exceptions, masterDataRisks), tm).build())
                    .next(jobs.stagedIdsStep("apply-" + kind, settings.applyChunk(), tm, readyChanges,
                            changeWriter));
        }
        return Checkpoint.flow(flow, masterDataCheckpoint, masterDataDecisions,
                jobs.stagedIdsStep("apply-approved", settings.applyChunk(), tm, readyChanges, changeWriter));
    }

    @Bean
    RiskRules masterDataRisks(MasterDataSettings settings, JdbcTemplate jdbc) {
        return new RiskRules(settings, jdbc);
    }

    @Bean
    Step masterDataStage(Jobs jobs, PlatformTransactionManager tm, PartnerRegistry partners, FilePickup pickup,
            JdbcTemplate jdbc, ExceptionRecords exceptions, MasterDataSettings settings) {
        return jobs.step("stage-files")
                .tasklet(new StageMasterDataFiles(partners, pickup, jdbc, exceptions, new TransactionTemplate(tm),
                        settings), tm)
                .build();
    }

    @Bean
    Step masterDataCheckpoint(Jobs jobs, PlatformTransactionManager tm, JdbcClient jdbc, Approvals approvals) {
        return jobs.step("approval-checkpoint").tasklet(Checkpoint.ask(approvals, MasterDataCheckpoint.CHECKPOINT,
                new MasterDataCheckpoint(jdbc, approvals)), tm).build();
    }

    @Bean
    Step masterDataDecisions(Jobs jobs, PlatformTransactionManager tm, JdbcClient jdbc, Approvals approvals,
            ExceptionRecords exceptions) {
        return jobs.step("apply-decisions").tasklet(Checkpoint.decide(approvals, MasterDataCheckpoint.CHECKPOINT,
                new ApplyMasterDataDecisions(jdbc, exceptions)), tm).build();
    }

    @Bean
    ChangeWriter changeWriter(@Lazy OdooClient odoo, JdbcClient jdbc, OdooWriteLedger ledger,
            ExceptionRecords exceptions) {
        return new ChangeWriter(odoo, jdbc, ledger, exceptions);
    }

    /** Ready changes by id (see {@link StagedIds}: a restart reads what is still ready). */
    @Bean
    @StepScope
    JdbcPagingItemReader<Long> readyChanges(DataSource dataSource,
            @Value("#{stepExecution.jobExecution.jobInstance.id}") long instance) throws Exception {
        return StagedIds.reader("ready-changes", dataSource, "md_change",
                "job_instance_id = :instance AND state = 'READY'", instance, 1000);
    }
}
