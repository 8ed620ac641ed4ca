package dev.plantsync.costing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.costing.CostModel.Bom;
import dev.plantsync.costing.CostModel.Capacity;
import dev.plantsync.costing.CostModel.Line;
import dev.plantsync.costing.CostModel.Operation;
import dev.plantsync.costing.CostModel.Product;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.platform.CopyRows;
import dev.plantsync.platform.ExceptionRecords;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rolls the staged model up ({@link CostRollup}) and records one result per product with what would happen to it:
 * nothing (same cost), report only (not valued at standard: Odoo values those by their moves), written directly, or
 * held for an approver (variance or revaluation above the thresholds, or no cost yet to compare with). Products on a
 * BOM cycle, or built from one, are skipped and listed as exceptions with the cycle.
 */
class RollUpCosts implements Tasklet {

    private final OdooClient odoo;
    private final JdbcTemplate jdbc;
    private final CostRollupSettings settings;
    private final ExceptionRecords exceptions;

    RollUpCosts(OdooClient odoo, JdbcTemplate jdbc, CostRollupSettings settings, ExceptionRecords exceptions) {
        this.odoo = odoo;
        this.jdbc = jdbc;
        this.settings = settings;
        this.exceptions = exceptions;
    }

    /** Where a bought product's cost comes from, as the report shows it. */
    private record Source(String name, String reference) {
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        long run = step.getJobExecution().getJobInstance().getId();
        jdbc.update("DELETE FROM cost_rollup_line WHERE job_instance_id = ?", run);

        Map<Integer, BigDecimal> sizes = new HashMap<>();
        jdbc.query("SELECT unit_id, size FROM cost_unit WHERE job_instance_id = ?",
                rs -> { sizes.put(rs.getInt(1), rs.getBigDecimal(2)); }, run);
        Map<Integer, Source> sources = new HashMap<>();
        List<Product> products = products(run, sizes, sources);
        Map<Integer, Product> byId = new HashMap<>();
        products.forEach(p -> byId.put(p.id(), p));
        CostRollup.Result result = new CostRollup(products, boms(run, byId), sizes, settings.overheadRate(),
                odoo.majorVersion()).roll();
        Map<Integer, BigDecimal[]> corrections = corrections(run);

        try (CopyRows rows = new CopyRows(jdbc.getDataSource(), "cost_rollup_line", List.of("job_instance_id",
                "product_id", "code", "bom_id", "cost_source", "source_reference", "material", "operations",
                "overhead", "new_cost", "old_cost", "variance", "variance_percent", "cost_method", "on_hand",
                "revaluation", "state", "reason"))) {
            for (Product p : products) {
                RolledCost c = result.costs().get(p.id());
                if (c == null) {
                    continue;
                }
                Source source = c.bomId() != null ? new Source("bom", null)
                        : sources.getOrDefault(p.id(), new Source("standard", null));
                BigDecimal newCost = RolledCost.cents(c.total());
                Outcome outcome = decide(c, newCost, p.costMethod(), corrections.get(p.id()));
                rows.add(run, p.id(), p.code(), c.bomId(), source.name(), source.reference(), scaled(c.material()),
                        scaled(c.operations()), scaled(c.overhead()), newCost, p.cost(), newCost.subtract(p.cost()),
                        c.variancePercent(), p.costMethod(), c.onHand(), c.revaluation(), outcome.state(),
                        outcome.reason());
            }
            for (CostRollup.Skipped s : result.skipped()) {
                Product p = byId.get(s.productId());
                rows.add(run, p.id(), p.code(), null, "bom", null, null, null, null, null, p.cost(), null, null,
                        p.costMethod(), p.onHand(), BigDecimal.ZERO, "SKIPPED", s.reason());
            }
            contribution.incrementReadCount();
            contribution.incrementWriteCount(rows.count());
        }
        // after the COPY: its connection answers nothing else while it is open
        for (CostRollup.Skipped s : result.skipped()) {
            exceptions.record(CostRollupJob.NAME, step.getJobExecutionId(), step.getStepName(), null,
                    "BOM of " + s.code(), s.code(), s.reason().startsWith("BOM cycle") ? "BOM_CYCLE"
                            : s.reason().startsWith("operation") ? "OPERATION_UNUSABLE" : "BUILT_FROM_SKIPPED",
                    s.code() + ": " + s.reason() + "; its cost is left as it is", null);
        }
        jdbc.update("""
                INSERT INTO cost_rollup_run (job_instance_id, policy, overhead_rate, variance_percent,
                                             revaluation_amount)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (job_instance_id) DO UPDATE SET policy = EXCLUDED.policy,
                    overhead_rate = EXCLUDED.overhead_rate, variance_percent = EXCLUDED.variance_percent,
                    revaluation_amount = EXCLUDED.revaluation_amount, rolled_at = now()""",
                run, String.join(", ", settings.componentCost()), settings.overheadRate(), settings.variancePercent(),
                settings.revaluationAmount());
        return RepeatStatus.FINISHED;
    }

