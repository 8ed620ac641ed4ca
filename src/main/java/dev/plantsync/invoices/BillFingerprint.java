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
 * What a vendor bill looked like in Odoo when PlantSync posted it, as one canonical text: its identity (vendor, ref,
 * invoice date, currency: the ledger's key is vendor + ref, so an edited ref must show), total and product lines
 * (product, quantity, unit price). Stored in the odoo_write ledger at posting; the posting reconciliation reads it
 * again and compares, so a bill edited afterwards shows. The state is compared apart (a draft PlantSync left for
 * finance may be posted by finance; a posted bill reset to draft is a change). Two reads for any number of bills.
 */
public final class BillFingerprint {

    public static final String MODEL = "account.move";

    /**
     * A bill as found: state, fingerprint, and the fingerprint as PlantSync wrote it before identity was part of it
     * (total and lines only), to compare ledger entries written then.
     */
    public record Found(String state, String fingerprint, String totalAndLines) {

        /** The fingerprint in the form {@code stored} was written in. */
        public String comparableWith(String stored) {
            return stored != null && stored.startsWith("total ") ? totalAndLines : fingerprint;
        }
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
                List.of("state", "partner_id", "ref", "invoice_date", "currency_id", "amount_total", "invoice_line_ids"),
                null, null, null, Map.of("active_test", false));
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
            String totalAndLines = "total " + plain(b.getDecimal("amount_total")) + "; lines " + String.join(", ", own);
            Many2one vendor = b.getMany2one("partner_id");
            Many2one currency = b.getMany2one("currency_id");
            java.time.LocalDate date = b.getDate("invoice_date");
            String identity = "vendor " + (vendor == null ? "-" : vendor.id()) + "; ref " + text(b.getString("ref"))
                    + "; date " + (date == null ? "-" : date) + "; currency " + (currency == null ? "-" : currency.displayName());
            found.put(b.id(), new Found(b.getString("state"), identity + "; " + totalAndLines, totalAndLines));
        }
        return found;
    }

    private static String text(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private static String plain(BigDecimal n) {
        return n == null ? "0" : n.stripTrailingZeros().toPlainString();
    }
}
