package dev.plantsync.odoo.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code stock.scrap} with a manufacturing order (flow 08): create takes its source from the MO (its component
 * location while the MO is not done, else where it put the product) and the version's scrap destination (18 "Virtual
 * Locations/Scrap", 19 "Inventory adjustment"); {@code action_validate} posts one done move with the lot, tied to the
 * MO (raw_material_production_id for a component) and to the scrap, names the scrap SP/0000N and answers true.
 */
final class SimScrap {

    private final SimOrm orm;
    private final SimManufacturing mrp;

    SimScrap(SimOrm orm, SimManufacturing mrp) {
        this.orm = orm;
        this.mrp = mrp;
    }

    /** Create's computed defaults (values the caller gave win). */
    void prepare(Map<String, Object> scrap) {
        Map<String, Object> product = orm.get("product.product", (Integer) scrap.get("product_id"));
        if (scrap.get("product_uom_id") == null && product != null) {
            scrap.put("product_uom_id", product.get("uom_id"));
        }
        Map<String, Object> mo = orm.get("mrp.production", (Integer) scrap.get("production_id"));
        if (scrap.get("location_id") == null) {
            scrap.put("location_id", mo == null ? mrp.locations().stock()
                    : "done".equals(mo.get("state")) ? mo.get("location_dest_id") : mo.get("location_src_id"));
        }
        if (scrap.get("scrap_location_id") == null) {
            scrap.put("scrap_location_id", mrp.locations().scrap());
        }
    }

    Object validate(List<Integer> ids, int uid) {
        for (Integer id : ids) {
            Map<String, Object> scrap = orm.get("stock.scrap", id);
            if (!"draft".equals(scrap.get("state"))) {
                continue;
            }
            Map<String, Object> mo = orm.get("mrp.production", (Integer) scrap.get("production_id"));
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("product_id", scrap.get("product_id"));
            v.put("product_uom", scrap.get("product_uom_id"));
            v.put("product_uom_qty", scrap.get("scrap_qty"));
            v.put("location_id", scrap.get("location_id"));
            v.put("location_dest_id", scrap.get("scrap_location_id"));
            v.put("scrap_id", id);
            v.put("scrapped", true);
            v.put("state", "assigned");
            if (mo != null) {
                boolean component = mrp.rawMoves(mo).stream()
                        .anyMatch(m -> Objects.equals(m.get("product_id"), scrap.get("product_id")));
                v.put(component ? "raw_material_production_id" : "production_id", mo.get("id"));
                v.put("reference", mo.get("name"));
            }
            SimStock stock = mrp.stock();
            Map<String, Object> move = stock.move(stock.createMove(v, uid));
            int line = stock.createLine(move, (Integer) scrap.get("location_id"), (Integer) scrap.get("lot_id"),
                    SimStock.qty(scrap.get("scrap_qty")), uid);
            if (orm.version >= 19) {
                // 19's move line has scrap_id (not stored, searchable): kept on the line so domains reach it
                orm.get("stock.move.line", line).put("scrap_id", id);
            }
            stock.done(move, uid);
            scrap.put("state", "done");
            scrap.put("name", "SP/" + String.format("%05d", mrp.next("stock.scrap")));
            scrap.put("date_done", SimStock.now());
        }
        return true;
    }
}
