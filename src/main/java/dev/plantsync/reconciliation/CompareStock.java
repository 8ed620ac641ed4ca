package dev.plantsync.reconciliation;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import dev.plantsync.platform.CopyRows;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The comparison, set-based: both staged sides summed together by location, product and lot, their quantities staged
 * in the product's unit (the full outer join of the two sides, done as one aggregation). Only rows whose quantities
 * differ go on (an equal pair can never be a break), so the rest of the query works on the few. Each difference beyond
 * the category's tolerance is a break valued at the product's cost (warehouse minus Odoo), then aged against the
 * site's previous run. Re-running replaces this run's breaks.
 */
class CompareStock implements Tasklet {

    /**
     * Pass 1 over the million, one aggregation over both sides at once (no join of two aggregates): the location,
     * product and lot whose quantities differ, and the snapshot lines naming a location or item Odoo does not have.
     * Both sides come staged by product id, in the product's unit: quants under the product that speaks for their code
     * ({@link StageOdooQuants}), snapshot lines as {@link SnapshotResolver} resolved them, so nothing is joined here.
     * Run as {@code {slices}} slices at once, each over the product ids that leave {@code {slice}} divided by their
     * number (lines of unknown items go with slice 0): the slices' hash tables are smaller and use the other cores
     * (1M groups: 4.0-4.4 s whole, 2.3-2.5 s as two slices on two cores; PostgreSQL's own parallel aggregation did
     * the work twice). Quantities come staged as whole millionths ({@link Millionths}, V31) and are summed by
     * {@code exact_sum} (V30), kept by value: a numeric sum per group cost twice as much, the built-in bigint sum's
     * 128-bit state ~25% more, and making millionths of a staged numeric here ~0.22 s per million rows. Keys as text:
     * the planner sizes the hash table by the declared varchar widths and spilled to disk at 190 MB.
     */
    private static final String DIFFERENCES = """
            INSERT INTO inventory_recon_difference (job_instance_id, location, product_id, lot, unmapped, unknown_item,
                                                    oq, wq)
            WITH side_rows AS (
                SELECT CAST(location AS TEXT) AS location, product_id, CAST(lot AS TEXT) AS lot,
                       CAST(NULL AS TEXT) AS unmapped, CAST(NULL AS TEXT) AS unknown_item,
                       millionths AS oq, CAST(NULL AS BIGINT) AS wq
                  FROM {odoo_side}
                 WHERE product_id % {slices} = {slice}
                UNION ALL
                SELECT CAST(location AS TEXT), product_id, CAST(lot AS TEXT), CAST(unmapped AS TEXT),
                       CASE WHEN product_id IS NULL THEN CAST(item AS TEXT) END, NULL, millionths
                  FROM {warehouse_side}
                 WHERE coalesce(product_id, 0) % {slices} = {slice})
            SELECT {run}, location, product_id, lot, unmapped, unknown_item,
                   CAST(exact_sum(oq) AS NUMERIC), CAST(exact_sum(wq) AS NUMERIC)
              FROM side_rows GROUP BY location, product_id, lot, unmapped, unknown_item
            HAVING unmapped IS NOT NULL OR coalesce(exact_sum(oq), 0) <> coalesce(exact_sum(wq), 0)""";

