package dev.plantsync.reconciliation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.RecordPage;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Odoo's stock: every quant on the site's internal locations, read over {@link StageOdooQuants#READERS} connections and
 * staged with one COPY under the product that speaks for its code (see {@link StageOdooProducts}), so the comparison
 * compares by product id alone. Runs while the warehouse's snapshot is staged. Re-running the step replaces what it
 * staged.
 */
class StageOdooQuants implements Tasklet {

    /** Connections a model is read over at once: the two reads at once of the bench's paging reference. */
    static final int READERS = 2;

    private static final List<String> QUANT_FIELDS = List.of("product_id", "location_id", "lot_id", "quantity");

    private final OdooClient odoo;
    private final JdbcTemplate jdbc;
    private final InventoryStaging staging;
    private final InventorySettings settings;

    StageOdooQuants(OdooClient odoo, JdbcTemplate jdbc, InventoryStaging staging, InventorySettings settings) {
        this.odoo = odoo;
        this.jdbc = jdbc;
        this.staging = staging;
        this.settings = settings;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var step = chunkContext.getStepContext().getStepExecution();
        long instance = step.getJobExecution().getJobInstance().getId();
        List<String> scope = settings.locationsOf(InventoryReconciliationJob.site(step.getJobParameters()));
        Map<Integer, Integer> speaksFor = new HashMap<>(); // variants sharing a code: few
        jdbc.query("SELECT product_id, representative_id FROM inventory_recon_product_alias WHERE job_instance_id = ?",
                rs -> {
                    speaksFor.put(rs.getInt(1), rs.getInt(2));
                }, instance);

        Domain quants = Domain.and(Domain.eq("location_id.usage", "internal"),
                within("location_id.complete_name", scope));
        // Emptied in the step's transaction, so that the quants are COPYed into it frozen (see StockRows.odoo).
        jdbc.execute("TRUNCATE " + InventoryStaging.stock(instance, 'O'));
        int count;
        try (TakingTurns rows = new TakingTurns(StockRows.odoo(jdbc.getDataSource(), instance), speaksFor)) {
            try {
                Concurrently.each("inventory-quants", odoo.idRanges("stock.quant", quants, Map.of(), READERS),
                        range -> odoo.searchReadPages("stock.quant", range, QUANT_FIELDS, Map.of(), rows::add));
            } finally {
                rows.stop();
            }
            count = rows.count();
        }
        staging.counted(instance, 'O', count);
        for (int q = 0; q < count; q++) {
            contribution.incrementReadCount(); // the contribution is the step thread's: counted here, not per reader
        }
        contribution.incrementWriteCount(count);
        return RepeatStatus.FINISHED;
    }

    /**
     * One COPY on the step's connection that the readers of the id ranges take turns on, a page at a time. A reader
     * that failed leaves the others paging: once {@link #stop}ped, none may touch the connection, which then closes the
     * COPY and rolls the step back.
     */
    private static final class TakingTurns implements AutoCloseable {

        private final StockRows rows;
        private final Map<Integer, Integer> speaksFor;
        private boolean stopped;

        TakingTurns(StockRows rows, Map<Integer, Integer> speaksFor) {
            this.rows = rows;
            this.speaksFor = speaksFor;
        }

        /** A page of quants, each under the product that speaks for its code. */
        synchronized void add(RecordPage page) {
            if (stopped) {
                throw new IllegalStateException("stock.quant: another reader failed");
            }
            for (int q = 0; q < page.size(); q++) {
                String lot = page.text(q, 2);
                int product = page.many2oneId(q, 0);
                String quantity = page.text(q, 3); // a float as JSON wrote it, read exactly (not through a double)
                rows.addOdoo(page.text(q, 1), speaksFor.isEmpty() ? product : speaksFor.getOrDefault(product, product),
                        lot == null ? "" : lot, quantity == null ? 0 : Millionths.parse(quantity));
            }
        }

        synchronized void stop() {
            stopped = true;
        }

        int count() {
            return rows.count();
        }

        @Override
        public void close() {
            rows.close();
        }
    }

    /** The site's locations and everything below them; no condition when the site lists none. */
    static Domain within(String field, List<String> roots) {
        if (roots.isEmpty()) {
            return Domain.all();
        }
        Domain[] any = roots.stream().map(root -> Domain.or(Domain.eq(field, root),
                Domain.leaf(field, "=like", root.replace("%", "\\%").replace("_", "\\_") + "/%")))
                .toArray(Domain[]::new);
        return any.length == 1 ? any[0] : Domain.or(any);
    }
}
