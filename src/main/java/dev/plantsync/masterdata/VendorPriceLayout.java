package dev.plantsync.masterdata;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooRecord;

/**
 * Vendor prices ({@code vendor-prices*.csv}, Odoo's {@code product.supplierinfo}): a vendor's price for a product
 * from a minimum quantity on. Keyed by vendor reference, product default code and minimum quantity together
 * ("ACME|PS-R001|100"), so quantity breaks are records of their own. Planned after products and vendors, which it
 * refers to.
 */
final class VendorPriceLayout extends EntityLayout {

    static final VendorPriceLayout INSTANCE = new VendorPriceLayout();
    private static final String VENDOR = "partner_id";
    private static final String PRODUCT = "product_tmpl_id";

    private static final List<Column> COLUMNS = List.of(
            new Column("vendor", VENDOR, "reference", Set.of(), true),
            new Column("product", PRODUCT, "reference", Set.of(), true),
            Column.text("vendor_code", "product_code", false),
            Column.of("min_qty", "min_qty", "number"),
            new Column("price", "price", "number", Set.of(), true),
            Column.of("currency", "currency_id", "reference"),
            Column.of("lead_time_days", "delay", "number"));

    private VendorPriceLayout() {
        super("vendor price", "product.supplierinfo", "md-vendor-prices", PRODUCT);
    }

    @Override
    List<Column> columns() {
        return COLUMNS;
    }

    @Override
    Map<String, Reference> references() {
        return Map.of(VENDOR, new Reference("res.partner", "ref", "vendor reference"),
                PRODUCT, new Reference("product.template", "default_code", "product"),
                "currency_id", new Reference("res.currency", "name", "currency"));
    }

    @Override
    Set<String> defaulted() {
        return Set.of("currency_id", "delay", "min_qty");
    }

    @Override
    List<String> odooFields() {
        return List.of(VENDOR, PRODUCT, "product_code", "min_qty", "price", "currency_id", "delay");
    }

    @Override
    String externalName(String key) {
        return super.externalName(key).replace(' ', '_');
    }

    /** vendor|product|minimum quantity, the minimum as a plain number (0 when the file gives none). */
    @Override
    String key(Map<String, Object> values) {
        return values.get(VENDOR) + "|" + values.get(PRODUCT) + "|" + minimum(values.get("min_qty"));
    }

    @Override
    Map<String, Object> desired(Map<String, Object> staged, int odooVersion) {
        Map<String, Object> desired = super.desired(staged, odooVersion);
        desired.putIfAbsent("min_qty", BigDecimal.ZERO);
        return desired;
    }

    /** The prices of these vendors for these products, keyed like the file (two more reads name their vendor/product). */
    @Override
    Map<String, OdooRecord> current(OdooClient odoo, Set<String> keys) {
        Set<String> vendors = new HashSet<>();
        Set<String> products = new HashSet<>();
        keys.forEach(k -> {
            String[] parts = k.split("\\|", 3);
            vendors.add(parts[0]);
            products.add(parts[1]);
        });
        List<OdooRecord> prices = odoo.searchRead(model, Domain.and(Domain.in("partner_id.ref", List.copyOf(vendors)),
                Domain.in("product_tmpl_id.default_code", List.copyOf(products))), odooFields(), "id", null, null,
                Map.of());
        Map<Integer, String> refs = textOf(odoo, "res.partner", "ref",
                prices.stream().map(p -> p.getMany2one(VENDOR).id()).distinct().toList());
        Map<Integer, String> codes = textOf(odoo, "product.template", "default_code",
                prices.stream().map(p -> p.getMany2one(PRODUCT).id()).distinct().toList());
        Map<String, OdooRecord> byKey = new HashMap<>();
        for (OdooRecord p : prices) {
            String key = refs.get(p.getMany2one(VENDOR).id()) + "|" + codes.get(p.getMany2one(PRODUCT).id()) + "|"
                    + minimum(p.raw("min_qty"));
            byKey.putIfAbsent(key, p);
        }
        return byKey;
    }

    private static String minimum(Object value) {
        return value == null ? "0" : decimal(value instanceof Number n ? n : new BigDecimal(value.toString()))
                .toPlainString();
    }
}