    /**
     * Pass 2, on the differences only: items named, categories, tolerances, value at cost, aging against the previous
     * run. A quant whose product is missing from the products read (created in between) is named by its id.
     */
    private static final String BREAKS = """
            WITH d AS (
                SELECT d.location, coalesce(p.item, d.unknown_item, '#' || d.product_id) AS item, d.product_id, d.lot,
                       d.oq / 1000000 AS oq, d.wq / 1000000 AS wq, d.unmapped, p.cost,
                       coalesce(p.tolerance_absolute, 0) AS tolerance_absolute,
                       coalesce(p.tolerance_percent, 0) AS tolerance_percent
                  FROM inventory_recon_difference d
                  LEFT JOIN {products} p ON p.product_id = d.product_id
                 WHERE d.job_instance_id = :run),
            lotted AS (SELECT DISTINCT location, product_id FROM d WHERE unmapped IS NULL AND lot <> ''),
            odoo_has AS (
                SELECT DISTINCT l.location, l.product_id FROM {odoo_side} s
                  JOIN lotted l ON l.location = s.location AND l.product_id = s.product_id
                 WHERE s.millionths <> 0),
            wms_has AS (
                SELECT DISTINCT l.location, l.product_id FROM {warehouse_side} s
                  JOIN lotted l ON l.location = s.location AND l.product_id = s.product_id
                 WHERE s.millionths <> 0),
            c AS (
                SELECT d.location, d.item, d.lot, d.oq, d.wq, coalesce(d.wq, 0) - coalesce(d.oq, 0) AS diff,
                       CASE WHEN d.oq IS NOT NULL AND d.wq IS NOT NULL THEN 'QTY_MISMATCH'
                            WHEN d.lot <> '' AND oh.product_id IS NOT NULL AND wh.product_id IS NOT NULL
                                THEN 'LOT_MISMATCH'
                            WHEN d.oq IS NULL THEN 'MISSING_IN_ODOO'
                            ELSE 'MISSING_IN_WMS' END AS category,
                       d.cost, d.tolerance_absolute, d.tolerance_percent
                  FROM d
                  LEFT JOIN odoo_has oh ON oh.location = d.location AND oh.product_id = d.product_id
                  LEFT JOIN wms_has wh ON wh.location = d.location AND wh.product_id = d.product_id
                 WHERE d.unmapped IS NULL),
            breaks AS (
                SELECT category, location, item, lot, oq, wq, diff, round(diff * cost, 2) AS value FROM c
                 WHERE CASE WHEN category = 'LOT_MISMATCH' THEN diff <> 0
                            ELSE abs(diff) > greatest(tolerance_absolute,
                                                      tolerance_percent / 100 * abs(coalesce(oq, 0))) END
                UNION ALL
                SELECT unmapped, location, item, lot, NULL, wq, wq, round(wq * cost, 2) FROM d
                 WHERE unmapped IS NOT NULL),
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
                   odoo_rows = (SELECT staged_rows FROM inventory_recon_staged WHERE job_instance_id = :run
                                   AND side = 'O'),
                   wms_rows = (SELECT staged_rows FROM inventory_recon_staged WHERE job_instance_id = :run
                                  AND side = 'W'),
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
    private final DataSource dataSource;
    private final InventorySettings settings;
    private final ProductCodesByExecution productsRead;
    /** Work committed on a connection of its own: the statistics and slices that other connections must see. */
    private final TransactionTemplate alone;

    CompareStock(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions,
            InventorySettings settings, ProductCodesByExecution productsRead) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.settings = settings;
        this.productsRead = productsRead;
        this.alone = new TransactionTemplate(transactions);
        this.alone.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        long run = step.getJobExecution().getJobInstance().getId();
        String site = InventoryReconciliationJob.site(step.getJobParameters());
        LocalDate date = InventoryReconciliationJob.runDate(step.getJobParameters());
        boolean snapshot = jdbc.sql(forRun("SELECT EXISTS (SELECT 1 FROM {warehouse_side})", run))
                .query(Boolean.class).single();
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
        jdbc.sql("DELETE FROM inventory_recon_difference WHERE job_instance_id = :run").param("run", run).update();
        analyzeStaged(run);
        Concurrently.each("inventory-compare", IntStream.range(0, settings.compareSlices()).boxed().toList(),
                slice -> differences(run, slice));
        stageReportedProducts(run, productsRead.get(step.getJobExecutionId()));
        jdbc.sql("ANALYZE inventory_recon_difference").update();
        jdbc.sql("ANALYZE " + InventoryStaging.products(run)).update();
        int breaks = jdbc.sql(forRun(BREAKS, run)).param("run", run).param("site", site).param("date", date)
                .param("flagAfter", settings.flagAfterNights()).update();
        jdbc.sql(SUMMARY).param("run", run).update();
        jdbc.sql("DELETE FROM inventory_recon_difference WHERE job_instance_id = :run").param("run", run).update();
        contribution.incrementWriteCount(breaks);
        return RepeatStatus.FINISHED;
    }

    /**
     * Freshly staged rows have no statistics yet: without them the planner guesses a handful of rows and picks nested
     * loops over a million, or sorts. Row counts and "unique or not" are all the plans need: a 3,000-row sample
     * (statistics target 10) instead of 30,000. Committed on a connection of its own, so the slices plan with them.
     */
    private void analyzeStaged(long run) {
        alone.executeWithoutResult(tx -> {
            jdbc.sql("SET LOCAL default_statistics_target = 10").update();
            for (String table : List.of(InventoryStaging.stock(run, 'O'), InventoryStaging.stock(run, 'W'))) {
                jdbc.sql("ANALYZE " + table).update();
            }
        });
    }

    /**
     * The products pass 2 reports on (those with a difference), with their item code, unit, category, cost and the
     * category's tolerance, staged from what the products step read: a few thousand rows rather than a million.
     */
    private void stageReportedProducts(long run, ProductCodes products) {
        int[] reported = jdbc.sql("SELECT DISTINCT product_id FROM inventory_recon_difference"
                + " WHERE job_instance_id = :run AND product_id IS NOT NULL").param("run", run).query(Integer.class)
                .list().stream().mapToInt(Integer::intValue).sorted().toArray();
        jdbc.sql("TRUNCATE " + InventoryStaging.products(run)).update();
        Map<String, InventorySettings.Tolerance> tolerances = new HashMap<>();
        try (CopyRows rows = new CopyRows(dataSource, InventoryStaging.products(run), List.of("job_instance_id", "item",
                "product_id", "category", "unit", "cost", "tolerance_absolute", "tolerance_percent"))) {
            products.forEachOf(reported, (code, id, unit, category, cost) -> {
                InventorySettings.Tolerance tolerance = tolerances.computeIfAbsent(category == null ? "" : category,
                        c -> settings.toleranceFor(category));
                rows.add(run, code, id, category, unit, Double.toString(cost), tolerance.absolute(),
                        tolerance.percent());
            });
        }
    }

    /** One slice of pass 1, committed on a connection of its own (see {@link #DIFFERENCES}). */
    private Void differences(long run, int slice) {
        alone.executeWithoutResult(tx -> {
            jdbc.sql("SET LOCAL work_mem = '" + settings.compareWorkMem() + "'").update();
            jdbc.sql("SET LOCAL max_parallel_workers_per_gather = 0").update();
            jdbc.sql(forRun(DIFFERENCES, run).replace("{slices}", String.valueOf(settings.compareSlices()))
                    .replace("{slice}", String.valueOf(slice)).replace("{run}", String.valueOf(run))).update();
        });
        return null;
    }

    /**
     * The run's partitions by name (see {@link InventoryStaging}): joined through the partitioned parents, the planner
     * estimated from the parents' (absent) statistics, 5 billion rows for a join of two million, and sorted for it.
     */
    private static String forRun(String sql, long run) {
        return sql.replace("{odoo_side}", InventoryStaging.stock(run, 'O'))
                .replace("{warehouse_side}", InventoryStaging.stock(run, 'W'))
                .replace("{products}", InventoryStaging.products(run));
    }
}
