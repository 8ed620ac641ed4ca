package dev.plantsync.costing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.sim.OdooSimulator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Flow 06b of the corpus: what real Odoo 18 or 19 held (units, work centers with setup, cleanup, efficiency and
 * capacities, BOMs, lines, operations, products) and what its BoM report ({@code report.mrp.report_bom_structure
 * .get_html}) costs each BOM for its quantity. {@link #seed} puts the same records into a simulator.
 */
final class RecordedBomReport {

    final int version;
    private final Map<String, JsonNode> read = new HashMap<>();
    private JsonNode reports;

    RecordedBomReport(int version) {
        this.version = version;
        String path = "/odoo-corpus/flows/" + version + "/06b-bom-report.json";
        try (InputStream in = getClass().getResourceAsStream(path)) {
            for (JsonNode call : new ObjectMapper().readTree(in).get("calls")) {
                if (call.has("reports")) {
                    reports = call.get("reports");
                } else {
                    read.put(call.get("what").asString().split(" ")[0], call.get("result"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records Odoo was read for: units, workcenters, capacities, boms, bom (lines), operations, products. */
    JsonNode records(String what) {
        return read.get(what);
    }

    /**
     * Per recorded product id, its code and what Odoo's report costs one unit of it with the BOM Odoo picks for it
     * (lowest sequence, then oldest; the recorded BOMs are all for templates): the report's cost for the BOM's
     * quantity over that quantity, in cents.
     */
    Map<Integer, Map.Entry<String, BigDecimal>> perUnit() {
        Map<Integer, String> codes = new HashMap<>();
        Map<Integer, Integer> templateOf = new HashMap<>();
        for (JsonNode p : read.get("products")) {
            codes.put(p.get("id").asInt(), p.get("default_code").asString());
            templateOf.put(p.get("id").asInt(), p.get("product_tmpl_id").get(0).asInt());
        }
        Map<Integer, JsonNode> picked = new HashMap<>();
        List<JsonNode> boms = new ArrayList<>();
        read.get("boms").forEach(boms::add);
        boms.sort(Comparator.comparingInt((JsonNode b) -> b.get("sequence").asInt())
                .thenComparingInt(b -> b.get("id").asInt()));
        boms.forEach(b -> picked.putIfAbsent(b.get("product_tmpl_id").get(0).asInt(), b));
        Map<Integer, Map.Entry<String, BigDecimal>> costs = new LinkedHashMap<>();
        for (JsonNode r : reports) {
            int product = r.get("lines").get("product_id").asInt();
            if (picked.get(templateOf.get(product)).get("id").asInt() == r.get("bom_id").asInt()) {
                costs.put(product, Map.entry(codes.get(product), r.get("lines").get("bom_cost").decimalValue()
                        .divide(r.get("searchQty").decimalValue(), 2, RoundingMode.HALF_UP)));
            }
        }
        return costs;
    }

    /**
     * Creates the recorded products (with their on hand as a quant in {@code stock}), work centers (named REC-...),
     * capacities and BOMs in the simulator; returns the simulator's product id per recorded one.
     */
    Map<Integer, Integer> seed(OdooSimulator sim, int stock) {
        Map<Integer, Integer> units = new HashMap<>();
        Map<String, JsonNode> recordedUnits = new HashMap<>();
        read.get("units").forEach(u -> recordedUnits.put(u.get("id").asString(), u));
        for (JsonNode u : read.get("units")) {
            String name = u.get("name").asString();
            List<Map<String, Object>> there = sim.searchRead("uom.uom", List.of(List.of("name", "=", name)),
                    List.of("id"));
            if (!there.isEmpty()) {
                units.put(u.get("id").asInt(), (Integer) there.get(0).get("id"));
            }
        }
        int category = (Integer) sim.searchRead("product.category", List.of(List.of("property_cost_method", "=",
                "standard")), List.of("id")).get(0).get("id");
        Map<Integer, Integer> products = new HashMap<>();
        Map<Integer, Integer> templates = new HashMap<>();
        for (JsonNode p : read.get("products")) {
            String code = p.get("default_code").asString();
            int id = sim.create("product.product", Map.of("name", code, "default_code", code, "categ_id", category,
                    "is_storable", p.get("is_storable").asBoolean(), "standard_price",
                    p.get("standard_price").doubleValue(), "uom_id", unit(sim, units, recordedUnits, p.get("uom_id"))));
            products.put(p.get("id").asInt(), id);
            templates.put(p.get("product_tmpl_id").get(0).asInt(), ((Number) ((List<?>) sim.searchRead(
                    "product.product", List.of(List.of("id", "=", id)), List.of("product_tmpl_id")).get(0)
                    .get("product_tmpl_id")).get(0)).intValue());
            double onHand = p.get("qty_available").doubleValue();
            if (onHand > 0) {
                sim.create("stock.quant", Map.of("product_id", id, "location_id", stock, "quantity", onHand));
            }
        }
        Map<Integer, Integer> centers = new HashMap<>();
        for (JsonNode w : read.get("workcenters")) {
            Map<String, Object> values = new HashMap<>(Map.of("name", "REC-" + w.get("name").asString(), "costs_hour",
                    w.get("costs_hour").doubleValue(), "time_start", w.get("time_start").doubleValue(), "time_stop",
                    w.get("time_stop").doubleValue(), "time_efficiency", w.get("time_efficiency").doubleValue()));
            if (w.has("default_capacity")) {
                values.put("default_capacity", w.get("default_capacity").doubleValue());
            }
            centers.put(w.get("id").asInt(), sim.create("mrp.workcenter", values));
        }
        for (JsonNode c : read.get("capacities")) {
            sim.create("mrp.workcenter.capacity", Map.of("workcenter_id", centers.get(c.get("workcenter_id").get(0)
                    .asInt()), "product_id", products.get(c.get("product_id").get(0).asInt()), "product_uom_id",
                    unit(sim, units, recordedUnits, c.get("product_uom_id")), "capacity",
                    c.get("capacity").doubleValue(), "time_start", c.get("time_start").doubleValue(), "time_stop", c.get("time_stop").doubleValue()));
        }
        for (JsonNode b : read.get("boms")) {
            int id = b.get("id").asInt();
            List<Object> lines = new ArrayList<>();
            for (JsonNode l : read.get("bom")) {
                if (l.get("bom_id").get(0).asInt() == id) {
                    lines.add(List.of(0, 0, Map.of("product_id", products.get(l.get("product_id").get(0).asInt()),
                            "product_qty", l.get("product_qty").doubleValue(), "product_uom_id",
                            unit(sim, units, recordedUnits, l.get("product_uom_id")))));
                }
            }
            List<Object> operations = new ArrayList<>();
            for (JsonNode o : read.get("operations")) {
                if (o.get("bom_id").get(0).asInt() == id) {
                    operations.add(List.of(0, 0, Map.of("name", o.get("name").asString(), "workcenter_id",
                            centers.get(o.get("workcenter_id").get(0).asInt()), "time_cycle_manual",
                            o.get("time_cycle_manual").doubleValue(), "time_mode", o.get("time_mode").asString(),
                            "time_mode_batch", o.get("time_mode_batch").asInt())));
                }
            }
            sim.create("mrp.bom", Map.of("product_tmpl_id", templates.get(b.get("product_tmpl_id").get(0).asInt()),
                    "product_qty", b.get("product_qty").doubleValue(), "product_uom_id",
                    unit(sim, units, recordedUnits, b.get("product_uom_id")), "type", b.get("type").asString(),
                    "sequence", b.get("sequence").asInt(), "bom_line_ids", lines, "operation_ids", operations));
        }
        return products;
    }

    /** The simulator's unit for a recorded one: the one of the same name, else created with the recorded factor. */
    private int unit(OdooSimulator sim, Map<Integer, Integer> units, Map<String, JsonNode> recorded,
            JsonNode many2one) {
        int recordedId = many2one.get(0).asInt();
        return units.computeIfAbsent(recordedId, r -> {
            JsonNode u = recorded.get(String.valueOf(r));
            double factor = u.get("factor").doubleValue();
            return version >= 19
                    ? sim.create("uom.uom", Map.of("name", u.get("name").asString(), "relative_factor", factor,
                            "relative_uom_id", 1, "factor", factor, "rounding", 0.01))
                    : sim.create("uom.uom", Map.of("name", u.get("name").asString(), "category_id", 1, "uom_type",
                            factor < 1 ? "bigger" : "smaller", "factor", factor, "rounding", 0.01));
        });
    }
}
