package dev.plantsync.invoices;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.Many2one;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooRecord;

/**
 * What a vendor bill looked like in Odoo when PlantSync posted it: total and product lines (product, quantity, unit
 * price), as one canonical text. Stored in the odoo_write ledger at posting; the posting reconciliation reads it again
 * and compares, so a bill edited afterwards shows. Two reads for any number of bills.
 */
public final class BillFingerprint {

    public static final String MODEL = "account.move";

    /** A bill as found: state and fingerprint. */
    public record Found(String state, String fingerprint) {
    }

    private BillFingerprint() {
    }

    /** The bills that still exist among {@code ids} (deleted ones are simply absent). */
    public static Map<Integer, Found> read(OdooClient odoo, List<Integer> ids) {
        Map<Integer, Found> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        List<OdooRecord> bills = odoo.searchRead(MODEL, Domain.in("id", ids),
                List.of("state", "amount_total", "invoice_line_ids"), null, null, null, Map.of("active_test", false));
        List<Integer> lineIds = bills.stream().flatMap(b -> b.getIds("invoice_line_ids").stream()).toList();
        Map<Integer, List<String>> lines = new HashMap<>();
        if (!lineIds.isEmpty()) {
            for (OdooRecord l : odoo.read("account.move.line", lineIds,
                    List.of("move_id", "product_id", "quantity", "price_unit"), Map.of())) {
                Many2one product = l.getMany2one("product_id");
                lines.computeIfAbsent(l.getMany2one("move_id").id(), k -> new ArrayList<>())
                        .add((product == null ? "-" : String.valueOf(product.id())) + "x" + plain(l.getDecimal("quantity"))
                                + "@" + plain(l.getDecimal("price_unit")));
            }
        }
        for (OdooRecord b : bills) {
            List<String> own = new ArrayList<>(lines.getOrDefault(b.id(), List.of()));
            own.sort(null);
            found.put(b.id(), new Found(b.getString("state"),
                    "total " + plain(b.getDecimal("amount_total")) + "; lines " + String.join(", ", own)));
        }
        return found;
    }

    private static String plain(BigDecimal n) {
        return n == null ? "0" : n.stripTrailingZeros().toPlainString();
    }
}
