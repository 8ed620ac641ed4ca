package dev.plantsync.reconciliation;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
 * them, or all) and units, staged; products (code, unit, category, cost) read over {@link StageOdooQuants#READERS}
 * connections into {@link ProductCodes}, handed to the execution's later steps. Re-running the step replaces it all.
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
        long start = System.nanoTime();
        ProductCodes codes = new ProductCodes();
        List<Domain> ranges = odoo.idRanges("product.product", Domain.all(), archivedToo, StageOdooQuants.READERS);
        long read = System.nanoTime();
        Concurrently.each("inventory-products", ranges, range -> readProducts(instance, range, archivedToo, codes));
        Map<Integer, Integer> displaced = codes.displaced();
        aliasDisplaced(instance, displaced);
        log.info("{} products: cut into {} id ranges in {} ms, read in {} ms, {} displaced across ranges",
                codes.size(), ranges.size(), (read - start) / 1_000_000, (System.nanoTime() - read) / 1_000_000,
                displaced.size());
        handOver.put(step.getJobExecutionId(), codes);
        contribution.incrementWriteCount(codes.size());
        return RepeatStatus.FINISHED;
    }

    /**
     * Products are kept in memory by internal reference (default code), the code the warehouse knows them by, with
     * their Odoo id, by which quants are compared, unit, category and cost; the comparison stages the few it reports
     * on (a million staged with COPY cost ~1.5 CPU-s while Odoo was paging). Two variants sharing a code are compared
     * under the lowest id: the other goes to {@code inventory_recon_product_alias}. The ranges are read at once into
     * the same {@link ProductCodes}; within a range pages come in id order, across ranges see {@link #aliasDisplaced}.
     */
    private Void readProducts(long instance, Domain range, Map<String, Object> context, ProductCodes codes) {
        try (CopyRows aliases = new CopyRows(jdbc.getDataSource(), "inventory_recon_product_alias", List.of(
                "job_instance_id", "product_id", "representative_id"))) {
            odoo.searchReadPages("product.product", range, PRODUCT_FIELDS, context, page -> {
                for (int p = 0; p < page.size(); p++) {
                    int id = page.id(p);
                    String code = page.text(p, 0);
                    boolean coded = code != null && !code.isBlank();
                    String cost = page.text(p, 3);
                    int speaker = codes.putLowest(coded ? code : "#" + id, id, page.text(p, 2), page.text(p, 1),
                            cost == null ? 0 : Double.parseDouble(cost));
                    if (coded && speaker != id) {
                        aliases.add(instance, id, speaker);
                    }
                }
            });
        }
        return null;
    }

    /**
     * A product of a higher range that spoke for its code until a lower range's product of the same code came: it
     * becomes an alias of the product speaking for the code now, and so do the aliases that pointed at it. Uncoded
     * products (item {@code #id}) never share a code.
     */
    private void aliasDisplaced(long instance, Map<Integer, Integer> displaced) {
        if (displaced.isEmpty()) {
            return;
        }
        Integer[] ids = displaced.keySet().toArray(Integer[]::new);
        Integer[] speakers = Arrays.stream(ids).map(displaced::get).toArray(Integer[]::new);
        PreparedStatementSetter pairs = ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("integer", ids));
            ps.setArray(2, ps.getConnection().createArrayOf("integer", speakers));
            ps.setLong(3, instance);
        };
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
