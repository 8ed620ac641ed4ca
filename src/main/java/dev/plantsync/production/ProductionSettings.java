package dev.plantsync.production;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code plantsync.production.*} ({@code jobs/production.yml}): the plants whose MES executes Odoo's manufacturing
 * orders, each with its drop, the warehouse and operation types it covers, the release file format, code mappings
 * and the tolerances beyond which a completion waits for an approver.
 */
@ConfigurationProperties("plantsync.production")
public record ProductionSettings(Map<String, Plant> plants, Integer releaseChunk, Integer completionChunk) {

    public static final Set<String> FORMATS = Set.of("csv", "json");

    public ProductionSettings {
        plants = plants == null ? Map.of() : new TreeMap<>(plants);
        plants.forEach((code, plant) -> plant.check(code));
        releaseChunk = releaseChunk == null ? 200 : releaseChunk;
        completionChunk = completionChunk == null ? 50 : completionChunk;
    }

    /** The plant of this code, or a refusal naming the plants there are. */
    public Plant plant(String code) {
        Plant plant = plants.get(code);
        if (plant == null) {
            throw new IllegalArgumentException("unknown plant '" + code + "' (plants in jobs/production.yml: "
                    + plants.keySet() + ")");
        }
        return plant;
    }

    /**
     * One plant: {@code partner} is the drop (jobs/partners.yml) its MES shares with us; {@code warehouse} the Odoo
     * warehouse code whose manufacturing operation types it executes, {@code operationTypes} narrowing them by name.
     */
    public record Plant(String partner, String warehouse, List<String> operationTypes, String format,
            Map<String, String> workCentres, Map<String, String> products, BigDecimal produceTolerancePercent,
            BigDecimal consumeTolerancePercent) {

        public Plant {
            operationTypes = operationTypes == null ? List.of() : List.copyOf(operationTypes);
            format = format == null ? "csv" : format.toLowerCase(java.util.Locale.ROOT);
            workCentres = workCentres == null ? Map.of() : Map.copyOf(workCentres);
            products = products == null ? Map.of() : Map.copyOf(products);
            produceTolerancePercent = produceTolerancePercent == null ? BigDecimal.ZERO : produceTolerancePercent;
            consumeTolerancePercent = consumeTolerancePercent == null ? new BigDecimal("5") : consumeTolerancePercent;
        }

        void check(String code) {
            String where = "plantsync.production.plants." + code;
            if (partner == null || partner.isBlank()) {
                throw new IllegalArgumentException(where + ".partner: the MES drop (a partner of jobs/partners.yml)"
                        + " is missing");
            }
            if (warehouse == null || warehouse.isBlank()) {
                throw new IllegalArgumentException(where + ".warehouse: the Odoo warehouse code is missing");
            }
            if (!FORMATS.contains(format)) {
                throw new IllegalArgumentException(where + ".format: '" + format + "' is not one of " + FORMATS);
            }
            if (produceTolerancePercent.signum() < 0 || consumeTolerancePercent.signum() < 0) {
                throw new IllegalArgumentException(where + ": tolerances cannot be negative");
            }
        }

        /** The MES's code for an Odoo work centre. */
        public String workCentreCode(String odooName) {
            return workCentres.getOrDefault(odooName, odooName);
        }

        /** The MES's code for an Odoo product reference. */
        public String productCode(String odooCode) {
            return products.getOrDefault(odooCode, odooCode);
        }

        /** The Odoo product reference the MES's code stands for. */
        public String odooProductCode(String mesCode) {
            return products.entrySet().stream().filter(e -> e.getValue().equals(mesCode)).map(Map.Entry::getKey)
                    .findFirst().orElse(mesCode);
        }
    }
}
