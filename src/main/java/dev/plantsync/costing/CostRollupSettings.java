package dev.plantsync.costing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code plantsync.costing.*} ({@code jobs/cost-rollup.yml}): where a bought component's cost comes from (sources
 * tried in order, the first that has a price wins; {@code standard} always has one), overhead, scrap per component,
 * and which changes wait for an approver.
 */
@ConfigurationProperties("plantsync.costing")
public record CostRollupSettings(List<String> componentCost, BigDecimal overheadPercent, List<Scrap> scrap,
        BigDecimal variancePercent, BigDecimal revaluationAmount, Integer writeChunk) {

    public static final Set<String> SOURCES = Set.of("latest-po", "vendor-pricelist", "standard");

    /** Extra consumption of a component (yield loss): in every BOM, or only in {@code product}'s when given. */
    public record Scrap(String component, String product, BigDecimal percent) {
    }

    public CostRollupSettings {
        componentCost = componentCost == null || componentCost.isEmpty() ? List.of("standard")
                : List.copyOf(componentCost);
        for (String source : componentCost) {
            if (!SOURCES.contains(source)) {
                throw new IllegalArgumentException("plantsync.costing.component-cost: unknown source '" + source
                        + "' (one of " + SOURCES + ")");
            }
        }
        overheadPercent = overheadPercent == null ? BigDecimal.ZERO : overheadPercent;
        scrap = scrap == null ? List.of() : List.copyOf(scrap);
        variancePercent = variancePercent == null ? new BigDecimal("5") : variancePercent;
        revaluationAmount = revaluationAmount == null ? new BigDecimal("1000") : revaluationAmount;
        writeChunk = writeChunk == null ? 500 : writeChunk;
    }

    /** The scrap percent of {@code component} in the BOM of {@code product}: the product's own rule first. */
    public BigDecimal scrapPercent(String product, String component) {
        BigDecimal any = BigDecimal.ZERO;
        for (Scrap s : scrap) {
            if (s.component().equals(component)) {
                if (product.equals(s.product())) {
                    return s.percent();
                }
                if (s.product() == null) {
                    any = s.percent();
                }
            }
        }
        return any;
    }

    public BigDecimal overheadRate() {
        return overheadPercent.movePointLeft(2);
    }
}
