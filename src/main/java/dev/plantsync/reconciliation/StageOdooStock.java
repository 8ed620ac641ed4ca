package dev.plantsync.reconciliation;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.Many2one;
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
            try (Stream<OdooRecord> quants = odoo.searchReadAll("stock.quant", Domain.and(
                    Domain.eq("location_id.usage", "internal"), within("location_id.complete_name", scope)),
                    List.of("product_id", "location_id", "lot_id", "quantity"), Map.of());
                    StockRows rows = new StockRows(jdbc.getDataSource(), instance, 'O', null)) {
                quants.forEach(q -> {
                    Many2one lot = q.getMany2one("lot_id");
                    rows.addOdoo(q.getMany2one("location_id").displayName(), q.getMany2one("product_id").id(),
                            lot == null ? "" : lot.displayName(), number(q, "quantity"));
                    contribution.incrementReadCount();
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
     * A float as JSON gave it, written to COPY as is (PostgreSQL reads its text exactly, exponent included): a
     * BigDecimal made of it and printed again cost two conversions per quant and product.
     */
    private static Number number(OdooRecord record, String field) {
        return record.raw(field) instanceof Number n ? n : BigDecimal.ZERO;
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
        Map<String, InventorySettings.Tolerance> tolerances = new HashMap<>(); // a few categories, a million products
        try (Stream<OdooRecord> products = odoo.searchReadAll("product.product", Domain.all(),
                List.of("default_code", "categ_id", "uom_id", "standard_price"), Map.of("active_test", false));
                CopyRows rows = new CopyRows(jdbc.getDataSource(), InventoryStaging.products(instance), List.of(
                        "job_instance_id", "item", "product_id", "category", "unit", "cost", "tolerance_absolute",
                        "tolerance_percent"));
                CopyRows aliases = new CopyRows(jdbc.getDataSource(), "inventory_recon_product_alias", List.of(
                        "job_instance_id", "product_id", "representative_id"))) {
            products.forEach(p -> {
                String code = p.getString("default_code");
                boolean coded = code != null && !code.isBlank();
                String item = coded ? code : "#" + p.id();
                int first = coded ? speaksFor.putIfAbsent(item, p.id()) : p.id();
                if (first != p.id()) {
                    aliases.add(instance, p.id(), first);
                    return;
                }
                Many2one category = p.getMany2one("categ_id");
                Many2one unit = p.getMany2one("uom_id");
                String categoryName = category == null ? null : category.displayName();
                InventorySettings.Tolerance tolerance = categoryName == null ? settings.toleranceFor(null)
                        : tolerances.computeIfAbsent(categoryName, settings::toleranceFor);
                Number cost = number(p, "standard_price");
                rows.add(instance, item, p.id(), categoryName, unit == null ? null : unit.displayName(),
                        cost, tolerance.absolute(), tolerance.percent());
            });
        }
    }
}
