package dev.plantsync.production;

import static dev.plantsync.production.PlantFloor.map;

import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.support.SimulatedWorld;

/**
 * The plant of the loop test, seeded into the demo company's simulated Odoo as flow 08 found it in Odoo's demo data:
 * warehouse WH with its Manufacturing type (reservation at confirmation, backorders asked for), the lot-tracked Drawer
 * (FURN_8855) and its BoM SEC-ASSEM (one Drawer Black FURN_2100 and one Drawer Case Black FURN_5623 a Drawer, both
 * lot-tracked, consumption {@code warning}, three operations), and one lot of each component on hand in WH/Stock.
 * Orders are created and confirmed through the simulator's RPC, as a planner's Odoo does it.
 */
final class LoopPlant {

    static final String DRAWER = "FURN_8855";
    static final String BLACK = "FURN_2100";
    static final String CASE = "FURN_5623";
    static final String BLACK_LOT = "0000000010001";
    static final String CASE_LOT = "0000000020045";

    final OdooSimulator odoo;
    final SimulatedWorld world;
    final int drawer;
    final int black;
    final int caseBlack;
    final int bom;
    final int stock;

    LoopPlant(SimulatedWorld world) {
        this.world = world;
        this.odoo = world.odoo;
        stock = world.demo.stock();
        int warehouse = odoo.create("stock.warehouse", map("name", "Main Plant", "code", "WH"));
        odoo.create("stock.picking.type", map("name", "Manufacturing", "code", "mrp_operation", "warehouse_id",
                warehouse, "sequence_code", "MO", "create_backorder", "ask", "reservation_method", "at_confirm",
                "default_location_src_id", stock, "default_location_dest_id", stock));
        drawer = product("Drawer", DRAWER);
        black = product("Drawer Black", BLACK);
        caseBlack = product("Drawer Case Black", CASE);
        bom = odoo.create("mrp.bom", map("product_tmpl_id", template(drawer), "code", "SEC-ASSEM", "type", "normal",
                "product_qty", 1.0, "product_uom_id", 1, "consumption", "warning", "ready_to_produce", "asap"));
        odoo.create("mrp.bom.line", map("bom_id", bom, "product_id", black, "product_qty", 1.0, "product_uom_id", 1,
                "sequence", 1));
        odoo.create("mrp.bom.line", map("bom_id", bom, "product_id", caseBlack, "product_qty", 1.0,
                "product_uom_id", 1, "sequence", 2));
        int assembly = workCentre("Assembly");
        int machining = workCentre("Machining");
        operation("Cutting", machining, 10, 12.0);
        operation("Assembly", assembly, 20, 30.0);
        operation("Packing", assembly, 30, 6.0);
        // enough of each lot for two orders of ten, over-consumption and a scrap
        onHand(black, BLACK_LOT, 40);
        onHand(caseBlack, CASE_LOT, 40);
    }

    /** create {product_id, product_qty, bom_id} and action_confirm over the simulator's RPC; returns the order. */
    int confirmedOrder(double quantity) {
        Object created = odoo.call("mrp.production", "create", List.of(map("product_id", drawer, "product_qty",
                quantity, "bom_id", bom)), Map.of());
        int mo = ((Number) (created instanceof List<?> ids ? ids.get(0) : created)).intValue();
        odoo.call("mrp.production", "action_confirm", List.of(List.of(mo)), Map.of());
        return mo;
    }

    private int product(String name, String code) {
        return odoo.create("product.product", map("name", name, "default_code", code, "tracking", "lot",
                "is_storable", true, "uom_id", 1));
    }

    private int template(int product) {
        return ((Number) ((List<?>) odoo.searchRead("product.product", List.of(List.of("id", "=", product)),
                List.of("product_tmpl_id")).get(0).get("product_tmpl_id")).get(0)).intValue();
    }

    private int workCentre(String name) {
        return (Integer) odoo.searchRead("mrp.workcenter", List.of(List.of("name", "=", name)), List.of("id")).get(0)
                .get("id");
    }

    private void operation(String name, int workCentre, int sequence, double minutes) {
        odoo.create("mrp.routing.workcenter", map("name", name, "workcenter_id", workCentre, "bom_id", bom,
                "sequence", sequence, "time_mode", "manual", "time_cycle_manual", minutes));
    }

    private void onHand(int product, String lotName, double quantity) {
        int lot = odoo.create("stock.lot", map("name", lotName, "product_id", product));
        odoo.create("stock.quant", map("product_id", product, "location_id", stock, "lot_id", lot, "quantity",
                quantity));
    }
}
