package dev.plantsync.odoo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an operator checks before enabling a schedule: Odoo answers, the credentials work, every model the jobs use
 * exists and the user may read and write it, and when the API key expires.
 */
public final class OdooCheck {

    /** The models PlantSync's jobs read or write. */
    public static final List<String> MODELS = List.of("res.partner", "product.product", "product.template",
            "product.category", "uom.uom", "product.supplierinfo", "stock.location", "stock.quant", "stock.lot",
            "mrp.bom", "mrp.bom.line", "mrp.routing.workcenter", "mrp.workcenter", "purchase.order",
            "purchase.order.line", "account.move", "account.move.line", "account.account", "ir.model.data",
            "ir.attachment", "res.partner.bank"); // vendors' bank accounts (master-data sync)

    /** The outcome: facts found and problems, one line each. */
    public record Report(Map<String, String> facts, Map<String, String> access, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private OdooCheck() {
    }

    public static Report run(OdooClient odoo, List<String> models) {
        Map<String, String> facts = new LinkedHashMap<>();
        Map<String, String> access = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        facts.put("server version", String.valueOf(odoo.version().get("server_version")));
        facts.put("transport", odoo.transport().name());
        int uid;
        try {
            uid = odoo.authenticate();
            facts.put("user id", String.valueOf(uid));
        } catch (OdooException.AccessDenied e) {
            problems.add("bad credentials: " + e.getMessage());
            return new Report(facts, access, problems);
        }
        for (String model : models) {
            boolean read = may(odoo, model, "read", problems);
            boolean write = read && may(odoo, model, "write", problems);
            access.put(model, (read ? "read" : "-") + "/" + (write ? "write" : "-"));
        }
        facts.put("api keys", keyExpiry(odoo, uid)); // each by its name, as Odoo lists it
        return new Report(facts, access, problems);
    }

    private static boolean may(OdooClient odoo, String model, String operation, List<String> problems) {
        try {
            // Odoo 18 deprecated check_access_rights in favour of has_access (a record method, called on no records).
            Object answer = odoo.majorVersion() >= 18
                    ? odoo.callReadOnly(new OdooCall(model, "has_access", List.of(), Map.of("operation", operation),
                            List.of("operation"), Map.of()))
                    : odoo.callReadOnly(new OdooCall(model, "check_access_rights", null, Map.of("operation", operation,
                            "raise_exception", false), List.of("operation"), Map.of()));
            if (!Boolean.TRUE.equals(answer)) {
                problems.add("no " + operation + " access to " + model);
                return false;
            }
            return true;
        } catch (OdooException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("doesn't exist") || message.contains("does not exist")) {
                problems.add("missing model " + model + " (is its module installed?)");
            } else {
                problems.add(operation + " access to " + model + " could not be checked: " + message);
            }
            return false;
        }
    }

    private static String keyExpiry(OdooClient odoo, int uid) {
        try {
            List<OdooRecord> keys = odoo.searchRead("res.users.apikeys", Domain.eq("user_id", uid),
                    List.of("name", "expiration_date"));
            if (keys.isEmpty()) {
                return "no API keys listed for this user (password login, or keys not readable)";
            }
            List<String> parts = new ArrayList<>();
            for (OdooRecord k : keys) {
                String expiry = k.getString("expiration_date");
                parts.add("'" + k.getString("name") + "' " + (expiry == null ? "never expires"
                        : "expires " + expiry + " UTC"));
            }
            return String.join("; ", parts);
        } catch (OdooException e) {
            return "unknown (" + e.getMessage().lines().findFirst().orElse("") + ")";
        }
    }
}
