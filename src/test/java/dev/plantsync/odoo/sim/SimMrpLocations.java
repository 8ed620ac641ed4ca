package dev.plantsync.odoo.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The places manufacturing needs: the production location, the scrap destination, the inventory-adjustment location
 * and the Manufacturing operation type. A seeded database (the flow fixture) has them with the recorded ids; any
 * other simulator gets them on first use, named as each version names them (flow 08 FACTS: "Virtual
 * Locations/Production" and "Virtual Locations/Scrap" on 18; "Production" and "Inventory adjustment" on 19, where a
 * scrap goes to the inventory-adjustment location).
 */
final class SimMrpLocations {

    private final SimOrm orm;

    SimMrpLocations(SimOrm orm) {
        this.orm = orm;
    }

    Integer production() {
        return find("production", null, "Production");
    }

    Integer inventory() {
        return find("inventory", "Inventory adjustment", "Inventory adjustment");
    }

    /** 18: "Virtual Locations/Scrap"; 19: the inventory-adjustment location (its default scrap_location_id). */
    Integer scrap() {
        return orm.version >= 19 ? inventory() : find("inventory", "Scrap", "Scrap");
    }

    /** WH/Stock: the first internal location directly below a view location named WH, else any internal one. */
    Integer stock() {
        return orm.table("stock.location").values().stream()
                .filter(l -> "internal".equals(l.get("usage")) && l.get("location_id") != null
                        && "WH".equals(orm.get("stock.location", (Integer) l.get("location_id")).get("name")))
                .map(l -> (Integer) l.get("id")).findFirst()
                .orElseGet(() -> orm.table("stock.location").values().stream()
                        .filter(l -> "internal".equals(l.get("usage"))).map(l -> (Integer) l.get("id")).findFirst()
                        .orElse(null));
    }

    /** The warehouse's Manufacturing type: reservation at confirmation, backorders asked for (the demo's settings). */
    Integer manufacturingType() {
        Integer found = orm.table("stock.picking.type").values().stream()
                .filter(t -> "mrp_operation".equals(t.get("code"))).map(t -> (Integer) t.get("id")).findFirst()
                .orElse(null);
        if (found != null) {
            return found;
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", "Manufacturing");
        v.put("code", "mrp_operation");
        v.put("sequence_code", "MO");
        v.put("create_backorder", "ask");
        v.put("reservation_method", "at_confirm");
        v.put("default_location_src_id", stock());
        v.put("default_location_dest_id", stock());
        return orm.createRecord("stock.picking.type", v, 2);
    }

    private Integer find(String usage, String name, String createAs) {
        Integer found = orm.table("stock.location").values().stream()
                .filter(l -> usage.equals(l.get("usage")) && (name == null || Objects.equals(name, l.get("name"))))
                .map(l -> (Integer) l.get("id")).findFirst().orElse(null);
        if (found != null) {
            return found;
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", createAs);
        v.put("usage", usage);
        if (orm.version < 19) {
            v.put("location_id", virtualLocations());
        }
        return orm.createRecord("stock.location", v, 2);
    }

    private Integer virtualLocations() {
        return orm.table("stock.location").values().stream()
                .filter(l -> "view".equals(l.get("usage")) && "Virtual Locations".equals(l.get("name")))
                .map(l -> (Integer) l.get("id")).findFirst()
                .orElseGet(() -> orm.createRecord("stock.location", new LinkedHashMap<>(Map.of("name",
                        "Virtual Locations", "usage", "view")), 2));
    }
}
