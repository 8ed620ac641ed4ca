package dev.plantsync.reconciliation;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where a run's staged rows live: a partition of {@code inventory_recon_stock} per run with a leaf per side, and a
 * partition of {@code inventory_recon_product} per run. A side is re-staged by truncating its leaf and read without
 * touching any other run or side; a run's staged rows go with a DROP once the site has {@code keep} newer runs.
 */
final class InventoryStaging {

    private static final Logger log = LoggerFactory.getLogger(InventoryStaging.class);

    /** Runs whose staged rows may go: not running, not among their site's latest, and compared or given up on. */
    private static final String DROPPABLE = """
            WITH staged AS (
                SELECT substring(c.relname FROM '^inventory_recon_(?:stock|product)_r([0-9]+)$')::bigint AS run
                  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                 WHERE p.relname IN ('inventory_recon_stock', 'inventory_recon_product')),
            latest AS (
                SELECT job_instance_id FROM (
                    SELECT job_instance_id, row_number() OVER (PARTITION BY site
                                                               ORDER BY run_date DESC, job_instance_id DESC) AS n
                      FROM inventory_recon_run) r
                 WHERE n <= ?)
            SELECT DISTINCT s.run FROM staged s
             WHERE s.run IS NOT NULL AND s.run <> ?
               AND s.run NOT IN (SELECT job_instance_id FROM latest)
               AND NOT EXISTS (SELECT 1 FROM batch_job_execution e WHERE e.job_instance_id = s.run
                                  AND (e.status IN ('STARTING', 'STARTED', 'STOPPING')
                                       OR (e.status <> 'COMPLETED' AND e.create_time > now() - INTERVAL '7 days'
                                           AND NOT EXISTS (SELECT 1 FROM inventory_recon_run r
                                                            WHERE r.job_instance_id = s.run))))
             ORDER BY s.run""";

    /** A run's few rows next to its partitions, in tables of their own. */
    private static final List<String> REFERENCE_DATA = List.of("inventory_recon_location", "inventory_recon_unit",
            "inventory_recon_product_alias", "inventory_recon_staged");

    private static final String NO_AUTOVACUUM = " WITH (autovacuum_enabled = false)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate alone;

    InventoryStaging(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.alone = new TransactionTemplate(transactions);
        this.alone.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    static String stock(long run, char side) {
        return "inventory_recon_stock_r" + run + "_" + Character.toLowerCase(side);
    }

    static String products(long run) {
        return "inventory_recon_product_r" + run;
    }

    /**
     * The run's partitions, if not there yet (a restarted run keeps its own). What is read from Odoo is UNLOGGED: it is
     * read again whenever the run is (re)started, so a crash that empties it loses nothing, and it skips the WAL of
     * two million rows. The warehouse's side is logged: it commits with its file's STAGED mark. No autovacuum: the rows
     * are written once, analyzed by the comparison itself and dropped two runs later, so a vacuum and an analyze of a
     * million fresh rows each, started in the middle of the comparison, would only compete with it.
     */
    void create(long run) {
        jdbc.execute("CREATE TABLE IF NOT EXISTS inventory_recon_stock_r" + run
                + " PARTITION OF inventory_recon_stock FOR VALUES IN (" + run + ") PARTITION BY LIST (side)");
        for (char side : new char[] {'O', 'W'}) {
            // Odoo's side UNLOGGED, the warehouse's logged (see above)
            jdbc.execute("CREATE " + (side == 'O' ? "UNLOGGED " : "") + "TABLE IF NOT EXISTS " + stock(run, side)
                    + " PARTITION OF inventory_recon_stock_r" + run + " FOR VALUES IN ('" + side + "')"
                    + NO_AUTOVACUUM);
            // Rows COPYed into the leaf itself leave out what is the same for all of them: two columns fewer to
            // encode and parse per row (set on every start, so that a run created before this also has them).
            jdbc.execute("ALTER TABLE " + stock(run, side) + " ALTER COLUMN job_instance_id SET DEFAULT " + run
                    + ", ALTER COLUMN side SET DEFAULT '" + side + "'");
        }
        jdbc.execute("CREATE UNLOGGED TABLE IF NOT EXISTS " + products(run) + " PARTITION OF inventory_recon_product"
                + " FOR VALUES IN (" + run + ")" + NO_AUTOVACUUM);
    }

    /**
     * Records how many rows a side of the run holds (the report's totals compared), in the transaction that staged
     * them.
     */
    void counted(long run, char side, long rows) {
        jdbc.update("""
                INSERT INTO inventory_recon_staged (job_instance_id, side, staged_rows) VALUES (?, ?, ?)
                ON CONFLICT (job_instance_id, side) DO UPDATE SET staged_rows = EXCLUDED.staged_rows""", run,
                String.valueOf(side), rows);
    }

    /**
     * The run's locations, units, products and aliases (and its sides' counts) go before Odoo's are staged again, in a
     * transaction of its own: the readers that fill them again write through connections of their own, which the
     * step's transaction would otherwise keep waiting on its TRUNCATE's lock.
     */
    void emptyReferenceData(long run) {
        alone.executeWithoutResult(tx -> {
            jdbc.execute("TRUNCATE " + products(run));
            for (String table : REFERENCE_DATA) {
                jdbc.update("DELETE FROM " + table + " WHERE job_instance_id = ?", run);
            }
        });
    }

    /**
     * Drops the staged rows of runs older than each site's latest {@code keep}, with their few locations, units and
     * aliases (a failed run awaiting its restart keeps them for 7 days). Dropping a partition locks its parent: another
     * site's run holding it meanwhile makes this wait at most 5 s, then the drop is left for the next night.
     */
    List<Long> purge(long current, int keep) {
        List<Long> runs = jdbc.queryForList(DROPPABLE, Long.class, keep, current);
        for (long run : runs) {
            try {
                alone.executeWithoutResult(tx -> {
                    jdbc.execute("SET LOCAL lock_timeout = '5s'");
                    jdbc.execute("DROP TABLE IF EXISTS inventory_recon_stock_r" + run);
                    jdbc.execute("DROP TABLE IF EXISTS " + products(run));
                    for (String small : REFERENCE_DATA) {
                        jdbc.update("DELETE FROM " + small + " WHERE job_instance_id = ?", run);
                    }
                    // a comparison that failed midway leaves its first pass behind
                    jdbc.update("DELETE FROM inventory_recon_difference WHERE job_instance_id = ?", run);
                });
            } catch (DataAccessException e) {
                log.warn("staged rows of inventory run {} left for the next night: {}", run, e.getMessage());
            }
        }
        return runs;
    }
}
