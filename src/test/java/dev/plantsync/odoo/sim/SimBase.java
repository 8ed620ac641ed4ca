package dev.plantsync.odoo.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/** The records every fresh Odoo database has: company, currency, units, root category, warehouse locations. */
final class SimBase {

    private SimBase() {
    }

    static void seed(OdooSimulator sim) {
        sim.create("res.currency", map("name", "USD", "symbol", "$"));
        sim.create("res.partner", map("name", "PlantSync Demo Co", "is_company", true));
        // As the demo databases answer (FACTS.md): Odoo 19's company rounds taxes globally, 18's per line.
        sim.create("res.company", map("name", "PlantSync Demo Co", "partner_id", 1, "tax_calculation_rounding_method",
                sim.version() >= 19 ? "round_globally" : "round_per_line"));
        if (sim.version() < 19) {
            sim.create("uom.category", map("name", "Unit"));
            sim.create("uom.uom", map("name", "Units", "category_id", 1, "uom_type", "reference", "factor", 1.0,
                    "rounding", 0.01));
            sim.create("uom.uom", map("name", "Dozens", "category_id", 1, "uom_type", "bigger", "factor", 1.0 / 12,
                    "rounding", 0.01));
        } else {
            sim.create("uom.uom", map("name", "Units", "relative_factor", 1.0, "factor", 1.0, "rounding", 0.01));
            sim.create("uom.uom", map("name", "Dozens", "relative_factor", 12.0, "relative_uom_id", 1, "factor", 12.0,
                    "rounding", 0.01));
        }
        sim.create("product.category", map("name", "All"));
        sim.create("res.country", map("name", "United States", "code", "US"));
        sim.create("res.country", map("name", "Germany", "code", "DE"));
        sim.create("account.payment.term", map("name", "Immediate Payment"));
        sim.create("account.payment.term", map("name", "30 Days"));
        sim.nextId("account.tax", 2);
        sim.create("account.tax", map("name", "15%", "amount", 15.0, "amount_type", "percent", "type_tax_use",
                "purchase"));
        sim.create("stock.location", map("name", "Physical Locations", "usage", "view"));
        sim.create("stock.location", map("name", "Partners", "usage", "view"));
        sim.create("stock.location", map("name", "Vendors", "usage", "supplier", "location_id", 2));
        sim.create("stock.location", map("name", "WH", "usage", "view", "location_id", 1));
        sim.create("stock.location", map("name", "Stock", "usage", "internal", "location_id", 4));
        sim.nextId("res.users", 2);
        sim.create("res.users", map("name", "Mitchell Admin", "login", SimUsers.ADMIN_LOGIN));
        sim.nextId("res.users", 7);
        sim.create("res.users", map("name", "PlantSync No Rights", "login", SimUsers.LIMITED_LOGIN));
        sim.create("res.users.apikeys", map("name", "plantsync", "user_id", 2));
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
