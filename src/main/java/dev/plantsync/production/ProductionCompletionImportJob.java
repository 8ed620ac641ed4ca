package dev.plantsync.production;

import java.time.Clock;
import java.time.Duration;

import dev.plantsync.approvals.Approvals;
import dev.plantsync.approvals.Checkpoint;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.platform.ExceptionRecords;
import dev.plantsync.platform.Jobs;
import dev.plantsync.platform.OdooWriteLedger;
import dev.plantsync.platform.RunSummary;
import dev.plantsync.sftp.FilePickup;
import dev.plantsync.sftp.PartnerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Job {@code production-completion-import} (MES -> Odoo): each plant's completion files (jobs/production-completions.md)
 * staged once per MES event, then applied to the manufacturing orders in Odoo in the MES's order, exactly once
 * ({@link CompletionApplier}). Events PlantSync does not apply on its own wait at an approval checkpoint (the job stops
 * AWAITING_APPROVAL, everything else applied); the last decision restarts it to apply what was approved.
 */
@Configuration(proxyBeanMethods = false)
class ProductionCompletionImportJob {

    static final String NAME = "production-completion-import";

    @Bean
    CompletionStaging completionStaging(JdbcClient jdbc, PlatformTransactionManager tm) {
        return new CompletionStaging(jdbc, tm);
    }

    @Bean
    MesEventLag mesEventLag(MeterRegistry meters, Clock clock) {
        return new MesEventLag(meters, clock);
    }

    @Bean
    Job productionCompletionImport(Jobs jobs, Step completionStageFiles, Step completionApply,
            Step completionCheckpoint, Step completionDecisions, Step completionApplyApproved, JdbcClient jdbc) {
        return Checkpoint.flow(jobs.job(NAME)
                .listener(new RunSummary(jdbc, NAME, """
                        SELECT 'mes events: ' || coalesce(string_agg(lower(state) || ' ' || n, ', ' ORDER BY state),
                                                          'none')
                               -- events the MES sent again: staged before, filtered here, never applied twice
                               || coalesce((SELECT '; ' || sum(s.filter_count) || ' sent before, not applied again'
                                              FROM batch_step_execution s
                                              JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
                                             WHERE e.job_instance_id = :run AND s.step_name LIKE '%stage-files'
                                            HAVING sum(s.filter_count) > 0), '')
                          FROM (SELECT state, count(*) AS n FROM mes_event WHERE job_instance_id = :run
                                 GROUP BY state) t"""))
                .start(completionStageFiles)
                .next(completionApply), completionCheckpoint, completionDecisions, completionApplyApproved);
    }

    @Bean
    Step completionStageFiles(Jobs jobs, PlatformTransactionManager tm, ProductionSettings settings,
            PartnerRegistry partners, FilePickup pickup, CompletionStaging staging, ExceptionRecords exceptions) {
        return jobs.step("stage-files").tasklet(new StageCompletionFiles(settings, partners, pickup, staging,
                exceptions, new TransactionTemplate(tm)), tm).allowStartIfComplete(false).build();
    }

    @Bean
    ApplyCompletions applyCompletions(ProductionSettings settings, CompletionStaging staging, @Lazy OdooClient odoo,
            OdooWriteLedger ledger, ExceptionRecords exceptions, MesEventLag lag, Clock clock,
            @Value("${plantsync.production.settle-time:PT2M}") Duration settle) {
        return new ApplyCompletions(settings, staging, new CompletionApplier(odoo, staging, ledger, exceptions, lag,
                settle, clock), exceptions);
    }

    @Bean
    Step completionApply(Jobs jobs, PlatformTransactionManager tm, ApplyCompletions apply) {
        return jobs.step("apply-events").tasklet(apply, tm).build();
    }

    @Bean
    Step completionCheckpoint(Jobs jobs, PlatformTransactionManager tm, CompletionStaging staging,
            Approvals approvals) {
        return jobs.step("approval-checkpoint").tasklet(Checkpoint.ask(approvals, CompletionCheckpoint.CHECKPOINT,
                new CompletionCheckpoint(staging, approvals)), tm).build();
    }

    @Bean
    Step completionDecisions(Jobs jobs, PlatformTransactionManager tm, CompletionStaging staging, Approvals approvals,
            ExceptionRecords exceptions) {
        return jobs.step("apply-decisions").tasklet(Checkpoint.decide(approvals, CompletionCheckpoint.CHECKPOINT,
                new CompletionDecisions(staging, exceptions)), tm).build();
    }

    @Bean
    Step completionApplyApproved(Jobs jobs, PlatformTransactionManager tm, ApplyCompletions apply) {
        return jobs.step("apply-approved-events").tasklet(apply, tm).build();
    }
}
