package dev.plantsync.odoo.sim;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds a simulator with the demo records flow 08 ({@code odoo-corpus/flows/<v>/08-manufacturing-order.json}) works
 * on, with their recorded ids and values, harvested from the recording's own answers: the Drawer (FURN_8855, lot
 * tracked) and its two BoMs, the lines and operations of BoM 8, the work centres, the two lot-tracked components
 * with their lots and quants, WH/Stock, the production and scrap locations and the Manufacturing operation type.
 * The numbering continues where the recorded database stood: MO, scrap and lot-name sequences, and the next
 * stock.move / stock.move.line / mrp.workorder ids (the first MO's first ids, less the two inventory moves the flow
 * books before it).
 */
final class ManufacturingFlowFixture {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ManufacturingFlowFixture() {
    }

    /** The recorded calls of the flow: {model, method, request body, answer}. */
    record Call(int step, String model, String method, Map<String, Object> request, Object answer) {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> recording(int version) {
        String path = "/odoo-corpus/flows/" + version + "/08-manufacturing-order.json";
        try (InputStream in = ManufacturingFlowFixture.class.getResourceAsStream(path)) {
            return JSON.readValue(in, Map.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Call> calls(int version) {
        List<Call> calls = new ArrayList<>();
        for (Object o : (List<Object>) recording(version).get("calls")) {
            Map<String, Object> c = (Map<String, Object>) o;
            Map<String, Object> request = (Map<String, Object>) c.get("request");
            Map<String, Object> body = (Map<String, Object>) request.get("body");
            Map<String, Object> response = (Map<String, Object>) c.get("response");
            String model;
            String method;
            if ("/jsonrpc".equals(request.get("path"))) {
                List<Object> args = (List<Object>) ((Map<String, Object>) body.get("params")).get("args");
                model = (String) args.get(3);
                method = (String) args.get(4);
            } else {
                String[] parts = ((String) request.get("path")).split("/");
                model = parts[3];
                method = parts[4];
            }
            Object answer = response.get("body");
            if (answer instanceof Map<?, ?> m && m.containsKey("jsonrpc")) {
                answer = m.get("result");
            }
            calls.add(new Call(((Number) c.get("step")).intValue(), model, method, request, answer));
        }
        return calls;
    }

    static OdooSimulator simulator(int version) {
        OdooSimulator sim = OdooSimulator.start(version);
        sim.users().acceptRecordedPlaceholders();
        List<Call> calls = calls(version);
        Map<String, Object> drawer = rows(calls, "product.product", "search_read").get(0);
        List<Map<String, Object>> boms = rows(calls, "mrp.bom", "search_read");
        List<Map<String, Object>> bomLines = rows(calls, "mrp.bom.line", "search_read");
        List<Map<String, Object>> operations = rows(calls, "mrp.routing.workcenter", "search_read");
        List<Map<String, Object>> components = rows(calls, "product.product", "read");
        List<Map<String, Object>> quants = rows(calls, "stock.quant", "search_read");
        Map<String, Object> firstMo = rows(calls, "mrp.production", "read").get(0);
        Map<String, Object> scrap = rows(calls, "stock.scrap", "read").get(0);
        List<Map<String, Object>> firstWorkOrders = rows(calls, "mrp.workorder", "read");

        // locations: WH/Stock, the production location and the scrap destination with the recorded ids
        int stock = id(quants.get(0).get("location_id"));
        if (stock != 5) {
            sim.unlink("stock.location", 5); // the base database's WH/Stock, renumbered as recorded
            sim.nextId("stock.location", stock);
            sim.create("stock.location", SimBase.map("name", "Stock", "usage", "internal", "location_id", 4));
        }
        Integer virtual = null;
        if (version < 19) {
            virtual = sim.create("stock.location", SimBase.map("name", "Virtual Locations", "usage", "view"));
            sim.create("stock.location", SimBase.map("name", "Inventory adjustment", "usage", "inventory",
                    "location_id", virtual));
        }
        List<?> production = (List<?>) rows(calls, "stock.move", "read").get(0).get("location_dest_id");
        sim.nextId("stock.location", id(production));
        sim.create("stock.location", withParent(SimBase.map("name", last(production), "usage", "production"), virtual));
        List<?> scrapLocation = (List<?>) scrap.get("scrap_location_id");
        sim.nextId("stock.location", id(scrapLocation));
        sim.create("stock.location", withParent(SimBase.map("name", last(scrapLocation), "usage", "inventory"), virtual));

        List<?> type = (List<?>) firstMo.get("picking_type_id");
        String[] typeName = ((String) type.get(1)).split(": ");
        int warehouse = sim.create("stock.warehouse", SimBase.map("name", typeName[0], "code", "WH"));
        sim.nextId("stock.picking.type", id(type));
        sim.create("stock.picking.type", SimBase.map("name", typeName[1], "code", "mrp_operation", "sequence_code", "MO",
                "warehouse_id", warehouse, "create_backorder", "ask", "reservation_method", "at_confirm",
                "default_location_src_id", stock, "default_location_dest_id", stock));

        // work centres, products, lots, quants
        for (Map<String, Object> op : operations) {
            List<?> center = (List<?>) op.get("workcenter_id");
            if (sim.searchRead("mrp.workcenter", List.of(List.of("id", "=", id(center))), List.of("id")).isEmpty()) {
                sim.nextId("mrp.workcenter", id(center));
                sim.create("mrp.workcenter", SimBase.map("name", center.get(1)));
            }
        }
        sim.nextId("product.template", id(drawer.get("product_tmpl_id")));
        product(sim, drawer);
        components.forEach(c -> product(sim, c));
        for (Map<String, Object> q : quants) {
            if (q.get("lot_id") instanceof List<?> lot && sim.searchRead("stock.lot", List.of(List.of("id", "=", id(lot))),
                    List.of("id")).isEmpty()) {
                sim.nextId("stock.lot", id(lot));
                sim.create("stock.lot", SimBase.map("name", lot.get(1), "product_id", id(q.get("product_id"))));
            }
        }
        for (Map<String, Object> q : quants) {
            if (sim.searchRead("stock.quant", List.of(List.of("id", "=", q.get("id"))), List.of("id")).isEmpty()) {
                sim.nextId("stock.quant", ((Number) q.get("id")).intValue());
                Map<String, Object> values = SimBase.map("product_id", id(q.get("product_id")), "location_id", stock,
                        "quantity", q.get("quantity"));
                if (q.get("lot_id") instanceof List<?> lot) {
                    values.put("lot_id", id(lot));
                }
                sim.create("stock.quant", values);
            }
        }
        // what the Drawer had on hand before the flow, on no lot the flow reads
        sim.create("stock.quant", SimBase.map("product_id", drawer.get("id"), "location_id", stock, "quantity",
                drawer.get("qty_available")));

        // BoMs: both recorded, the lines of BoM 8 as read; BoM 7's lines were never read (same components here)
        for (Map<String, Object> b : boms) {
            sim.nextId("mrp.bom", ((Number) b.get("id")).intValue());
            sim.create("mrp.bom", SimBase.map("product_tmpl_id", id(drawer.get("product_tmpl_id")), "code", b.get("code"),
                    "sequence", b.get("sequence"), "type", b.get("type"), "product_qty", b.get("product_qty"),
                    "product_uom_id", id(b.get("product_uom_id")), "consumption", b.get("consumption"),
                    "ready_to_produce", b.get("ready_to_produce"), "allow_operation_dependencies",
                    b.get("allow_operation_dependencies")));
            List<?> lineIds = (List<?>) b.get("bom_line_ids");
            for (int i = 0; i < lineIds.size(); i++) {
                Map<String, Object> line = i < bomLines.size() ? bomLines.get(i) : bomLines.get(0);
                sim.nextId("mrp.bom.line", ((Number) lineIds.get(i)).intValue());
                sim.create("mrp.bom.line", SimBase.map("bom_id", b.get("id"), "product_id", id(bomLines.get(i % bomLines.size())
                        .get("product_id")), "product_qty", line.get("product_qty"), "product_uom_id",
                        id(line.get("product_uom_id")), "sequence", line.get("sequence")));
            }
            for (Object opId : (List<?>) b.get("operation_ids")) {
                Map<String, Object> op = operations.stream().filter(o -> o.get("id").equals(opId)).findFirst().orElseThrow();
                sim.nextId("mrp.routing.workcenter", ((Number) opId).intValue());
                sim.create("mrp.routing.workcenter", SimBase.map("bom_id", b.get("id"), "name", op.get("name"),
                        "sequence", op.get("sequence"), "workcenter_id", id(op.get("workcenter_id")), "time_mode",
                        op.get("time_mode"), "time_cycle_manual", op.get("time_cycle_manual")));
            }
        }

        // numbering: WH/MO/00017, SP/00003, the generated lot 0000003 (18); next ids as the recorded database's
        String moName = (String) firstMo.get("name");
        sim.sequence("mrp.production", Integer.parseInt(moName.substring(moName.lastIndexOf('/') + 1)));
        String scrapName = calls.stream().filter(c -> c.model().equals("stock.scrap") && c.method().equals("read"))
                .flatMap(c -> ((List<?>) c.answer()).stream()).map(r -> (String) ((Map<?, ?>) r).get("name"))
                .filter(n -> n.contains("/")).findFirst().orElseThrow();
        sim.sequence("stock.scrap", Integer.parseInt(scrapName.substring(scrapName.lastIndexOf('/') + 1)));
        sim.sequence("stock.lot.serial", 3);
        long inventoryMoves = calls.stream().filter(c -> c.method().equals("action_apply_inventory")).count();
        int firstMove = id(((List<?>) firstMo.get("move_raw_ids")).get(0));
        sim.nextId("stock.move", firstMove - (int) inventoryMoves);
        int firstLine = rows(calls, "stock.move.line", "search_read").stream()
                .mapToInt(l -> ((Number) l.get("id")).intValue()).min().orElseThrow();
        sim.nextId("stock.move.line", firstLine - (int) inventoryMoves);
        sim.nextId("mrp.workorder", ((Number) firstWorkOrders.get(0).get("id")).intValue());
        // the wizard's line is made by a create command: its id as the recording reads it back
        sim.nextId("mrp.consumption.warning.line", ((Number) rows(calls, "mrp.consumption.warning.line", "search_read")
                .get(0).get("id")).intValue());
        return sim;
    }

    private static void product(OdooSimulator sim, Map<String, Object> row) {
        String display = (String) row.get("display_name");
        String code = display.substring(1, display.indexOf(']'));
        sim.nextId("product.product", ((Number) row.get("id")).intValue());
        sim.create("product.product", SimBase.map("name", display.substring(display.indexOf(']') + 2), "default_code", code,
                "tracking", row.get("tracking"), "is_storable", row.get("is_storable"), "uom_id", id(row.get("uom_id"))));
    }

    private static Map<String, Object> withParent(Map<String, Object> values, Integer parent) {
        if (parent != null) {
            values.put("location_id", parent);
        }
        return values;
    }

    private static String last(List<?> pair) {
        String name = (String) pair.get(1);
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /** The first answer of a model's method, as rows. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(List<Call> calls, String model, String method) {
        return calls.stream().filter(c -> c.model().equals(model) && c.method().equals(method))
                .map(c -> (List<Map<String, Object>>) c.answer()).findFirst().orElseThrow();
    }

    private static int id(Object value) {
        return ((Number) (value instanceof List<?> l ? l.get(0) : value)).intValue();
    }
}
