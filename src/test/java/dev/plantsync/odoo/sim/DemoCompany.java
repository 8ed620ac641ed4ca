package dev.plantsync.odoo.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small manufacturing company for the demo and the job tests: raw materials, components and finished goods in
 * three categories, three vendors (two trading by EDI), multi-level BOMs with a phantom kit and operations on two
 * work centres, lot-tracked stock on two shelves, confirmed purchase orders with partial receipts, and a stock
 * valuation that matches the general ledger except for two planted differences (a manual journal entry on the
 * valuation account, and a valuation with no journal entry).
 */
public final class DemoCompany {

    /** Ids the tests refer to. */
    public record Ids(int acme, int baltic, int woodCorner, Map<String, Integer> products, List<Integer> purchaseOrders,
            int stock, int shelf1, int shelf2, int valuationAccount, int manualEntry) {

        public int product(String code) {
            return products.get(code);
        }
    }

    private DemoCompany() {
    }

    public static Ids seed(OdooSimulator sim) {
        int valuation = sim.create("account.account", map("name", "Stock Valuation", "code", "110100"));
        int interim = sim.create("account.account", map("name", "Stock Interim (Received)", "code", "110200"));
        String perpetual = sim.version() >= 19 ? "real_time" : "real_time";
        int raw = sim.create("product.category", map("name", "Raw", "parent_id", 1, "property_cost_method", "standard",
                "property_valuation", perpetual, "property_stock_valuation_account_id", valuation));
        int components = sim.create("product.category", map("name", "Components", "parent_id", 1,
                "property_cost_method", "standard", "property_valuation", perpetual,
                "property_stock_valuation_account_id", valuation));
        int finished = sim.create("product.category", map("name", "Finished", "parent_id", 1,
                "property_cost_method", "average", "property_valuation", perpetual,
                "property_stock_valuation_account_id", valuation));
        int acme = sim.create("res.partner", map("name", "Acme Fasteners Inc.", "is_company", true, "ref", "ACME",
                "vat", "US123456789", "comment", "EDI X12 sender ACMEFAST"));
        int baltic = sim.create("res.partner", map("name", "Baltic Steel GmbH", "is_company", true, "ref", "BALTIC",
                "vat", "DE811234567", "comment", "EDIFACT sender 4012345000009"));
        int wood = sim.create("res.partner", map("name", "Wood Corner", "is_company", true, "ref", "WOOD"));

        Map<String, Integer> products = new LinkedHashMap<>();
        for (int i = 1; i <= 24; i++) {
            String code = String.format("PS-R%03d", i);
            int vendor = i % 3 == 0 ? baltic : acme;
            double cost = 0.25 * i;
            int id = sim.create("product.product", map("name", "Raw material " + i, "default_code", code,
                    "categ_id", raw, "standard_price", cost, "list_price", cost * 2, "purchase_method", "receive",
                    "tracking", i <= 2 ? "lot" : "none"));
            products.put(code, id);
            int template = template(sim, id);
            sim.create("product.supplierinfo", map("partner_id", vendor, "product_tmpl_id", template,
                    "product_code", (vendor == acme ? "ACME-" : "BS-") + (1000 + i), "price", cost * 0.98,
                    "min_qty", 1.0, "delay", 5));
        }
        for (int i = 1; i <= 8; i++) {
            String code = String.format("PS-C%03d", i);
            products.put(code, sim.create("product.product", map("name", "Component " + i, "default_code", code,
                    "categ_id", components, "standard_price", 10.0 + i)));
        }
        for (int i = 1; i <= 4; i++) {
            String code = String.format("PS-F%03d", i);
            products.put(code, sim.create("product.product", map("name", "Finished good " + i, "default_code", code,
                    "categ_id", finished, "standard_price", 100.0 + 10 * i, "list_price", 250.0)));
        }
        products.put("PS-K001", sim.create("product.product", map("name", "Fastener kit", "default_code", "PS-K001",
                "categ_id", components, "standard_price", 3.0)));
        products.put("PS-FREIGHT", sim.create("product.product", map("name", "Inbound freight",
                "default_code", "PS-FREIGHT", "type", "service", "purchase_method", "purchase")));
        products.put("PS-DISCOUNT", sim.create("product.product", map("name", "Supplier discount",
                "default_code", "PS-DISCOUNT", "type", "service", "purchase_method", "purchase")));

        int assembly = sim.create("mrp.workcenter", map("name", "Assembly", "costs_hour", 40.0));
        int machining = sim.create("mrp.workcenter", map("name", "Machining", "costs_hour", 60.0));
        bom(sim, products.get("PS-K001"), "phantom", List.of(line(products.get("PS-R004"), 4), line(products.get("PS-R005"), 4)),
                List.of());
        for (int i = 1; i <= 8; i++) {
            bom(sim, products.get(String.format("PS-C%03d", i)), "normal", List.of(
                    line(products.get(String.format("PS-R%03d", i)), 2),
                    line(products.get(String.format("PS-R%03d", i + 8)), 1.5),
                    line(products.get("PS-K001"), 1)),
                    List.of(operation("Machining", machining, 12.0)));
        }
        for (int i = 1; i <= 4; i++) {
            bom(sim, products.get(String.format("PS-F%03d", i)), "normal", List.of(
                    line(products.get(String.format("PS-C%03d", 2 * i - 1)), 1),
                    line(products.get(String.format("PS-C%03d", 2 * i)), 2),
                    line(products.get(String.format("PS-R%03d", 16 + i)), 0.5)),
                    List.of(operation("Assembly", assembly, 30.0)));
        }

        int stock = 5;
        int shelf1 = sim.create("stock.location", map("name", "Shelf 1", "usage", "internal", "location_id", stock));
        int shelf2 = sim.create("stock.location", map("name", "Shelf 2", "usage", "internal", "location_id", stock));
        for (Map.Entry<String, Integer> p : products.entrySet()) {
            if (p.getKey().startsWith("PS-R") && p.getValue() <= products.get("PS-R002")) {
                for (int lot = 1; lot <= 2; lot++) {
                    int lotId = sim.create("stock.lot", map("name", p.getKey() + "-LOT" + lot, "product_id", p.getValue()));
                    sim.create("stock.quant", map("product_id", p.getValue(), "location_id", lot == 1 ? shelf1 : shelf2,
                            "lot_id", lotId, "quantity", 50.0 * lot));
                }
            } else if (!p.getKey().equals("PS-K001")) {
                sim.create("stock.quant", map("product_id", p.getValue(), "location_id", p.getKey().startsWith("PS-F")
                        ? stock : shelf1, "quantity", 20.0 + p.getValue() % 7));
            }
        }

        List<Integer> orders = new ArrayList<>();
        String uom = sim.version() >= 19 ? "product_uom_id" : "product_uom";
        orders.add(order(sim, acme, "PO-ACME-0001", List.of(
                poLine(products.get("PS-R001"), 100, 60, 0.25, uom), poLine(products.get("PS-R002"), 50, 50, 0.50, uom),
                poLine(products.get("PS-R004"), 200, 200, 1.00, uom))));
        orders.add(order(sim, baltic, "PO-BALTIC-0001", List.of(
                poLine(products.get("PS-R003"), 40, 40, 0.75, uom), poLine(products.get("PS-R006"), 30, 10, 1.50, uom))));
        orders.add(order(sim, acme, "PO-ACME-0002", List.of(poLine(products.get("PS-R005"), 500, 0, 1.25, uom))));

        // Raw materials are valued by receipt: a valuation record each (18: stock.valuation.layer; 19: the done
        // stock.move), with a matching journal entry, except for products whose id is a multiple of 5 (planted:
        // valuation without entry); then a manual entry with no stock behind it (planted).
        for (Map.Entry<String, Integer> p : products.entrySet()) {
            if (!p.getKey().startsWith("PS-R")) {
                continue;
            }
            double quantity = sumQuantity(sim, p.getValue());
            double cost = price(sim, p.getValue());
            Integer move = p.getValue() % 5 == 0 ? null
                    : entry(sim, "Receipt " + p.getKey(), valuation, interim, quantity * cost, p.getValue());
            valuationRecord(sim, p.getValue(), quantity, cost, move, shelf1);
        }
        int manual = entry(sim, "Manual stock adjustment (no stock move)", valuation, interim, 123.45, null);
        return new Ids(acme, baltic, wood, products, orders, stock, shelf1, shelf2, valuation, manual);
    }

