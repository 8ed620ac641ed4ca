package dev.plantsync.production;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.OdooRecord;

/**
 * The MES keeps the name an order was released under; Odoo renames an order it splits (WH/MO/00017 becomes
 * WH/MO/00017-001, done, and the backorder WH/MO/00017-002). The family of a name is the order and its backorders;
 * the MES's next events go to its open member.
 */
final class MoNames {

    private MoNames() {
    }

    /** {@code name = N or name =like 'N-%'} (LIKE wildcards in N escaped): N itself and its backorders, not N0. */
    static Domain family(String mesName) {
        String escaped = mesName.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return Domain.or(Domain.eq("name", mesName), Domain.leaf("name", "=like", escaped + "-%"));
    }

    /**
     * The member the next event goes to: the open one (not done, not cancelled) with the lowest backorder sequence;
     * when none is open, the last one (its events then find it done or cancelled). Null for no member.
     */
    static OdooRecord current(List<OdooRecord> family) {
        Comparator<OdooRecord> bySequence = Comparator.comparing(r -> sequence(r));
        return family.stream().filter(MoNames::open).min(bySequence)
                .orElseGet(() -> family.stream().max(bySequence).orElse(null));
    }

    static boolean open(OdooRecord mo) {
        String state = mo.getString("state");
        return !"done".equals(state) && !"cancel".equals(state);
    }

    /** What the family has produced: the sum of its members' qty_produced. */
    static BigDecimal produced(List<OdooRecord> family) {
        return family.stream().map(r -> decimal(r, "qty_produced")).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** What the family was ordered for: the quantities of its members that are not cancelled. */
    static BigDecimal ordered(List<OdooRecord> family) {
        return family.stream().filter(r -> !"cancel".equals(r.getString("state")))
                .map(r -> decimal(r, "product_qty")).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static int sequence(OdooRecord r) {
        Integer s = r.has("backorder_sequence") ? r.getInt("backorder_sequence") : null;
        return s == null ? 0 : s;
    }

    static BigDecimal decimal(OdooRecord r, String field) {
        BigDecimal d = r.getDecimal(field);
        return d == null ? BigDecimal.ZERO : d;
    }
}
