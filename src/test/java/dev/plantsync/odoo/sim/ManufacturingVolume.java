package dev.plantsync.odoo.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Many confirmed manufacturing orders for a benchmark, on the records of flow 08 ({@link ManufacturingFlowFixture}):
 * the lot-tracked Drawer made from its two lot-tracked components by its BoM's operations, in WH's Manufacturing
 * type. Each order is created and confirmed by the simulator's own code (BoM explosion, reservation, work orders), so
 * it reads as real Odoo's; only the RPC round trips are skipped, which 2,000 orders would spend minutes on.
 * Each component's stock sits in one lot named by {@link #componentLot}, enough for every order and some scrap, so
 * reservation and the MES's consumption name the same lot.
 */
public final class ManufacturingVolume {

    /** The finished product of every order: the Drawer of flow 08, lot-tracked. */
    public static final String PRODUCT = "FURN_8855";

    private ManufacturingVolume() {
    }

    /** The lot a component's stock is in (the MES reports it on CONSUMED). */
    public static String componentLot(String code) {
        return "MES-" + code;
    }

    /** A simulator of Odoo {@code version} holding {@code orders} confirmed MOs of {@code quantity} Drawers each. */
    public static OdooSimulator start(int version, int orders, double quantity) {
        OdooSimulator sim = ManufacturingFlowFixture.simulator(version);
        Map<String, Object> drawer = sim.searchRead("product.product", List.of(List.of("default_code", "=", PRODUCT)),
                List.of("id")).get(0);
        int type = (Integer) sim.searchRead("stock.picking.type", List.of(List.of("code", "=", "mrp_operation")),
                List.of("id")).get(0).get("id");
        int stock = (Integer) sim.searchRead("stock.location", List.of(List.of("usage", "=", "internal")),
                List.of("id")).get(0).get("id");
        // the BoM flow 08 made its order from (BoM 8: its lines and operations were recorded), so every order has
        // component moves and a work order per operation
        Object bom = ((List<?>) sim.searchRead("mrp.routing.workcenter", List.of(), List.of("bom_id")).get(0)
                .get("bom_id")).get(0);
        List<Map<String, Object>> lines = sim.searchRead("mrp.bom.line", List.of(List.of("bom_id", "=", bom)),
                List.of("bom_id", "product_id", "product_qty"));
        for (Map<String, Object> line : lines) {
            int product = (Integer) ((List<?>) line.get("product_id")).get(0);
            String code = (String) sim.searchRead("product.product", List.of(List.of("id", "=", product)),
                    List.of("default_code")).get(0).get("default_code");
            // the recorded quants leave stock: all of it is in the bench's lot
            for (Map<String, Object> q : sim.searchRead("stock.quant", List.of(List.of("product_id", "=", product)),
                    List.of("id"))) {
                sim.write("stock.quant", (Integer) q.get("id"), Map.of("quantity", 0.0));
            }
            int lot = sim.create("stock.lot", SimBase.map("name", componentLot(code), "product_id", product));
            double need = ((Number) line.get("product_qty")).doubleValue() * quantity * orders * 2 + 1000;
            sim.create("stock.quant", SimBase.map("product_id", product, "location_id", stock, "lot_id", lot,
                    "quantity", need));
        }
        List<Map<String, Object>> values = new ArrayList<>();
        for (int i = 1; i <= orders; i++) {
            values.add(SimBase.map("product_id", drawer.get("id"), "product_qty", quantity, "bom_id", bom,
                    "picking_type_id", type, "origin", String.format("S%05d", i)));
        }
        List<Integer> ids = new ArrayList<>();
        for (int from = 0; from < values.size(); from += 500) {
            ids.addAll(sim.create("mrp.production", values.subList(from, Math.min(values.size(), from + 500))));
        }
        // confirmed in one call: one transaction, as Odoo confirms a selection of orders
        sim.call("mrp.production", "action_confirm", List.of(ids), Map.of());
        return sim;
    }
}
