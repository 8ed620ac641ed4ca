package dev.plantsync.costing;

import javax.sql.DataSource;

import dev.plantsync.approvals.Approvals;
import dev.plantsync.approvals.Checkpoint;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.platform.ExceptionRecords;
import dev.plantsync.platform.Jobs;
import dev.plantsync.platform.OdooWriteLedger;
import dev.plantsync.platform.RunSummary;
import dev.plantsync.platform.StagedIds;
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

/**
 * Job {@code cost-rollup}: standard costs rolled up from components and operations through the BOMs in Odoo, each
 * product's new cost shown against its current one with the revaluation it would book, and written to Odoo (products
 * valued at standard only) directly when the change is small, after an approver's decision when it is not. A re-run
 * with nothing changed in Odoo writes nothing.
 *
 * <p>stage-odoo, stage-purchase-prices, roll-up, write-costs, approval-checkpoint (stops AWAITING_APPROVAL while
 * requests are pending), then after the decisions apply-decisions and write-approved.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CostRollupSettings.class)
class CostRollupJob {

    static final String NAME = "cost-rollup";

    @Bean
    Job costRollup(Jobs jobs, JdbcClient jdbc, PlatformTransactionManager tm, @Lazy OdooClient odoo,
            JdbcTemplate template, CostRollupSettings settings, ExceptionRecords exceptions,
            JdbcPagingItemReader<Long> readyCosts, CostWriter costWriter, Approvals approvals) {
        Step checkpoint = jobs.step("approval-checkpoint").tasklet(Checkpoint.ask(approvals,
                CostCheckpoint.CHECKPOINT, new CostCheckpoint(jdbc, approvals)), tm).build();
        Step decisions = jobs.step("apply-decisions").tasklet(Checkpoint.decide(approvals, CostCheckpoint.CHECKPOINT,
                new ApplyCostDecisions(jdbc, exceptions)), tm).build();
        return Checkpoint.flow(jobs.job(NAME)
                .listener(new RunSummary(jdbc, NAME, """
                        SELECT count(*) || ' products rolled up: ' || count(*) FILTER (WHERE state = 'UNCHANGED')
                               || ' unchanged, ' || count(*) FILTER (WHERE state = 'APPLIED') || ' written, '
                               || count(*) FILTER (WHERE state = 'AWAITING_APPROVAL') || ' awaiting approval, '
                               || count(*) FILTER (WHERE state = 'REJECTED') || ' rejected, '
                               || count(*) FILTER (WHERE state = 'NOT_WRITTEN')
                               || ' not at standard cost (report only), '
                               || count(*) FILTER (WHERE state = 'SKIPPED') || ' skipped, '
                               || count(*) FILTER (WHERE state = 'FAILED') || ' refused by Odoo; revaluation written '
                               || coalesce(sum(revaluation) FILTER (WHERE state = 'APPLIED'), 0)
                          FROM cost_rollup_line WHERE job_instance_id = :run"""))
                .start(jobs.step("stage-odoo").tasklet(new StageCostModel(odoo, template), tm).build())
                .next(jobs.step("stage-purchase-prices").tasklet(new StagePurchasePrices(odoo, template, settings), tm)
                        .build())
                .next(jobs.step("roll-up").tasklet(new RollUpCosts(odoo, template, settings, exceptions), tm).build())
                .next(jobs.stagedIdsStep("write-costs", settings.writeChunk(), tm, readyCosts, costWriter)),
                checkpoint, decisions, jobs.stagedIdsStep("write-approved", settings.writeChunk(), tm, readyCosts,
                costWriter));
    }

    @Bean
    CostWriter costWriter(@Lazy OdooClient odoo, JdbcClient jdbc, OdooWriteLedger ledger,
            ExceptionRecords exceptions) {
        return new CostWriter(odoo, jdbc, ledger, exceptions);
    }

    /** Costs ready to write, by id (see {@link StagedIds}: a restart reads what is still ready). */
    @Bean
    @StepScope
    JdbcPagingItemReader<Long> readyCosts(DataSource dataSource,
            @Value("#{stepExecution.jobExecution.jobInstance.id}") long instance) throws Exception {
        return StagedIds.reader("ready-costs", dataSource, "cost_rollup_line",
                "job_instance_id = :instance AND state = 'READY'", instance, 1000);
    }
}
