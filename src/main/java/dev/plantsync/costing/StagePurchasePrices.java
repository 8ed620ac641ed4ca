package dev.plantsync.costing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.Many2one;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooRecord;
import dev.plantsync.platform.CopyRows;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The purchase prices the component-cost policy asks for, one per product and source, net of discount and in the
 * company's currency (a price in another currency is not used: converting it at some rate would be a guess):
 * <ul>
 * <li>{@code latest-po}: the latest confirmed purchase order line (by confirmation, then line);
 * <li>{@code vendor-pricelist}: the price list entry valid today with the lowest quantity break (then Odoo's
 * sequence, a variant's own entry before its template's, the lower price).
 * </ul>
 * Prices stay in the unit they are given in; the roll-up converts them to the product's unit.
 */
class StagePurchasePrices implements Tasklet {

    private record Price(BigDecimal price, Integer unitId, String reference, Comparable<?>[] rank) {
    }

    private final OdooClient odoo;
    private final JdbcTemplate jdbc;
    private final CostRollupSettings settings;

    StagePurchasePrices(OdooClient odoo, JdbcTemplate jdbc, CostRollupSettings settings) {
        this.odoo = odoo;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var step = chunkContext.getStepContext().getStepExecution();
        long run = step.getJobExecution().getJobInstance().getId();
        jdbc.update("DELETE FROM cost_purchase_price WHERE job_instance_id = ?", run);
        LocalDate today = step.getJobParameters().getLocalDate("businessDate");
        Integer currency = companyCurrency();
        String unitField = odoo.majorVersion() >= 19 ? "product_uom_id" : "product_uom";
        Map<Integer, Price> latest = settings.componentCost().contains("latest-po")
                ? latestOrderPrices(unitField, currency) : Map.of();
        Map<Integer, Price> listed = settings.componentCost().contains("vendor-pricelist")
                ? vendorPrices(run, today == null ? LocalDate.now() : today, unitField, currency) : Map.of();
        // COPY only once the reads are done: the connection cannot answer queries while a COPY is open on it
        try (CopyRows rows = new CopyRows(jdbc.getDataSource(), "cost_purchase_price", List.of("job_instance_id",
                "product_id", "source", "price", "unit_id", "reference"))) {
            latest.forEach((product, p) -> rows.add(run, product, "latest-po", p.price(), p.unitId(), p.reference()));
            listed.forEach((product, p) -> rows.add(run, product, "vendor-pricelist", p.price(), p.unitId(),
                    p.reference()));
            contribution.incrementWriteCount(rows.count());
        }
        return RepeatStatus.FINISHED;
    }

    private Map<Integer, Price> latestOrderPrices(String unitField, Integer currency) {
        Map<Integer, Price> latest = new HashMap<>();
        try (Stream<OdooRecord> lines = odoo.searchReadAll("purchase.order.line", Domain.and(
                Domain.in("order_id.state", List.of("purchase", "done")), Domain.ne("product_id", false)),
                List.of("product_id", "price_unit", "discount", unitField, "order_id", "date_approve", "currency_id"),
                Map.of())) {
            lines.filter(l -> sameCurrency(l, currency)).forEach(l -> {
                String approved = l.getString("date_approve");
                Price price = new Price(net(l), unit(l, unitField), l.getMany2one("order_id").displayName(),
                        new Comparable<?>[] {approved == null ? "" : approved, l.id()});
                latest.merge(l.getMany2one("product_id").id(), price, (a, b) -> rank(a, b) >= 0 ? a : b);
            });
        }
        return latest;
    }

    /** Per product: its own best entry or its template's, whichever ranks first. */
    private Map<Integer, Price> vendorPrices(long run, LocalDate today, String unitField, Integer currency) {
        Map<Integer, Price> byVariant = new HashMap<>();
        Map<Integer, Price> byTemplate = new HashMap<>();
        Domain valid = Domain.and(Domain.or(Domain.eq("date_start", false), Domain.le("date_start", today.toString())),
                Domain.or(Domain.eq("date_end", false), Domain.ge("date_end", today.toString())));
        try (Stream<OdooRecord> entries = odoo.searchReadAll("product.supplierinfo", valid, List.of("product_tmpl_id",
                "product_id", "partner_id", "min_qty", "sequence", "price", "discount", unitField, "currency_id"),
                Map.of())) {
            entries.filter(s -> sameCurrency(s, currency)).forEach(s -> {
                Many2one variant = s.getMany2one("product_id");
                Integer sequence = s.getInt("sequence");
                BigDecimal price = net(s);
                // lower ranks first: quantity break, sequence, the variant's own, price, id
                Price p = new Price(price, unit(s, unitField), s.getMany2one("partner_id").displayName(),
                        new Comparable<?>[] {StageCostModel.orZero(s.getDecimal("min_qty")),
                                sequence == null ? 0 : sequence, variant == null ? 1 : 0, price, s.id()});
                if (variant != null) {
                    byVariant.merge(variant.id(), p, (a, b) -> rank(a, b) <= 0 ? a : b);
                } else if (s.getMany2one("product_tmpl_id") != null) {
                    byTemplate.merge(s.getMany2one("product_tmpl_id").id(), p, (a, b) -> rank(a, b) <= 0 ? a : b);
                }
            });
        }
        Map<Integer, Price> best = new HashMap<>(byVariant);
        if (!byTemplate.isEmpty()) {
            jdbc.query("SELECT product_id, template_id FROM cost_product WHERE job_instance_id = ?", rs -> {
                Price template = byTemplate.get(rs.getInt(2));
                if (template != null) {
                    best.merge(rs.getInt(1), template, (own, t) -> rank(own, t) <= 0 ? own : t);
                }
            }, run);
        }
        return best;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int rank(Price a, Price b) {
        for (int i = 0; i < a.rank().length; i++) {
            int c = ((Comparable) a.rank()[i]).compareTo(b.rank()[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static BigDecimal net(OdooRecord r) {
        BigDecimal price = StageCostModel.orZero(r.getDecimal(r.has("price_unit") ? "price_unit" : "price"));
        BigDecimal discount = r.getDecimal("discount");
        return discount == null || discount.signum() == 0 ? price
                : price.multiply(BigDecimal.ONE.subtract(discount.movePointLeft(2)));
    }

    private static Integer unit(OdooRecord r, String unitField) {
        Many2one unit = r.getMany2one(unitField);
        return unit == null ? null : unit.id();
    }

    private static boolean sameCurrency(OdooRecord r, Integer company) {
        Many2one currency = r.getMany2one("currency_id");
        return currency == null || company == null || currency.id() == company;
    }

    private Integer companyCurrency() {
        return odoo.searchRead("res.company", Domain.all(), List.of("currency_id"), "id", 1, null, Map.of()).stream()
                .map(c -> c.getMany2one("currency_id")).filter(java.util.Objects::nonNull).map(Many2one::id)
                .findFirst().orElse(null);
    }
}