    /** Adds {@code products} products with {@code quantsPerProduct} quants each, for benchmarks. */
    public static void generateLarge(OdooSimulator sim, int products, int quantsPerProduct) {
        int category = sim.create("product.category", map("name", "Bulk", "parent_id", 1));
        List<Map<String, Object>> batch = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i <= products; i++) {
            batch.add(map("name", "Bulk part " + i, "default_code", String.format("PS-B%07d", i), "categ_id", category,
                    "standard_price", 1.0 + i % 100));
            if (batch.size() == 5000 || i == products) {
                ids.addAll(sim.create("product.product", batch));
                batch = new ArrayList<>();
            }
        }
        for (int q = 0; q < quantsPerProduct; q++) {
            List<Map<String, Object>> quants = new ArrayList<>();
            for (int id : ids) {
                quants.add(map("product_id", id, "location_id", 5, "quantity", (double) (id % 50 + q)));
                if (quants.size() == 10_000) {
                    sim.create("stock.quant", quants);
                    quants = new ArrayList<>();
                }
            }
            sim.create("stock.quant", quants);
        }
    }

    /**
     * For the cost roll-up benchmark: {@code products} products at standard cost on {@code levels} levels (the lowest
     * bought, with a vendor price at 98 % of cost; every other product made by a BOM of components from the levels
     * below it, at least one from the level right below, and an operation), {@code lines} BOM lines in all, and stock
     * for every tenth product.
     */
    public static void generateBoms(OdooSimulator sim, int products, int lines, int levels) {
        int category = sim.create("product.category", map("name", "Made", "parent_id", 1, "property_cost_method",
                "standard"));
        int vendor = sim.create("res.partner", map("name", "Bulk Supplier", "is_company", true));
        int perLevel = products / levels;
        List<Integer> ids = new ArrayList<>();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < products; i++) {
            batch.add(map("name", "Made part " + i, "default_code", String.format("PS-M%07d", i), "categ_id", category,
                    "standard_price", i < perLevel ? 1.0 + i % 100 : 10.0 + i % 1000));
            if (batch.size() == 5000 || i == products - 1) {
                ids.addAll(sim.create("product.product", batch));
                batch = new ArrayList<>();
            }
        }
        Map<Integer, Integer> templates = new java.util.HashMap<>();
        sim.searchRead("product.product", List.of(List.of("id", "in", ids)), List.of("product_tmpl_id"))
                .forEach(p -> templates.put((Integer) p.get("id"), ((Number) ((List<?>) p.get("product_tmpl_id"))
                        .get(0)).intValue()));
        List<Map<String, Object>> prices = new ArrayList<>();
        List<Map<String, Object>> quants = new ArrayList<>();
        for (int i = 0; i < products; i++) {
            if (i < perLevel) {
                prices.add(map("partner_id", vendor, "product_tmpl_id", templates.get(ids.get(i)),
                        "price", (1.0 + i % 100) * 0.98, "min_qty", 1.0));
            }
            if (i % 10 == 0) {
                quants.add(map("product_id", ids.get(i), "location_id", 5, "quantity", 10.0 + i % 90));
            }
        }
        sim.create("product.supplierinfo", prices);
        sim.create("stock.quant", quants);
        int[] centers = {sim.create("mrp.workcenter", map("name", "Cutting", "costs_hour", 45.0)),
                sim.create("mrp.workcenter", map("name", "Welding", "costs_hour", 70.0)),
                sim.create("mrp.workcenter", map("name", "Assembly", "costs_hour", 40.0))};
        int made = products - perLevel;
        java.util.Random random = new java.util.Random(42);
        List<Map<String, Object>> boms = new ArrayList<>();
        for (int k = 0; k < made; k++) {
            int i = perLevel + k;
            int level = Math.min(i / perLevel, levels - 1);
            int count = lines / made + (k < lines % made ? 1 : 0);
            List<Object> bomLines = new ArrayList<>();
            for (int c = 0; c < count; c++) {
                int below = c == 0 ? level - 1 : random.nextInt(level);
                int component = below * perLevel + random.nextInt(perLevel);
                // quantities around 1/4 keep costs of the same order from level to level, as in real assemblies
                bomLines.add(List.of(0, 0, map("product_id", ids.get(component), "product_qty", 0.25 * (1 + c % 2),
                        "product_uom_id", 1)));
            }
            boms.add(map("product_tmpl_id", templates.get(ids.get(i)), "product_qty", 1.0, "type", "normal",
                    "bom_line_ids", bomLines, "operation_ids", List.of(List.of(0, 0, operation("Op", centers[k % 3],
                            5.0 + k % 25)))));
            if (boms.size() == 1000 || k == made - 1) {
                sim.create("mrp.bom", boms);
                boms = new ArrayList<>();
            }
        }
    }

    private static int template(OdooSimulator sim, int productId) {
        return ((Number) ((List<?>) sim.searchRead("product.product", List.of(List.of("id", "=", productId)),
                List.of("product_tmpl_id")).get(0).get("product_tmpl_id")).get(0)).intValue();
    }

    private static Map<String, Object> line(int product, double qty) {
        return map("product_id", product, "product_qty", qty, "product_uom_id", 1);
    }

    private static Map<String, Object> operation(String name, int workcenter, double minutes) {
        return map("name", name, "workcenter_id", workcenter, "time_cycle_manual", minutes, "time_mode", "manual");
    }

    private static void bom(OdooSimulator sim, int product, String type, List<Map<String, Object>> lines,
            List<Map<String, Object>> operations) {
        List<Object> lineCommands = new ArrayList<>();
        lines.forEach(l -> lineCommands.add(List.of(0, 0, l)));
        List<Object> operationCommands = new ArrayList<>();
        operations.forEach(o -> operationCommands.add(List.of(0, 0, o)));
        sim.create("mrp.bom", map("product_tmpl_id", template(sim, product), "product_qty", 1.0, "type", type,
                "bom_line_ids", lineCommands, "operation_ids", operationCommands));
    }

    private static Map<String, Object> poLine(int product, double qty, double received, double price, String uomField) {
        return map("product_id", product, "product_qty", qty, "qty_received", received, "price_unit", price,
                uomField, 1, "name", "line");
    }

    private static int order(OdooSimulator sim, int vendor, String name, List<Map<String, Object>> lines) {
        List<Object> commands = new ArrayList<>();
        for (Map<String, Object> l : lines) {
            commands.add(List.of(0, 0, l));
        }
        return sim.create("purchase.order", map("partner_id", vendor, "name", name, "state", "purchase",
                "order_line", commands));
    }

    private static double sumQuantity(OdooSimulator sim, int product) {
        return sim.searchRead("stock.quant", List.of(List.of("product_id", "=", product)), List.of("quantity")).stream()
                .mapToDouble(q -> ((Number) q.get("quantity")).doubleValue()).sum();
    }

    private static double price(OdooSimulator sim, int product) {
        return ((Number) sim.searchRead("product.product", List.of(List.of("id", "=", product)),
                List.of("standard_price")).get(0).get("standard_price")).doubleValue();
    }

    private static void valuationRecord(OdooSimulator sim, int product, double quantity, double cost, Integer move,
            int location) {
        if (sim.version() < 19) {
            Map<String, Object> layer = map("product_id", product, "quantity", quantity, "unit_cost", cost,
                    "value", quantity * cost, "remaining_qty", quantity, "remaining_value", quantity * cost,
                    "description", "Receipt");
            if (move != null) {
                layer.put("account_move_id", move);
            }
            sim.create("stock.valuation.layer", layer);
        } else {
            Map<String, Object> done = map("product_id", product, "quantity", quantity, "product_uom_qty", quantity,
                    "price_unit", cost, "value", quantity * cost, "remaining_qty", quantity,
                    "remaining_value", quantity * cost, "is_in", true, "is_valued", true, "state", "done",
                    "location_id", 3, "location_dest_id", location, "date", "2026-11-01 08:00:00");
            if (move != null) {
                done.put("account_move_id", move);
            }
            sim.create("stock.move", done);
        }
    }

    private static int entry(OdooSimulator sim, String ref, int debitAccount, int creditAccount, double amount,
            Integer product) {
        Map<String, Object> debit = map("account_id", debitAccount, "name", ref, "debit", amount, "credit", 0.0,
                "balance", amount);
        Map<String, Object> credit = map("account_id", creditAccount, "name", ref, "debit", 0.0, "credit", amount,
                "balance", -amount);
        if (product != null) {
            debit.put("product_id", product);
            credit.put("product_id", product);
        }
        int move = sim.create("account.move", map("move_type", "entry", "ref", ref, "date", "2026-11-01",
                "line_ids", List.of(List.of(0, 0, debit), List.of(0, 0, credit))));
        sim.write("account.move", move, map("state", "posted", "name", "STJ/2026/" + move));
        return move;
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
