package dev.plantsync.production;

import java.time.Clock;
import java.time.Duration;

import dev.plantsync.odoo.OdooClient;
import dev.plantsync.platform.ExceptionRecords;
import dev.plantsync.platform.Jobs;
import dev.plantsync.platform.RunSummary;
import dev.plantsync.sftp.FilePickup;
import dev.plantsync.sftp.PartnerRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Job {@code production-order-release} (parameter {@code plant}): the plant's manufacturing orders, confirmed or in
 * progress in its warehouse's manufacturing operation types, that changed in Odoo since the last run are written to its
 * MES's drop as one release file (CSV or JSON, {@code jobs/production-files.md}), each order NEW, CHANGED (with what
 * changed) or CANCELLED. Each version of an order is sent once: its fingerprint is recorded; nothing changed, no file.
 * The MES's acknowledgements are picked up; rejections become exceptions with an alert.
 *
 * <p>stage-releases (Odoo read by keyset on write_date and id, a page per commit), deliver-release (rendered from the
 * staged rows only, uploaded under a temporary name and renamed, exactly once across restarts), pick-up-acks.
 */
@Configuration(proxyBeanMethods = false)
class ProductionOrderReleaseJob {

    static final String NAME = "production-order-release";

    @Bean
    ReleaseStaging releaseStaging(JdbcClient jdbc) {
        return new ReleaseStaging(jdbc);
    }

    @Bean
    Job productionOrderRelease(Jobs jobs, PlatformTransactionManager tm, @Lazy OdooClient odoo, JdbcClient jdbc,
            ReleaseStaging staging, ProductionSettings settings, ExceptionRecords exceptions, PartnerRegistry partners,
            FilePickup pickup, Clock clock,
            @Value("${plantsync.production.release-overlap:PT10M}") Duration overlap) {
        return jobs.job(NAME)
                .listener(new RunSummary(jdbc, NAME, """
                        SELECT f.plant || ': ' || CASE WHEN f.state = 'EMPTY' THEN 'nothing changed, no file'
                                 ELSE f.name || ' ' || lower(f.state) || ', ' || count(r.id) || ' orders ('
                                      || count(r.id) FILTER (WHERE r.change = 'NEW') || ' new, '
                                      || count(r.id) FILTER (WHERE r.change = 'CHANGED') || ' changed, '
                                      || count(r.id) FILTER (WHERE r.change = 'CANCELLED') || ' cancelled)' END
                               || '; acknowledgements read: '
                               || (SELECT count(*) FILTER (WHERE ack_status = 'ACCEPTED') || ' accepted, '
                                          || count(*) FILTER (WHERE ack_status = 'REJECTED') || ' rejected'
                                     FROM production_release WHERE ack_job_instance_id = :run)
                          FROM production_release_file f LEFT JOIN production_release r ON r.file_id = f.id
                         WHERE f.job_instance_id = :run GROUP BY f.id"""))
                .start(jobs.step("stage-releases").tasklet(new StageReleases(odoo, staging, settings, exceptions,
                        jdbc, clock, overlap), tm).build())
                .next(jobs.step("deliver-release").tasklet(new DeliverRelease(staging, partners, pickup, tm), tm)
                        .build())
                .next(jobs.step("pick-up-acks").tasklet(new MesAcknowledgements(partners, pickup, settings,
                        exceptions, jdbc, new TransactionTemplate(tm)), tm).build())
                .build();
    }
}
