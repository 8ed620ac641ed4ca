package dev.plantsync.reconciliation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The warehouse's lines in Odoo's terms, decided as they are staged: the product that speaks for the item's code, the
 * quantity in that product's unit, or why the line cannot be compared (a location Odoo does not have for the site, an
 * item no product carries). Built from what {@link StageOdooProducts} staged for the run, so that the comparison
 * compares product ids and no longer joins a million lines to a million products.
 */
final class SnapshotResolver {

    private static final Logger log = LoggerFactory.getLogger(SnapshotResolver.class);

    static final String UNMAPPED_LOCATION = "UNMAPPED_LOCATION";
    static final String UNMAPPED_ITEM = "UNMAPPED_ITEM";

    private final Set<String> locations = new HashSet<>();
    private final Map<String, BigDecimal> unitSizes = new HashMap<>();
    private final ProductCodes products;

    private SnapshotResolver(ProductCodes products) {
        this.products = products;
    }

    /**
     * The run's locations and units, and its products: as the products step of this execution read them when given,
     * else streamed from what it staged (a million rows, 10,000 at a time).
     */
    static SnapshotResolver of(JdbcTemplate jdbc, long run, Optional<ProductCodes> read) {
        long start = System.nanoTime();
        SnapshotResolver resolver = new SnapshotResolver(read.orElseGet(ProductCodes::new));
        jdbc.query("SELECT name FROM inventory_recon_location WHERE job_instance_id = ?",
                rs -> {
                    resolver.locations.add(rs.getString(1));
                }, run);
        jdbc.query("SELECT name, size FROM inventory_recon_unit WHERE job_instance_id = ?",
                rs -> {
                    resolver.unitSizes.put(rs.getString(1), rs.getBigDecimal(2));
                }, run);
        if (read.isEmpty()) {
            JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
            streaming.setFetchSize(10_000);
            streaming.query("SELECT item, product_id, unit FROM " + InventoryStaging.products(run), rs -> {
                resolver.products.putIfAbsent(rs.getString(1), rs.getInt(2), rs.getString(3));
            });
        }
        log.info("snapshot lines resolved against {} product codes ({}), {} locations, {} units in {} ms",
                resolver.products.size(), read.isPresent() ? "as read from Odoo" : "read back from staging",
                resolver.locations.size(), resolver.unitSizes.size(), (System.nanoTime() - start) / 1_000_000);
        return resolver;
    }

    /** One line, after the settings mapped its codes to Odoo's, staged with what it resolves to. */
    void add(StockRows rows, String location, String item, String lot, BigDecimal quantity, String unit,
            Integer lineNo) {
        int entry = products.entry(item);
        String unmapped = !locations.contains(location) ? UNMAPPED_LOCATION : entry < 0 ? UNMAPPED_ITEM : null;
        if (entry < 0) {
            rows.add(location, item, lot, quantity, unit, lineNo, null, unmapped, quantity);
        } else {
            rows.add(location, item, lot, quantity, unit, lineNo, products.id(entry), unmapped,
                    inProductUnit(quantity, unit, products.unit(entry)));
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
