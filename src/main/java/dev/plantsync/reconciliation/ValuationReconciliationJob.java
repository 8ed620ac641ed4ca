package dev.plantsync.reconciliation;

import java.time.LocalDate;

import dev.plantsync.odoo.OdooClient;
import dev.plantsync.platform.Jobs;
import dev.plantsync.platform.RunSummary;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Job {@code valuation-reconciliation} (nightly, or on demand for a period end with {@code asOf=yyyy-MM-dd}; default:
 * the business date): Odoo's inventory valuation against the general ledger, per valuation account, with the
 * difference explained where it can be (see {@link CompareValuation}).
 */
@Configuration(proxyBeanMethods = false)
class ValuationReconciliationJob {

    static final String NAME = "valuation-reconciliation";

    static LocalDate asOf(JobParameters parameters) {
        String asOf = parameters.getString("asOf");
        if (asOf != null && !asOf.isBlank()) {
            return LocalDate.parse(asOf);
        }
        LocalDate business = parameters.getLocalDate("businessDate");
        return business == null ? LocalDate.now() : business;
    }

    @Bean
    Job valuationReconciliation(Jobs jobs, PlatformTransactionManager tm, @Lazy OdooClient odoo,
            JdbcTemplate template, JdbcClient jdbc) {
        return jobs.job(NAME)
                .listener(new RunSummary(jdbc, NAME, """
                        SELECT string_agg(account || ': stock ' || stock_value || ', ledger ' || ledger_balance
                               || ', difference ' || difference || ', unexplained ' || unexplained, '; '
                               ORDER BY account)
                          FROM valuation_recon_run WHERE job_instance_id = :run"""))
                .start(jobs.step("stage-valuation").tasklet(new StageValuation(odoo, template), tm).build())
                .next(jobs.step("compare-valuation").tasklet(new CompareValuation(jdbc), tm).build())
                .build();
    }
}
