package dev.plantsync.reconciliation;

import java.time.LocalDate;
import java.util.List;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The comparison, set-based: both staged sides full-outer-joined by location, item and lot, the warehouse quantity
 * converted to the product's unit. Only rows whose quantities differ go on (an equal pair can never be a break), so
 * the rest of the query works on the few. Each difference beyond the category's tolerance is a break valued at the
 * product's cost (warehouse minus Odoo), then aged against the site's previous run. Re-running replaces this run's
 * breaks.
 */
class CompareStock implements Tasklet {

    /**
     * Pass 1 over the million, one aggregation over both sides at once (no join of two aggregates): the
     * location/item/lot whose quantities differ, and the snapshot lines naming a location or item Odoo does not have.
     * The warehouse's rows are joined to products (unit conversion, unknown codes); Odoo's rows, staged by product id,
     * only to the id -> code map of the run. A table of its own so that pass 2 is planned on its true (small) size.
     */
    private static final String DIFFERENCES = """
            CREATE TEMPORARY TABLE inventory_recon_difference ON COMMIT DROP AS
            WITH latest AS (
                SELECT max(inbound_file_id) AS file FROM inventory_recon_stock
                 WHERE job_instance_id = :run AND side = 'W'),
            side_rows AS (
                SELECT s.location, coalesce(c.item, '#' || s.product_id) AS item, s.lot, s.quantity AS oq,
                       CAST(NULL AS NUMERIC) AS wq, false AS unknown_item, false AS unknown_location
                  FROM inventory_recon_stock s
                  LEFT JOIN inventory_recon_product_code c ON c.job_instance_id = s.job_instance_id
                                                           AND c.product_id = s.product_id
                 WHERE s.job_instance_id = :run AND s.side = 'O'
                UNION ALL
                SELECT s.location, s.item, s.lot, NULL,
                       s.quantity * CASE WHEN s.unit IS NULL OR s.unit = p.unit THEN 1
                                         ELSE coalesce(us.size / up.size, 1) END,
                       p.item IS NULL, l.name IS NULL
                  FROM inventory_recon_stock s
                  LEFT JOIN inventory_recon_product p ON p.job_instance_id = s.job_instance_id AND p.item = s.item
                  LEFT JOIN inventory_recon_location l ON l.job_instance_id = s.job_instance_id AND l.name = s.location
                  LEFT JOIN inventory_recon_unit us ON us.job_instance_id = s.job_instance_id AND us.name = s.unit
                  LEFT JOIN inventory_recon_unit up ON up.job_instance_id = s.job_instance_id AND up.name = p.unit
                 WHERE s.job_instance_id = :run AND s.side = 'W' AND s.inbound_file_id = (SELECT file FROM latest)),
            g AS (
                SELECT location, item, lot, sum(oq) AS oq, sum(wq) AS wq, bool_or(unknown_item) AS unknown_item,
                       bool_or(unknown_location) AS unknown_location
                  FROM side_rows GROUP BY location, item, lot)
            SELECT location, item, lot, oq, wq,
                   CASE WHEN unknown_location THEN 'UNMAPPED_LOCATION' WHEN unknown_item THEN 'UNMAPPED_ITEM' END
                       AS unmapped
              FROM g WHERE unknown_item OR unknown_location OR coalesce(oq, 0) <> coalesce(wq, 0)""";

    /** Pass 2, on the differences only: categories, tolerances, value at cost, aging against the previous run. */
    private static final String BREAKS = """
            WITH j AS (SELECT location, item, lot, oq, wq FROM inventory_recon_difference WHERE unmapped IS NULL),
            lotted AS (SELECT DISTINCT location, item FROM j WHERE lot <> ''),
            odoo_has AS (
                SELECT DISTINCT s.location, c.item FROM inventory_recon_stock s
                  JOIN inventory_recon_product_code c ON c.job_instance_id = s.job_instance_id
                                                      AND c.product_id = s.product_id
                  JOIN lotted l ON l.location = s.location AND l.item = c.item
                 WHERE s.job_instance_id = :run AND s.side = 'O' AND s.quantity <> 0),
            wms_has AS (
                SELECT DISTINCT s.location, s.item FROM inventory_recon_stock s JOIN lotted l USING (location, item)
                 WHERE s.job_instance_id = :run AND s.side = 'W' AND s.quantity <> 0
                   AND s.inbound_file_id = (SELECT max(inbound_file_id) FROM inventory_recon_stock
                                             WHERE job_instance_id = :run AND side = 'W')),
            c AS (
                SELECT j.location, j.item, j.lot, j.oq, j.wq, coalesce(j.wq, 0) - coalesce(j.oq, 0) AS diff,
                       CASE WHEN j.oq IS NOT NULL AND j.wq IS NOT NULL THEN 'QTY_MISMATCH'
                            WHEN j.lot <> '' AND oh.item IS NOT NULL AND wh.item IS NOT NULL THEN 'LOT_MISMATCH'
                            WHEN j.oq IS NULL THEN 'MISSING_IN_ODOO'
                            ELSE 'MISSING_IN_WMS' END AS category,
                       p.cost, p.tolerance_absolute, p.tolerance_percent
                  FROM j JOIN inventory_recon_product p ON p.job_instance_id = :run AND p.item = j.item
                  LEFT JOIN odoo_has oh ON oh.location = j.location AND oh.item = j.item
                  LEFT JOIN wms_has wh ON wh.location = j.location AND wh.item = j.item),
            breaks AS (
                SELECT category, location, item, lot, oq, wq, diff, round(diff * cost, 2) AS value FROM c
                 WHERE CASE WHEN category = 'LOT_MISMATCH' THEN diff <> 0
                            ELSE abs(diff) > greatest(tolerance_absolute,
                                                      tolerance_percent / 100 * abs(coalesce(oq, 0))) END
                UNION ALL
                SELECT d.unmapped, d.location, d.item, d.lot, NULL, d.wq, d.wq, round(d.wq * p.cost, 2)
                  FROM inventory_recon_difference d
                  LEFT JOIN inventory_recon_product p ON p.job_instance_id = :run AND p.item = d.item
                 WHERE d.unmapped IS NOT NULL),
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
        // Freshly staged rows have no statistics yet: without them the planner guesses a handful of rows and picks
        // nested loops over a million; and the join's hashes must fit in memory rather than spill to disk.
        for (String table : List.of("inventory_recon_stock", "inventory_recon_product", "inventory_recon_location",
                "inventory_recon_unit", "inventory_recon_product_code")) {
            jdbc.sql("ANALYZE " + table).update();
        }
        jdbc.sql("SET LOCAL work_mem = '" + settings.compareWorkMem() + "'").update();
        jdbc.sql("SET LOCAL max_parallel_workers_per_gather = " + settings.compareParallelWorkers()).update();
        jdbc.sql("DROP TABLE IF EXISTS inventory_recon_difference").update();
        jdbc.sql(DIFFERENCES).param("run", run).update();
        jdbc.sql("ANALYZE inventory_recon_difference").update();
        int breaks = jdbc.sql(BREAKS).param("run", run).param("site", site).param("date", date)
                .param("flagAfter", settings.flagAfterNights()).update();
        jdbc.sql(SUMMARY).param("run", run).update();
        contribution.incrementWriteCount(breaks);
        return RepeatStatus.FINISHED;
    }
}
