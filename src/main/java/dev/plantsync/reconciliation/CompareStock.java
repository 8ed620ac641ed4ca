package dev.plantsync.reconciliation;

import java.time.LocalDate;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The comparison, set-based: both staged sides full-outer-joined by location, item and lot; the warehouse quantity
 * converted to the product's unit; each difference beyond the category's tolerance is a break valued at the product's
 * cost (warehouse minus Odoo), then aged against the site's previous run. Re-running replaces this run's breaks.
 */
class CompareStock implements Tasklet {

    private static final String BREAKS = """
            WITH latest AS (
                SELECT max(inbound_file_id) AS file FROM inventory_recon_stock
                 WHERE job_instance_id = :run AND side = 'W'),
            o AS (
                SELECT location, item, lot, sum(quantity) AS q FROM inventory_recon_stock
                 WHERE job_instance_id = :run AND side = 'O' GROUP BY location, item, lot),
            w_all AS (
                SELECT s.location, s.item, s.lot,
                       sum(s.quantity * CASE WHEN s.unit IS NULL OR s.unit = p.unit THEN 1
                                             ELSE coalesce(us.size / up.size, 1) END) AS q,
                       bool_or(p.item IS NULL) AS unknown_item, bool_or(l.name IS NULL) AS unknown_location
                  FROM inventory_recon_stock s
                  LEFT JOIN inventory_recon_product p ON p.job_instance_id = s.job_instance_id AND p.item = s.item
                  LEFT JOIN inventory_recon_location l ON l.job_instance_id = s.job_instance_id AND l.name = s.location
                  LEFT JOIN inventory_recon_unit us ON us.job_instance_id = s.job_instance_id AND us.name = s.unit
                  LEFT JOIN inventory_recon_unit up ON up.job_instance_id = s.job_instance_id AND up.name = p.unit
                 WHERE s.job_instance_id = :run AND s.side = 'W' AND s.inbound_file_id = (SELECT file FROM latest)
                 GROUP BY s.location, s.item, s.lot),
            w AS (SELECT * FROM w_all WHERE NOT unknown_item AND NOT unknown_location),
            j AS (
                SELECT coalesce(o.location, w.location) AS location, coalesce(o.item, w.item) AS item,
                       coalesce(o.lot, w.lot) AS lot, o.q AS oq, w.q AS wq
                  FROM o FULL OUTER JOIN w ON o.location = w.location AND o.item = w.item AND o.lot = w.lot),
            k AS (
                SELECT j.*, bool_or(coalesce(oq, 0) <> 0) OVER (PARTITION BY location, item) AS odoo_has_item,
                       bool_or(coalesce(wq, 0) <> 0) OVER (PARTITION BY location, item) AS wms_has_item
                  FROM j),
            c AS (
                SELECT k.location, k.item, k.lot, k.oq, k.wq, coalesce(k.wq, 0) - coalesce(k.oq, 0) AS diff,
                       CASE WHEN k.oq IS NOT NULL AND k.wq IS NOT NULL THEN 'QTY_MISMATCH'
                            WHEN k.lot <> '' AND k.odoo_has_item AND k.wms_has_item THEN 'LOT_MISMATCH'
                            WHEN k.oq IS NULL THEN 'MISSING_IN_ODOO'
                            ELSE 'MISSING_IN_WMS' END AS category,
                       p.cost, p.tolerance_absolute, p.tolerance_percent
                  FROM k JOIN inventory_recon_product p ON p.job_instance_id = :run AND p.item = k.item),
            breaks AS (
                SELECT category, location, item, lot, oq, wq, diff, round(diff * cost, 2) AS value FROM c
                 WHERE CASE WHEN category = 'LOT_MISMATCH' THEN diff <> 0
                            ELSE abs(diff) > greatest(tolerance_absolute,
                                                      tolerance_percent / 100 * abs(coalesce(oq, 0))) END
                UNION ALL
                SELECT CASE WHEN unknown_location THEN 'UNMAPPED_LOCATION' ELSE 'UNMAPPED_ITEM' END,
                       w_all.location, w_all.item, w_all.lot, NULL, w_all.q, w_all.q, round(w_all.q * p.cost, 2)
                  FROM w_all LEFT JOIN inventory_recon_product p ON p.job_instance_id = :run AND p.item = w_all.item
                 WHERE unknown_item OR unknown_location),
            previous AS (
                SELECT b.* FROM inventory_break b
                 WHERE b.job_instance_id = (SELECT previous_job_instance_id FROM inventory_recon_run
                                             WHERE job_instance_id = :run))
            INSERT INTO inventory_break (job_instance_id, site, category, location, item, lot, odoo_quantity,
                wms_quantity, difference, value, first_seen, nights_open, flagged)
            SELECT :run, :site, b.category, b.location, b.item, b.lot, b.oq, b.wq, b.diff, b.value,
                   coalesce(p.first_seen, :date), coalesce(p.nights_open, 0) + 1,
                   coalesce(p.nights_open, 0) + 1 >= :flagAfter
              FROM breaks b
              LEFT JOIN previous p ON p.category = b.category AND p.location = b.location AND p.item = b.item
                                  AND p.lot = b.lot""";

