package dev.plantsync.invoices;

import java.time.Clock;

import javax.sql.DataSource;

import dev.plantsync.approvals.Approvals;
import dev.plantsync.approvals.Checkpoint;
import dev.plantsync.edi.InterchangeRegistry;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.platform.FlowLatency;
import dev.plantsync.platform.ExceptionRecords;
import dev.plantsync.platform.Jobs;
import dev.plantsync.platform.RunSummary;
import dev.plantsync.platform.StagedIds;
import dev.plantsync.platform.OdooWriteLedger;
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
 * Job {@code supplier-invoice-posting}: pick up and stage partner invoice files, validate and match them against
 * Odoo purchase orders and receipts, post matched invoices as vendor bills exactly once.
 *
 * Invoices that do not match wait at an approval checkpoint: the job stops AWAITING_APPROVAL (everything else
 * posted) and a decision on the last pending one restarts it to post what was approved.
 *
 *
 * <p>Exactly once: bills are looked up by vendor and reference before any create; a create whose answer is lost
 * and whose result is not visible stops the run until Odoo has settled ({@code plantsync.invoices.settle-time}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InvoiceSettings.class)
class InvoicePostingJob {

    static final String NAME = "supplier-invoice-posting";

    @Bean
    InvoiceStaging invoiceStaging(JdbcClient jdbc, JdbcTemplate template, FlowLatency latency) {
        return new InvoiceStaging(jdbc, template, latency);
    }

    @Bean
    Job supplierInvoicePosting(Jobs jobs, Step invoiceStageFiles, Step invoiceMatch, Step invoicePost,
            Step invoiceCheckpoint, Step invoiceApplyDecisions, Step invoicePostApproved, JdbcClient jdbc) {
        return Checkpoint.flow(jobs.job(NAME)
                .listener(new RunSummary(jdbc, NAME, """
                        SELECT 'invoices: ' || coalesce(string_agg(lower(outcome) || ' ' || n || ' (' || amount || ')',
                                                                   ', ' ORDER BY outcome), 'no invoices')
                          FROM (SELECT s.outcome, count(*) AS n, sum(coalesce(s.total, l.amount + coalesce(s.tax_amount, 0)))
                                       AS amount
                                  FROM invoice_staging s
                                  -- what the invoice holds when it states no total (a CSV without invoice_total):
                                  -- its lines, charges and allowances, and its tax
                                  CROSS JOIN LATERAL (SELECT coalesce(sum(coalesce(amount, quantity * unit_price)), 0)
                                                        AS amount FROM invoice_line_staging WHERE invoice_id = s.id) l
                                 WHERE s.job_instance_id = :run GROUP BY s.outcome) t"""))
                .start(invoiceStageFiles)
                .next(invoiceMatch)
                .next(invoicePost), invoiceCheckpoint, invoiceApplyDecisions, invoicePostApproved);
    }

    @Bean
    Step invoiceCheckpoint(Jobs jobs, PlatformTransactionManager tm, InvoiceStaging staging, Approvals approvals) {
        return jobs.step("approval-checkpoint").tasklet(Checkpoint.ask(approvals, ApprovalCheckpoint.CHECKPOINT,
                new ApprovalCheckpoint(staging, approvals)), tm).build();
    }

    @Bean
    Step invoiceApplyDecisions(Jobs jobs, PlatformTransactionManager tm, InvoiceStaging staging, Approvals approvals,
            ExceptionRecords exceptions) {
        return jobs.step("apply-decisions").tasklet(Checkpoint.decide(approvals, ApprovalCheckpoint.CHECKPOINT,
                new ApplyDecisions(staging, exceptions)), tm).build();
    }

    @Bean
    Step invoicePostApproved(Jobs jobs, PlatformTransactionManager tm, JdbcPagingItemReader<Long> matchedInvoices,
            BillWriter billWriter, @Value("${plantsync.invoices.chunk-size:50}") int chunkSize) {
        return jobs.stagedIdsStep("post-approved-bills", chunkSize, tm, matchedInvoices, billWriter);
    }

    @Bean
    Step invoiceStageFiles(Jobs jobs, PlatformTransactionManager tm, PartnerRegistry partners, FilePickup pickup,
            InvoiceStaging staging, InterchangeRegistry interchanges, ExceptionRecords exceptions, Clock clock,
            InvoiceSettings settings,
            @Value("${plantsync.invoices.attachment-max-bytes:5242880}") int attachmentMaxBytes) {
        return jobs.step("stage-files")
                .tasklet(new StageInvoiceFiles(partners, pickup, staging, interchanges, exceptions,
                        new TransactionTemplate(tm), clock, settings, attachmentMaxBytes), tm)
                .allowStartIfComplete(false)
                .build();
    }

    @Bean
    Step invoiceMatch(Jobs jobs, PlatformTransactionManager tm, InvoiceStaging staging, PartnerRegistry partners,
            InvoiceSettings settings, @Lazy OdooClient odoo) {
        return jobs.step("match").tasklet(new MatchInvoices(staging, partners, settings, odoo), tm).build();
    }

    @Bean
    Step invoicePost(Jobs jobs, PlatformTransactionManager tm, JdbcPagingItemReader<Long> matchedInvoices,
            BillWriter billWriter, @Value("${plantsync.invoices.chunk-size:50}") int chunkSize) {
        return jobs.stagedIdsStep("post-bills", chunkSize, tm, matchedInvoices, billWriter);
    }

    @Bean
    @StepScope
    JdbcPagingItemReader<Long> matchedInvoices(DataSource dataSource,
            @Value("#{stepExecution.jobExecution.jobInstance.id}") long instance) throws Exception {
        return StagedIds.reader("matched-invoices", dataSource, "invoice_staging",
                "job_instance_id = :instance AND outcome = 'MATCHED'", instance, 200);
    }

    @Bean
    @StepScope
    BillWriter billWriter(InvoiceStaging staging, @Lazy OdooClient odoo, OdooWriteLedger ledger,
            InvoiceSettings settings, @Value("#{stepExecution.jobExecutionId}") long executionId,
            @Value("${plantsync.invoices.settle-time:PT5M}") java.time.Duration settle) {
        return new BillWriter(staging, odoo, ledger, settings, executionId, settle);
    }
}
