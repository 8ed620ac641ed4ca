package dev.plantsync.reconciliation;

import dev.plantsync.odoo.OdooClient;
import dev.plantsync.platform.Jobs;
import dev.plantsync.platform.RunSummary;
import org.springframework.batch.core.job.Job;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Job {@code posting-reconciliation} (nightly; parameter {@code windowDays}, default 35): PlantSync checks its own
 * work, every Odoo write in its ledger against what Odoo holds now (see {@link CheckPostings}).
 */
@Configuration(proxyBeanMethods = false)
class PostingReconciliationJob {

    static final String NAME = "posting-reconciliation";

    @Bean
    Job postingReconciliation(Jobs jobs, PlatformTransactionManager tm, @Lazy OdooClient odoo, JdbcClient jdbc) {
        return jobs.job(NAME)
                .listener(new RunSummary(jdbc, NAME, """
                        SELECT 'writes checked ' || r.checked || ', breaks ' || r.breaks || coalesce(' ('
                               || (SELECT string_agg(lower(category) || ' ' || n, ', ' ORDER BY category)
                                     FROM (SELECT category, count(*) AS n FROM posting_break
                                            WHERE job_instance_id = r.job_instance_id GROUP BY category) c)
                               || ')', '')
                          FROM posting_recon_run r WHERE r.job_instance_id = :run"""))
                .start(jobs.step("check-postings").tasklet(new CheckPostings(odoo, jdbc), tm).build())
                .build();
    }
}