    /** What happens to a product's cost, and why when it is not the obvious. */
    private record Outcome(String state, String reason) {
    }

    private Outcome decide(RolledCost c, BigDecimal newCost, String costMethod, BigDecimal[] correction) {
        if (newCost.compareTo(c.oldCost()) == 0) {
            return new Outcome("UNCHANGED", null);
        }
        if (correction != null && correction[0].compareTo(newCost) == 0 && correction[1].compareTo(c.oldCost()) == 0) {
            return new Outcome("UNCHANGED", "keeps the cost an approver corrected to " + correction[1].toPlainString()
                    + " when the roll-up gave " + newCost.toPlainString() + " (until the roll-up gives another cost)");
        }
        if (!c.standard()) {
            return new Outcome("NOT_WRITTEN", "cost method " + costMethod + ", not standard: Odoo values it by its"
                    + " stock moves, so its cost is not written");
        }
        if (c.kit()) {
            // Odoo books no revaluation for a kit (no stock, no valuation of its own): nothing for an approver to weigh
            return new Outcome("READY", "kit (phantom BOM): no stock of its own, nothing revalued, no approval needed");
        }
        List<String> why = new ArrayList<>();
        BigDecimal percent = c.variancePercent();
        if (percent == null) {
            why.add("no current cost to compare with");
        } else if (percent.abs().compareTo(settings.variancePercent()) > 0) {
            why.add("variance " + percent.toPlainString() + "% is above " + settings.variancePercent().toPlainString()
                    + "%");
        }
        if (c.revaluation().abs().compareTo(settings.revaluationAmount()) > 0) {
            why.add("revalues the stock on hand by " + c.revaluation().toPlainString() + ", more than "
                    + settings.revaluationAmount().toPlainString());
        }
        return why.isEmpty() ? new Outcome("READY", null) : new Outcome("AWAITING_APPROVAL", String.join("; ", why));
    }

    /**
     * {rolled, written} by product, where the last cost PlantSync wrote was an approver's correction of the rolled
     * one: as long as the roll-up gives the same cost and Odoo still holds the correction, it stands.
     */
    private Map<Integer, BigDecimal[]> corrections(long run) {
        Map<Integer, BigDecimal[]> corrections = new HashMap<>();
        jdbc.query("""
                SELECT product_id, new_cost, written_cost FROM (
                    SELECT DISTINCT ON (product_id) product_id, new_cost, written_cost FROM cost_rollup_line
                     WHERE state = 'APPLIED' AND job_instance_id <> ? ORDER BY product_id, id DESC) last
                 WHERE written_cost <> new_cost""",
                rs -> { corrections.put(rs.getInt(1), new BigDecimal[] {rs.getBigDecimal(2), rs.getBigDecimal(3)}); },
                run);
        return corrections;
    }

    /**
     * Every product, with its purchase cost per policy when it has one: the first source in policy order, converted
     * from the unit it is quoted in to the product's unit and rounded to cents.
     */
    private List<Product> products(long run, Map<Integer, BigDecimal> sizes, Map<Integer, Source> sources) {
        List<Product> products = new ArrayList<>();
        String[] policy = settings.componentCost().toArray(String[]::new);
        jdbc.query("""
                SELECT p.product_id, p.template_id, p.code, p.unit_id, p.cost, p.cost_method, p.on_hand,
                       pp.source, pp.price, pp.unit_id AS price_unit, pp.reference
                  FROM cost_product p
                  LEFT JOIN LATERAL (SELECT * FROM cost_purchase_price x
                                      WHERE x.job_instance_id = p.job_instance_id AND x.product_id = p.product_id
                                        AND x.source = ANY (?)
                                      ORDER BY array_position(?, x.source::text) LIMIT 1) pp ON true
                 WHERE p.job_instance_id = ? ORDER BY p.product_id""", rs -> {
                    int id = rs.getInt("product_id");
                    int unit = rs.getInt("unit_id");
                    BigDecimal price = rs.getBigDecimal("price");
                    if (price != null) {
                        Integer quoted = (Integer) rs.getObject("price_unit");
                        if (quoted != null && quoted != unit && sizes.containsKey(quoted) && sizes.containsKey(unit)) {
                            price = price.multiply(sizes.get(unit)).divide(sizes.get(quoted), 10, RoundingMode.HALF_UP);
                        }
                        // Odoo keeps a product's cost in cents: what the component will cost there
                        price = RolledCost.cents(price);
                        sources.put(id, new Source(rs.getString("source"), rs.getString("reference")));
                    }
                    products.add(new Product(id, rs.getInt("template_id"), rs.getString("code"), unit,
                            rs.getBigDecimal("cost"), rs.getString("cost_method"), rs.getBigDecimal("on_hand"), price));
                }, policy, policy, run);
        return products;
    }

