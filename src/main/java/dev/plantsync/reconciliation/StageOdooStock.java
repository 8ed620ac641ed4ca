package dev.plantsync.reconciliation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooRecord;
import dev.plantsync.odoo.UnitSizes;
import dev.plantsync.platform.CopyRows;
import org.slf4j.MDC;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Odoo's side of the night: the site's internal locations (those listed for it in the settings, with everything
 * below them, or all), products (unit, category, cost, tolerance), units and every quant on those locations, read page
 * by page and staged with COPY. Re-running the step replaces what it staged.
 */
class StageOdooStock implements Tasklet {

    private static final List<String> QUANT_FIELDS = List.of("product_id", "location_id", "lot_id", "quantity");
    private static final List<String> PRODUCT_FIELDS = List.of("default_code", "categ_id", "uom_id", "standard_price");

    private final OdooClient odoo;
    private final JdbcTemplate jdbc;
    private final InventorySettings settings;

    StageOdooStock(OdooClient odoo, JdbcTemplate jdbc, InventorySettings settings) {
        this.odoo = odoo;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var step = chunkContext.getStepContext().getStepExecution();
        long instance = step.getJobExecution().getJobInstance().getId();
        List<String> scope = settings.locationsOf(InventoryReconciliationJob.site(step.getJobParameters()));
        for (String table : List.of("inventory_recon_location", "inventory_recon_unit", "inventory_recon_product_alias")) {
            jdbc.update("DELETE FROM " + table + " WHERE job_instance_id = ?", instance);
        }
        jdbc.execute("TRUNCATE " + InventoryStaging.stock(instance, 'O'));

        Domain internal = Domain.and(Domain.eq("usage", "internal"), within("complete_name", scope));
        try (Stream<OdooRecord> locations = odoo.searchReadAll("stock.location", internal, List.of("complete_name"),
                Map.of())) {
            jdbc.batchUpdate("INSERT INTO inventory_recon_location (job_instance_id, name) VALUES (?, ?)",
                    locations.map(l -> new Object[] {instance, l.getString("complete_name")}).toList());
        }
        jdbc.batchUpdate("INSERT INTO inventory_recon_unit (job_instance_id, name, size) VALUES (?, ?, ?)",
                UnitSizes.read(odoo, Domain.all()).entrySet().stream()
                        .map(u -> new Object[] {instance, u.getKey(), u.getValue()}).toList());

        // Products and quants are read from Odoo at the same time: quants are staged with their product id, which the
        // comparison matches to the products, so neither read waits for the other (nor is a million ids held here).
        ExecutorService productReader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "inventory-products");
            t.setDaemon(true);
            return t;
        });
        Map<String, String> log = MDC.getCopyOfContextMap();
        try {
            Future<?> products = productReader.submit(() -> {
                if (log != null) {
                    MDC.setContextMap(log);
                }
                stageProducts(instance);
                return null;
            });
            try (StockRows rows = StockRows.odoo(jdbc.getDataSource(), instance)) {
                odoo.searchReadPages("stock.quant", Domain.and(Domain.eq("location_id.usage", "internal"),
                        within("location_id.complete_name", scope)), QUANT_FIELDS, Map.of(), page -> {
                            for (int q = 0; q < page.size(); q++) {
                                String lot = page.text(q, 2);
                                rows.addOdoo(page.text(q, 1), page.many2oneId(q, 0), lot == null ? "" : lot,
                                        number(page.text(q, 3)));
                                contribution.incrementReadCount();
                            }
                        });
                contribution.incrementWriteCount(rows.count());
            }
            await(products);
        } finally {
            productReader.shutdownNow();
        }
        return RepeatStatus.FINISHED;
    }

    /**
     * A float as JSON wrote it, passed to COPY as is (PostgreSQL reads its text exactly, exponent included): a number
     * made of it and printed again cost two conversions per quant and product.
     */
    private static String number(String json) {
        return json == null ? "0" : json;
    }

    /** The site's locations and everything below them; no condition when the site lists none. */
    private static Domain within(String field, List<String> roots) {
        if (roots.isEmpty()) {
            return Domain.all();
        }
        Domain[] any = roots.stream().map(root -> Domain.or(Domain.eq(field, root),
                Domain.leaf(field, "=like", root.replace("%", "\\%").replace("_", "\\_") + "/%")))
                .toArray(Domain[]::new);
        return any.length == 1 ? any[0] : Domain.or(any);
    }

    private static void await(Future<?> products) {
        try {
            products.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while staging Odoo's products", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("staging Odoo's products failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Products are keyed by internal reference (default code), the code the warehouse knows them by, and carry their
     * Odoo id, by which quants are compared. Two variants sharing a code are compared under the first (lowest id):
     * the other goes to {@code inventory_recon_product_alias}. Runs on a thread of its own, outside the step's
     * transaction: a failed step's rows are replaced when it runs again.
     */
    private void stageProducts(long instance) {
        jdbc.execute("TRUNCATE " + InventoryStaging.products(instance));
        CodeIndex speaksFor = new CodeIndex();
        // a few categories for a million products: each category's tolerance looked up and written as text once
        Map<String, String[]> tolerances = new HashMap<>();
        try (CopyRows rows = new CopyRows(jdbc.getDataSource(), InventoryStaging.products(instance), List.of(
                        "job_instance_id", "item", "product_id", "category", "unit", "cost", "tolerance_absolute",
                        "tolerance_percent"));
                CopyRows aliases = new CopyRows(jdbc.getDataSource(), "inventory_recon_product_alias", List.of(
                        "job_instance_id", "product_id", "representative_id"))) {
            odoo.searchReadPages("product.product", Domain.all(), PRODUCT_FIELDS, Map.of("active_test", false), page -> {
                for (int p = 0; p < page.size(); p++) {
                    int id = page.id(p);
                    String code = page.text(p, 0);
                    boolean coded = code != null && !code.isBlank();
                    String item = coded ? code : "#" + id;
                    int first = coded ? speaksFor.putIfAbsent(item, id) : id;
                    if (first != id) {
                        aliases.add(instance, id, first);
                        continue;
                    }
                    String category = page.text(p, 1);
                    String[] tolerance = tolerances.computeIfAbsent(category == null ? "" : category, c -> {
                        InventorySettings.Tolerance t = settings.toleranceFor(category);
                        return new String[] {t.absolute().toPlainString(), t.percent().toPlainString()};
                    });
                    rows.add(instance, item, id, category, page.text(p, 2), number(page.text(p, 3)),
                            tolerance[0], tolerance[1]);
                }
            });
        }
    }
}
