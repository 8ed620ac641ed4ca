package dev.plantsync.reconciliation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The warehouse's lines in Odoo's terms, decided as they are staged: the product that speaks for the item's code, the
 * quantity in that product's unit, or why the line cannot be compared (a location Odoo does not have for the site, an
 * item no product carries). Built from what {@link StageOdooProducts} read and staged for the run, so that the
 * comparison compares product ids and no longer joins a million lines to a million products.
 */
final class SnapshotResolver {

    static final String UNMAPPED_LOCATION = "UNMAPPED_LOCATION";
    static final String UNMAPPED_ITEM = "UNMAPPED_ITEM";

    private final Set<String> locations = new HashSet<>();
    private final Map<String, BigDecimal> unitSizes = new HashMap<>();
    private final ProductCodes products;

    private SnapshotResolver(ProductCodes products) {
        this.products = products;
    }

    /** The run's locations and units as staged, and its products as this execution's products step read them. */
    static SnapshotResolver of(JdbcTemplate jdbc, long run, ProductCodes products) {
        SnapshotResolver resolver = new SnapshotResolver(products);
        jdbc.query("SELECT name FROM inventory_recon_location WHERE job_instance_id = ?",
                rs -> {
                    resolver.locations.add(rs.getString(1));
                }, run);
        jdbc.query("SELECT name, size FROM inventory_recon_unit WHERE job_instance_id = ?",
                rs -> {
                    resolver.unitSizes.put(rs.getString(1), rs.getBigDecimal(2));
                }, run);
        return resolver;
    }

    /** One line, after the settings mapped its codes to Odoo's, staged with what it resolves to. */
    void add(StockRows rows, String location, String item, String lot, BigDecimal quantity, String unit,
            Integer lineNo) {
        int entry = products.entry(item);
        String unmapped = !locations.contains(location) ? UNMAPPED_LOCATION : entry < 0 ? UNMAPPED_ITEM : null;
        if (entry < 0) {
            rows.add(location, item, lot, quantity, unit, lineNo, null, unmapped, Millionths.of(quantity));
        } else {
            rows.add(location, item, lot, quantity, unit, lineNo, products.id(entry), unmapped,
                    Millionths.of(inProductUnit(quantity, unit, products.unit(entry))));
        }
    }

    /** Converted by the units' sizes when both are known; as counted when the line names no unit or an unknown one. */
    private BigDecimal inProductUnit(BigDecimal quantity, String unit, String productUnit) {
        if (unit == null || unit.equals(productUnit)) {
            return quantity;
        }
        BigDecimal from = unitSizes.get(unit);
        BigDecimal to = unitSizes.get(productUnit);
        if (from == null || to == null || to.signum() == 0) {
            return quantity;
        }
        return quantity.multiply(from).divide(to, 6, RoundingMode.HALF_UP);
    }
}
