package dev.plantsync.production;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.support.SimulatedWorld;

/**
 * Manufacturing orders seeded straight into the simulated Odoo as records, with the fields and shapes real Odoo 18 and
 * 19 return (flow 08): two warehouses with a manufacturing operation type each, orders with component moves and work
 * orders pointing at routing operations of the demo BOMs.
 */
final class PlantFloor {

    final OdooSimulator odoo;
    final SimulatedWorld world;
    final int mainManufacturing;
    final int secondManufacturing;
    final int mainReceipts;
    final int assembly;
    final int machining;
    final int assemblyStep;
    final int testStep;
    final int machiningStep;

    PlantFloor(SimulatedWorld world) {
        this.world = world;
        this.odoo = world.odoo;
        int main = odoo.create("stock.warehouse", map("name", "Main Plant", "code", "WH"));
        int second = odoo.create("stock.warehouse", map("name", "Second Plant", "code", "WH2"));
        mainManufacturing = odoo.create("stock.picking.type", map("name", "Manufacturing", "code", "mrp_operation",
                "warehouse_id", main, "sequence_code", "MO"));
        mainReceipts = odoo.create("stock.picking.type", map("name", "Receipts", "code", "incoming",
                "warehouse_id", main, "sequence_code", "IN"));
        secondManufacturing = odoo.create("stock.picking.type", map("name", "Manufacturing", "code",
                "mrp_operation", "warehouse_id", second, "sequence_code", "MO"));
        // the finished good is made in lots: the MES must record one
        odoo.write("product.product", world.demo.product("PS-F001"), map("tracking", "lot"));
        assembly = id("mrp.workcenter", "Assembly");
        machining = id("mrp.workcenter", "Machining");
        // routing operations of their own (the demo BOMs' have no sequence worth testing)
        int bom = (Integer) odoo.searchRead("mrp.bom", List.of(), List.of("id")).get(0).get("id");
        assemblyStep = odoo.create("mrp.routing.workcenter", map("name", "Assembly", "workcenter_id", assembly,
                "bom_id", bom, "sequence", 10, "time_cycle_manual", 30.0, "time_mode", "manual"));
        testStep = odoo.create("mrp.routing.workcenter", map("name", "Final test", "workcenter_id", assembly,
                "bom_id", bom, "sequence", 20, "time_cycle_manual", 6.0, "time_mode", "manual"));
        machiningStep = odoo.create("mrp.routing.workcenter", map("name", "Machining", "workcenter_id", machining,
                "bom_id", bom, "sequence", 5, "time_cycle_manual", 12.0, "time_mode", "manual"));
    }

    /** A component move of an order: product code, demand (Units), move sequence. */
    static Map<String, Object> component(int product, double quantity, int sequence) {
        return map("product_id", product, "product_uom_qty", quantity, "product_uom", 1, "state", "confirmed",
                "sequence", sequence, "location_id", 5, "location_dest_id", 5);
    }

    /** A work order of an order: its name, work centre, routing operation and expected minutes. */
    static Map<String, Object> workorder(String name, int workcentre, int operation, double minutes) {
        return map("name", name, "workcenter_id", workcentre, "operation_id", operation, "duration_expected", minutes,
                "state", "ready", "sequence", 100);
    }

    int order(String name, String state, String product, double quantity, int pickingType, String start,
            String deadline, String origin, List<Map<String, Object>> components, List<Map<String, Object>> workorders) {
        return order(name, state, world.demo.product(product), quantity, pickingType, start, deadline, origin,
                components, workorders);
    }

    int order(String name, String state, int product, double quantity, int pickingType, String start,
            String deadline, String origin, List<Map<String, Object>> components, List<Map<String, Object>> workorders) {
        List<Object> moves = new ArrayList<>();
        components.forEach(c -> moves.add(List.of(0, 0, c)));
        List<Object> operations = new ArrayList<>();
        workorders.forEach(w -> operations.add(List.of(0, 0, w)));
        Map<String, Object> values = map("name", name, "state", state, "product_id", product,
                "product_qty", quantity, "product_uom_id", 1, "picking_type_id", pickingType, "date_start", start,
                "origin", origin, "move_raw_ids", moves, "workorder_ids", operations);
        if (deadline != null) {
            values.put("date_deadline", deadline);
        }
        return odoo.create("mrp.production", values);
    }

    /** The order's component moves, by product code. */
    Map<String, Integer> moves(int order) {
        Map<String, Integer> byProduct = new LinkedHashMap<>();
        for (Map<String, Object> m : odoo.searchRead("stock.move", List.of(List.of("raw_material_production_id", "=",
                order)), List.of("product_id"))) {
            String display = (String) ((List<?>) m.get("product_id")).get(1);
            byProduct.put(display.substring(1, display.indexOf(']')), (Integer) m.get("id"));
        }
        return byProduct;
    }

    private int id(String model, String name) {
        return (Integer) odoo.searchRead(model, List.of(List.of("name", "=", name)), List.of("id")).get(0).get("id");
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
