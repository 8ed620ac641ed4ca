package dev.plantsync.reconciliation;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code plantsync.inventory.*} ({@code jobs/inventory-reconciliation.yml}): which partner drops each site's
 * snapshot, how the warehouse's location, item and unit codes map to Odoo's (default: the same code), the tolerance
 * per product category, after how many nights an open break is flagged, and the PostgreSQL {@code work_mem} the
 * comparison may use (its hash joins spill to disk below that).
 *
 * <p>Lists rather than maps: codes and category names hold '/', '.' and spaces, which map keys would lose.
 */
@ConfigurationProperties("plantsync.inventory")
public record InventorySettings(List<Site> sites, List<CodeMapping> locations, List<CodeMapping> items,
        List<CodeMapping> units, Tolerance defaultTolerance, List<Tolerance> tolerances, Integer flagAfterNights,
        String compareWorkMem, Integer compareSlices, Integer keepStagedRuns) {

    /**
     * A site: the partner whose drop holds its snapshot, and the Odoo locations it covers (full names such as
     * "WH/Stock", each with everything below it); none listed = every internal location, for a single-site company.
     */
    public record Site(String site, String partner, List<String> locations) {

        public Site {
            locations = locations == null ? List.of() : List.copyOf(locations);
        }
    }

    public record CodeMapping(String external, String odoo) {
    }

    /** A difference is a break when it exceeds the larger of {@code absolute} and {@code percent} of Odoo's quantity. */
    public record Tolerance(String category, BigDecimal absolute, BigDecimal percent) {

        static final Tolerance NONE = new Tolerance(null, BigDecimal.ZERO, BigDecimal.ZERO);

        public Tolerance {
            absolute = absolute == null ? BigDecimal.ZERO : absolute;
            percent = percent == null ? BigDecimal.ZERO : percent;
        }
    }

    public InventorySettings {
        sites = sites == null ? List.of() : List.copyOf(sites);
        locations = locations == null ? List.of() : List.copyOf(locations);
        items = items == null ? List.of() : List.copyOf(items);
        units = units == null ? List.of() : List.copyOf(units);
        defaultTolerance = defaultTolerance == null ? Tolerance.NONE : defaultTolerance;
        tolerances = tolerances == null ? List.of() : List.copyOf(tolerances);
        flagAfterNights = flagAfterNights == null ? 3 : flagAfterNights;
        compareWorkMem = compareWorkMem == null ? "256MB" : compareWorkMem.strip();
        if (!compareWorkMem.matches("\\d{1,7}(kB|MB|GB)")) {
            throw new IllegalArgumentException("plantsync.inventory.compare-work-mem: '" + compareWorkMem
                    + "' is not a PostgreSQL memory size such as 256MB");
        }
        // Slices of the product ids compared at the same time, each on a connection of its own (see CompareStock): as
        // many as the cores PostgreSQL can give the comparison. PostgreSQL's own parallel partial aggregation did the
        // 1M-group work twice on 2 cores (9.5 s with 2 workers, 6.4 s with none), so it stays off.
        compareSlices = compareSlices == null ? 2 : compareSlices;
        if (compareSlices < 1 || compareSlices > 64) {
            throw new IllegalArgumentException("plantsync.inventory.compare-slices: " + compareSlices
                    + " is not between 1 and 64");
        }
        // The staged rows of a site's latest runs stay for a look behind a report; older runs' partitions are dropped.
        keepStagedRuns = keepStagedRuns == null ? 2 : keepStagedRuns;
        if (keepStagedRuns < 1) {
            throw new IllegalArgumentException("plantsync.inventory.keep-staged-runs: " + keepStagedRuns
                    + " must be 1 or more (the run being compared)");
        }
    }

    /** The partner whose drop holds the site's snapshot; by default the partner named after the site. */
    public String partnerFor(String site) {
        return sites.stream().filter(s -> s.site().equalsIgnoreCase(site)).map(Site::partner).findFirst()
                .orElse(site.toLowerCase(java.util.Locale.ROOT));
    }

    /** The Odoo locations (with what is below them) the site's stock is compared on; empty = all internal ones. */
    public List<String> locationsOf(String site) {
        return sites.stream().filter(s -> s.site().equalsIgnoreCase(site)).map(Site::locations).findFirst()
                .orElse(List.of());
    }

    public Tolerance toleranceFor(String category) {
        return tolerances.stream().filter(t -> t.category().equals(category)).findFirst().orElse(defaultTolerance);
    }

    Map<String, String> locationMap() {
        return asMap(locations);
    }

    Map<String, String> itemMap() {
        return asMap(items);
    }

    Map<String, String> unitMap() {
        return asMap(units);
    }

    private static Map<String, String> asMap(List<CodeMapping> mappings) {
        Map<String, String> map = new HashMap<>();
        mappings.forEach(m -> map.put(m.external(), m.odoo()));
        return map;
    }
}
