package dev.plantsync.odoo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Units of measure with their size in their category's reference unit, read the way each version stores it. */
public final class UnitSizes {

    private UnitSizes() {
    }

    /** By unit name. */
    public static Map<String, BigDecimal> read(OdooClient odoo, Domain domain) {
        return read(odoo, domain, u -> u.getString("name"));
    }

    /** By unit id, every unit (archived ones too: old BOM lines may still use them). */
    public static Map<Integer, BigDecimal> byId(OdooClient odoo) {
        return read(odoo, Domain.all(), OdooRecord::id);
    }

    private static <K> Map<K, BigDecimal> read(OdooClient odoo, Domain domain, Function<OdooRecord, K> key) {
        Map<K, BigDecimal> sizes = new HashMap<>();
        for (OdooRecord u : odoo.searchRead("uom.uom", domain, List.of("name", "factor"), null, null, null,
                Map.of("active_test", false))) {
            BigDecimal factor = u.getDecimal("factor");
            if (factor != null && factor.signum() > 0) {
                // 19: factor = how many root units this unit is; 18: how many of this unit make one reference unit.
                sizes.put(key.apply(u), odoo.majorVersion() >= 19 ? factor
                        : BigDecimal.ONE.divide(factor, 10, RoundingMode.HALF_UP));
            }
        }
        return sizes;
    }
}
