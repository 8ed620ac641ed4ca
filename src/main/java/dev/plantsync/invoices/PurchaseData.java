package dev.plantsync.invoices;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.Many2one;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooRecord;
import dev.plantsync.odoo.UnitSizes;

/**
 * The Odoo side of a batch of invoices, read with a handful of calls whatever the batch size: vendors, purchase
 * orders, their lines with received and invoiced quantities, product codes and vendor codes, and existing bills.
 */
final class PurchaseData {

    /** A purchase order header. */
    record Order(long id, String name, long partnerId, String state, Long currencyId, String currency) {
    }

    /** A purchase order line with what matching needs. */
    record OrderLine(long id, long orderId, long productId, String productCode, Set<String> vendorCodes,
            BigDecimal ordered, BigDecimal received, BigDecimal invoiced, BigDecimal price, boolean billOnOrdered,
            String uom) {
    }

    final Map<String, Long> vendorsByRef;
    final Map<String, Order> ordersByName;
    final Map<Long, List<OrderLine>> linesByOrder;
    final Set<String> billedKeys;
    /** Size of each unit (by Odoo name) in its reference unit: Units 1, Dozens 12. */
    final Map<String, BigDecimal> unitSizes;

    private PurchaseData(Map<String, Long> vendorsByRef, Map<String, Order> ordersByName,
            Map<Long, List<OrderLine>> linesByOrder, Set<String> billedKeys, Map<String, BigDecimal> unitSizes) {
        this.vendorsByRef = vendorsByRef;
        this.ordersByName = ordersByName;
        this.linesByOrder = linesByOrder;
        this.billedKeys = billedKeys;
        this.unitSizes = unitSizes;
    }

    static String billKey(long partnerId, String ref) {
        return partnerId + "|" + ref;
    }

    static PurchaseData read(OdooClient odoo, Collection<String> vendorRefs, Collection<String> poNames,
            Collection<String> invoiceNumbers, Collection<String> unitNames) {
        // Odoo 19 renamed the PO line's unit field (product_uom -> product_uom_id); FACTS.md.
        String uomField = odoo.majorVersion() >= 19 ? "product_uom_id" : "product_uom";
        Map<String, Long> vendors = new HashMap<>();
        if (!vendorRefs.isEmpty()) {
            for (OdooRecord r : odoo.searchRead("res.partner", Domain.in("ref", vendorRefs), List.of("ref"))) {
                vendors.put(r.getString("ref"), (long) r.id());
            }
        }
        Map<String, Order> orders = new HashMap<>();
        if (!poNames.isEmpty()) {
            for (OdooRecord r : odoo.searchRead("purchase.order", Domain.in("name", poNames),
                    List.of("name", "partner_id", "state", "currency_id"))) {
                Many2one partner = r.getMany2one("partner_id");
                Many2one currency = r.getMany2one("currency_id");
                orders.put(r.getString("name"), new Order(r.id(), r.getString("name"), partner == null ? -1 : partner.id(),
                        r.getString("state"), currency == null ? null : (long) currency.id(),
                        currency == null ? null : currency.displayName()));
            }
        }
        Map<Long, List<OrderLine>> lines = new LinkedHashMap<>();
        if (!orders.isEmpty()) {
            List<OdooRecord> rows = odoo.searchRead("purchase.order.line",
                    Domain.in("order_id", orders.values().stream().map(Order::id).toList()),
                    List.of("order_id", "product_id", "product_qty", "qty_received", "qty_invoiced", "price_unit",
                            uomField),
                    "id", null, null, Map.of());
            Set<Integer> productIds = new HashSet<>();
            rows.forEach(r -> productIds.add(r.getMany2one("product_id").id()));
            Map<Integer, String> codes = new HashMap<>();
            Map<Integer, Integer> templates = new HashMap<>();
            Set<Integer> billOnOrdered = new HashSet<>();
            for (OdooRecord p : odoo.read("product.product", new ArrayList<>(productIds),
                    List.of("default_code", "product_tmpl_id", "purchase_method"), Map.of("active_test", false))) {
                codes.put(p.id(), p.getString("default_code"));
                templates.put(p.id(), p.getMany2one("product_tmpl_id").id());
                if ("purchase".equals(p.getString("purchase_method"))) {
                    billOnOrdered.add(p.id());
                }
            }
            Map<Integer, Set<String>> vendorCodes = new HashMap<>();
            if (!templates.isEmpty()) {
                for (OdooRecord s : odoo.searchRead("product.supplierinfo", Domain.in("product_tmpl_id",
                        new HashSet<>(templates.values())), List.of("product_tmpl_id", "product_code"))) {
                    if (s.getString("product_code") != null) {
                        vendorCodes.computeIfAbsent(s.getMany2one("product_tmpl_id").id(), k -> new HashSet<>())
                                .add(s.getString("product_code"));
                    }
                }
            }
            for (OdooRecord r : rows) {
                int product = r.getMany2one("product_id").id();
                long order = r.getMany2one("order_id").id();
                lines.computeIfAbsent(order, k -> new ArrayList<>()).add(new OrderLine(r.id(), order, product,
                        codes.get(product), vendorCodes.getOrDefault(templates.get(product), Set.of()),
                        r.getDecimal("product_qty"), r.getDecimal("qty_received"), r.getDecimal("qty_invoiced"),
                        r.getDecimal("price_unit"), billOnOrdered.contains(product),
                        r.getMany2one(uomField) == null ? null : r.getMany2one(uomField).displayName()));
            }
        }
        Set<String> billed = new HashSet<>();
        if (!vendors.isEmpty() && !invoiceNumbers.isEmpty()) {
            for (OdooRecord b : odoo.searchRead("account.move", Domain.and(Domain.eq("move_type", "in_invoice"),
                    Domain.in("partner_id", vendors.values()), Domain.in("ref", invoiceNumbers),
                    Domain.ne("state", "cancel")), List.of("partner_id", "ref"))) {
                billed.add(billKey(b.getMany2one("partner_id").id(), b.getString("ref")));
            }
        }
        Set<String> names = new HashSet<>(unitNames);
        lines.values().forEach(l -> l.forEach(line -> {
            if (line.uom() != null) {
                names.add(line.uom());
            }
        }));
        Map<String, BigDecimal> sizes = names.isEmpty() ? Map.of() : UnitSizes.read(odoo, Domain.in("name", names));
        return new PurchaseData(vendors, orders, lines, billed, sizes);
    }
}
