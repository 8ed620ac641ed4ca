package dev.plantsync.costing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.costing.CostModel.Bom;
import dev.plantsync.costing.CostModel.Capacity;
import dev.plantsync.costing.CostModel.Line;
import dev.plantsync.costing.CostModel.Operation;
import dev.plantsync.costing.CostModel.Product;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The roll-up against Odoo's BoM report for every BOM of the recorded database (flow 06b of the corpus: the demo
 * BOMs and a PSD- fixture whose work center has 10 minutes' setup, 5 minutes' cleanup and 80 % efficiency at 40 an
 * hour, a second one with a per-product capacity, a BOM for 2 with a sub-assembly and a phantom kit). Fed the records
 * Odoo was read for, the roll-up gives, per product, the report's cost for the BOM's quantity per unit, to the cent,
 * on each version: PSD-TOP 72.90 (not 52.90 without setup and cleanup), PSD-TABLE 151.88 on 18 and 133.13 on 19
 * (18 runs one cycle per unit, 19 one per BOM quantity).
 */
class OdooBomReportTest {

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(ints = {18, 19})
    void everyProductCostsWhatOdoosBomReportSays(int version) {
        RecordedBomReport recorded = new RecordedBomReport(version);
        Map<Integer, BigDecimal> sizes = new HashMap<>();
        for (JsonNode u : recorded.records("units")) {
            BigDecimal factor = u.get("factor").decimalValue();
            sizes.put(u.get("id").asInt(), version >= 19 ? factor
                    : BigDecimal.ONE.divide(factor, 10, RoundingMode.HALF_UP));
        }
        Map<Integer, List<Capacity>> capacities = new HashMap<>();
        for (JsonNode c : recorded.records("capacities")) {
            capacities.computeIfAbsent(c.get("workcenter_id").get(0).asInt(), w -> new ArrayList<>()).add(new Capacity(
                    id(c.get("product_id")), id(c.get("product_uom_id")), c.get("capacity").decimalValue(),
                    c.get("time_start").decimalValue(), c.get("time_stop").decimalValue()));
        }
        Map<Integer, JsonNode> centers = new HashMap<>();
        recorded.records("workcenters").forEach(w -> centers.put(w.get("id").asInt(), w));
        Map<Integer, List<Operation>> operations = new HashMap<>();
        for (JsonNode o : recorded.records("operations")) {
            JsonNode w = centers.get(o.get("workcenter_id").get(0).asInt());
            operations.computeIfAbsent(o.get("bom_id").get(0).asInt(), b -> new ArrayList<>()).add(new Operation(
                    o.get("time_cycle").decimalValue(), w.get("costs_hour").decimalValue(),
                    w.get("time_start").decimalValue(), w.get("time_stop").decimalValue(),
                    w.get("time_efficiency").decimalValue(),
                    w.has("default_capacity") ? w.get("default_capacity").decimalValue() : null,
                    capacities.getOrDefault(w.get("id").asInt(), List.of())));
        }
        Map<Integer, List<Line>> lines = new HashMap<>();
        for (JsonNode l : recorded.records("bom")) {
            lines.computeIfAbsent(l.get("bom_id").get(0).asInt(), b -> new ArrayList<>()).add(new Line(
                    l.get("product_id").get(0).asInt(), l.get("product_qty").decimalValue(),
                    l.get("product_uom_id").get(0).asInt(), BigDecimal.ZERO));
        }
        List<Bom> boms = new ArrayList<>();
        for (JsonNode b : recorded.records("boms")) {
            int id = b.get("id").asInt();
            boms.add(new Bom(id, b.get("product_tmpl_id").get(0).asInt(), id(b.get("product_id")),
                    b.get("sequence").asInt(), b.get("product_qty").decimalValue(),
                    b.get("product_uom_id").get(0).asInt(), b.get("type").asString(), lines.getOrDefault(id, List.of()),
                    operations.getOrDefault(id, List.of())));
        }
        List<Product> products = new ArrayList<>();
        for (JsonNode p : recorded.records("products")) {
            products.add(new Product(p.get("id").asInt(), p.get("product_tmpl_id").get(0).asInt(),
                    p.get("default_code").asString(), p.get("uom_id").get(0).asInt(),
                    p.get("standard_price").decimalValue(), "standard", BigDecimal.ZERO));
        }

        CostRollup.Result result = new CostRollup(products, boms, sizes, BigDecimal.ZERO, version).roll();

        Map<String, BigDecimal> odoos = new LinkedHashMap<>();
        Map<String, BigDecimal> ours = new LinkedHashMap<>();
        recorded.perUnit().forEach((product, expected) -> {
            odoos.put(expected.getKey(), expected.getValue());
            ours.put(expected.getKey(), RolledCost.cents(result.costs().get(product).total()));
        });
        System.out.println("Odoo " + version + " BoM report per unit: " + odoos + "; roll-up: " + ours);
        assertThat(ours).hasSize(10).containsExactlyInAnyOrderEntriesOf(odoos);
        assertThat(ours).containsEntry("PSD-TOP", new BigDecimal("72.90"))
                .containsEntry("PSD-TABLE", new BigDecimal(version >= 19 ? "133.13" : "151.88"));
        assertThat(result.skipped()).isEmpty();
    }

    private static Integer id(JsonNode many2one) {
        return many2one == null || many2one.isBoolean() || many2one.isNull() ? null : many2one.get(0).asInt();
    }
}