    /** The staged BOMs with their lines (scrap per the settings) and operations. */
    private List<Bom> boms(long run, Map<Integer, Product> products) {
        Map<Integer, List<Line>> lines = new HashMap<>();
        jdbc.query("""
                WITH first_variant AS (SELECT template_id, min(product_id) AS product_id FROM cost_product
                                        WHERE job_instance_id = ? GROUP BY template_id)
                SELECT l.bom_id, l.product_id, l.quantity, l.unit_id, coalesce(b.variant_id, t.product_id) AS parent
                  FROM cost_bom_line l
                  JOIN cost_bom b ON b.job_instance_id = l.job_instance_id AND b.bom_id = l.bom_id
                  JOIN cost_product c ON c.job_instance_id = l.job_instance_id AND c.product_id = l.product_id
                  LEFT JOIN first_variant t ON t.template_id = b.template_id
                 WHERE l.job_instance_id = ?""", rs -> {
                    int component = rs.getInt("product_id");
                    Product parent = products.get(rs.getInt("parent"));
                    BigDecimal scrap = settings.scrap().isEmpty() ? BigDecimal.ZERO
                            : settings.scrapPercent(parent == null ? "" : parent.code(),
                                    products.get(component).code());
                    lines.computeIfAbsent(rs.getInt("bom_id"), b -> new ArrayList<>()).add(new Line(component,
                            rs.getBigDecimal("quantity"), rs.getInt("unit_id"), scrap));
                }, run, run);
        Map<Integer, List<Capacity>> capacities = new HashMap<>();
        jdbc.query("""
                SELECT workcenter_id, product_id, unit_id, capacity, setup_minutes, cleanup_minutes FROM cost_capacity
                 WHERE job_instance_id = ? ORDER BY capacity_id""", rs -> {
                    capacities.computeIfAbsent(rs.getInt(1), w -> new ArrayList<>()).add(new Capacity(
                            (Integer) rs.getObject(2), (Integer) rs.getObject(3), rs.getBigDecimal(4),
                            rs.getBigDecimal(5), rs.getBigDecimal(6)));
                }, run);
        Map<Integer, List<Operation>> operations = new HashMap<>();
        jdbc.query("""
                SELECT bom_id, minutes, cost_per_hour, setup_minutes, cleanup_minutes, efficiency, default_capacity,
                       workcenter_id FROM cost_operation WHERE job_instance_id = ?""",
                rs -> {
                    Integer center = (Integer) rs.getObject(8);
                    operations.computeIfAbsent(rs.getInt(1), b -> new ArrayList<>()).add(new Operation(
                            rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                            rs.getBigDecimal(6), rs.getBigDecimal(7),
                            center == null ? List.of() : capacities.getOrDefault(center, List.of())));
                }, run);
        List<Bom> boms = new ArrayList<>();
        jdbc.query("""
                SELECT bom_id, template_id, variant_id, sequence, quantity, unit_id, type FROM cost_bom
                 WHERE job_instance_id = ?""", rs -> {
                    int id = rs.getInt("bom_id");
                    boms.add(new Bom(id, rs.getInt("template_id"), (Integer) rs.getObject("variant_id"),
                            rs.getInt("sequence"), rs.getBigDecimal("quantity"), rs.getInt("unit_id"),
                            rs.getString("type"), lines.getOrDefault(id, List.of()),
                            operations.getOrDefault(id, List.of())));
                }, run);
        return boms;
    }

    private static BigDecimal scaled(BigDecimal amount) {
        return amount.setScale(4, RoundingMode.HALF_UP);
    }
}
