package dev.plantsync.reconciliation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooRecord;
import dev.plantsync.odoo.UnitSizes;
import dev.plantsync.platform.CopyRows;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;

/**
 * Odoo's reference data for the night, read first so that the warehouse's lines can be resolved against it while the
 * quants are still paging: the site's internal locations (those listed for it in the settings, with everything below
 * them, or all), units, and products (unit, category, cost, tolerance) read over {@link StageOdooQuants#READERS}
 * connections and staged with COPY. Re-running the step replaces what it staged.
 */
class StageOdooProducts implements Tasklet {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StageOdooProducts.class);

    private static final List<String> PRODUCT_FIELDS = List.of("default_code", "categ_id", "uom_id", "standard_price");

    private final OdooClient odoo;
    private final JdbcTemplate jdbc;
    private final InventoryStaging staging;
    private final InventorySettings settings;
    private final ProductCodesByExecution handOver;

    StageOdooProducts(OdooClient odoo, JdbcTemplate jdbc, InventoryStaging staging, InventorySettings settings,
            ProductCodesByExecution handOver) {
        this.odoo = odoo;
        this.jdbc = jdbc;
        this.staging = staging;
        this.settings = settings;
        this.handOver = handOver;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var step = chunkContext.getStepContext().getStepExecution();
        long instance = step.getJobExecution().getJobInstance().getId();
        List<String> scope = settings.locationsOf(InventoryReconciliationJob.site(step.getJobParameters()));
        staging.emptyReferenceData(instance);

        Domain internal = Domain.and(Domain.eq("usage", "internal"), StageOdooQuants.within("complete_name", scope));
        try (Stream<OdooRecord> locations = odoo.searchReadAll("stock.location", internal, List.of("complete_name"),
                Map.of())) {
            jdbc.batchUpdate("INSERT INTO inventory_recon_location (job_instance_id, name) VALUES (?, ?)",
                    locations.map(l -> new Object[] {instance, l.getString("complete_name")}).toList());
        }
        jdbc.batchUpdate("INSERT INTO inventory_recon_unit (job_instance_id, name, size) VALUES (?, ?, ?)",
                UnitSizes.read(odoo, Domain.all()).entrySet().stream()
                        .map(u -> new Object[] {instance, u.getKey(), u.getValue()}).toList());

        Map<String, Object> archivedToo = Map.of("active_test", false);
        // a few categories for a million products: each category's tolerance looked up and written as text once
        Map<String, String[]> tolerances = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        List<ProductCodes> firsts = Concurrently.each("inventory-products",
                odoo.idRanges("product.product", Domain.all(), archivedToo, StageOdooQuants.READERS),
                range -> stageProducts(instance, range, archivedToo, tolerances));
        long read = System.nanoTime();
        speakForAcrossRanges(instance, firsts);
        log.info("products read and staged in {} ms, codes merged across id ranges in {} ms",
                (read - start) / 1_000_000, (System.nanoTime() - read) / 1_000_000);
        if (!firsts.isEmpty()) {
            handOver.put(step.getJobExecutionId(), firsts.get(0));
            contribution.incrementWriteCount(firsts.get(0).size());
        }
        return RepeatStatus.FINISHED;
    }

    /**
     * Products are keyed by internal reference (default code), the code the warehouse knows them by, and carry their
     * Odoo id, by which quants are compared. Two variants sharing a code are compared under the first (lowest id): the
     * other goes to {@code inventory_recon_product_alias}. Within a range, pages come in id order; across ranges, see
     * {@link #speakForAcrossRanges}.
     */
    private ProductCodes stageProducts(long instance, Domain range, Map<String, Object> context,
            Map<String, String[]> tolerances) {
        ProductCodes speaksFor = new ProductCodes();
        try (CopyRows rows = new CopyRows(jdbc.getDataSource(), InventoryStaging.products(instance), List.of(
                        "job_instance_id", "item", "product_id", "category", "unit", "cost", "tolerance_absolute",
                        "tolerance_percent"));
                CopyRows aliases = new CopyRows(jdbc.getDataSource(), "inventory_recon_product_alias", List.of(
                        "job_instance_id", "product_id", "representative_id"))) {
            odoo.searchReadPages("product.product", range, PRODUCT_FIELDS, context, page -> {
                for (int p = 0; p < page.size(); p++) {
                    int id = page.id(p);
                    String code = page.text(p, 0);
                    boolean coded = code != null && !code.isBlank();
                    String item = coded ? code : "#" + id;
                    String unit = page.text(p, 2);
                    int first = speaksFor.putIfAbsent(item, id, unit);
                    if (coded && first != id) {
                        aliases.add(instance, id, first);
                        continue;
                    }
                    String category = page.text(p, 1);
                    String[] tolerance = tolerances.computeIfAbsent(category == null ? "" : category, c -> {
                        InventorySettings.Tolerance t = settings.toleranceFor(category);
                        return new String[] {t.absolute().toPlainString(), t.percent().toPlainString()};
                    });
                    rows.add(instance, item, id, category, unit, StageOdooQuants.number(page.text(p, 3)),
                            tolerance[0], tolerance[1]);
                }
            });
        }
        return speaksFor;
    }

    /**
     * A code first seen in a higher range that a lower range has too: the lower range's product speaks for it, so the
     * higher one's staged row goes, it becomes an alias, and so do the aliases that pointed at it. Uncoded products
     * (item {@code #id}) speak for themselves.
     */
    private void speakForAcrossRanges(long instance, List<ProductCodes> firsts) {
        List<Integer> displaced = new ArrayList<>();
        List<Integer> speakers = new ArrayList<>();
        for (ProductCodes higher : firsts.subList(Math.min(1, firsts.size()), firsts.size())) {
            higher.forEach((code, id, unit) -> {
                int first = firsts.get(0).putIfAbsent(code, id, unit);
                if (first != id) {
                    displaced.add(id);
                    speakers.add(first);
                }
            });
        }
        if (displaced.isEmpty()) {
            return;
        }
        // set-based: the staged products have no index, a statement per product would scan them each time
        PreparedStatementSetter pairs = ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("integer", displaced.toArray()));
            ps.setArray(2, ps.getConnection().createArrayOf("integer", speakers.toArray()));
            ps.setLong(3, instance);
        };
        jdbc.update("DELETE FROM " + InventoryStaging.products(instance) + " WHERE product_id = ANY (?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("integer", displaced.toArray())));
        jdbc.update("""
                UPDATE inventory_recon_product_alias a SET representative_id = d.first
                  FROM unnest(?, ?) AS d (id, first)
                 WHERE a.job_instance_id = ? AND a.representative_id = d.id""", pairs);
        jdbc.update("""
                INSERT INTO inventory_recon_product_alias (product_id, representative_id, job_instance_id)
                SELECT d.id, d.first, r.run FROM unnest(?, ?) AS d (id, first), (SELECT CAST(? AS BIGINT) AS run) r""",
                pairs);
    }
}