    private static final String SUMMARY = """
            UPDATE inventory_recon_run r SET
                   odoo_rows = (SELECT count(*) FROM inventory_recon_stock WHERE job_instance_id = :run AND side = 'O'),
                   wms_rows = (SELECT count(*) FROM inventory_recon_stock WHERE job_instance_id = :run AND side = 'W'),
                   breaks = (SELECT count(*) FROM inventory_break WHERE job_instance_id = :run),
                   break_value = (SELECT coalesce(sum(abs(value)), 0) FROM inventory_break WHERE job_instance_id = :run),
                   new_breaks = (SELECT count(*) FROM inventory_break WHERE job_instance_id = :run AND nights_open = 1),
                   flagged_breaks = (SELECT count(*) FROM inventory_break WHERE job_instance_id = :run AND flagged),
                   resolved_breaks = (
                       SELECT count(*) FROM inventory_break p
                        WHERE p.job_instance_id = r.previous_job_instance_id
                          AND NOT EXISTS (SELECT 1 FROM inventory_break b WHERE b.job_instance_id = :run
                                             AND b.category = p.category AND b.location = p.location
                                             AND b.item = p.item AND b.lot = p.lot))
             WHERE r.job_instance_id = :run""";

    private final JdbcClient jdbc;
    private final InventorySettings settings;

    CompareStock(JdbcClient jdbc, InventorySettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        long run = step.getJobExecution().getJobInstance().getId();
        String site = InventoryReconciliationJob.site(step.getJobParameters());
        LocalDate date = InventoryReconciliationJob.runDate(step.getJobParameters());
        boolean snapshot = jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM inventory_recon_stock WHERE job_instance_id = :run AND side = 'W')""")
                .param("run", run).query(Boolean.class).single();
        if (!snapshot) {
            // Without the warehouse's side every quant would be a false MISSING_IN_WMS break: refuse to report.
            throw new IllegalStateException("site " + site + ", " + date + ": no stock snapshot was staged (none dropped"
                    + ", or refused: see exception_record and inbound_file); drop it and restart the job");
        }
        jdbc.sql("""
                INSERT INTO inventory_recon_run (job_instance_id, site, run_date, previous_job_instance_id)
                SELECT :run, :site, :date, (
                       SELECT job_instance_id FROM inventory_recon_run
                        WHERE site = :site AND job_instance_id <> :run
                          AND (run_date < :date OR (run_date = :date AND job_instance_id < :run))
                        ORDER BY run_date DESC, job_instance_id DESC LIMIT 1)
                ON CONFLICT (job_instance_id) DO NOTHING""")
                .param("run", run).param("site", site).param("date", date).update();
        jdbc.sql("DELETE FROM inventory_break WHERE job_instance_id = :run").param("run", run).update();
        int breaks = jdbc.sql(BREAKS).param("run", run).param("site", site).param("date", date)
                .param("flagAfter", settings.flagAfterNights()).update();
        jdbc.sql(SUMMARY).param("run", run).update();
        contribution.incrementWriteCount(breaks);
        return RepeatStatus.FINISHED;
    }
}
