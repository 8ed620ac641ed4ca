package dev.plantsync.production;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
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
        return Domain.or(Domain.eq("name", mesName), Domain.leaf("name", "=like", escape(mesName) + "-%"));
    }

    /** The families of several names in one domain: {@code name in (N1, N2...) or name =like 'N1-%' or ...}. */
    static Domain families(Collection<String> mesNames) {
        List<Domain> parts = new ArrayList<>();
        parts.add(Domain.in("name", List.copyOf(mesNames)));
        mesNames.forEach(n -> parts.add(Domain.leaf("name", "=like", escape(n) + "-%")));
        return Domain.or(parts.toArray(Domain[]::new));
    }

    /** Whether an Odoo order of that name is in the MES name's family, as {@link #family} selects it. */
    static boolean inFamily(String mesName, String odooName) {
        return odooName != null && (odooName.equals(mesName) || odooName.startsWith(mesName + "-"));
    }

    /**
     * Whether booking one name's events can give the other's family a member or rename one: Odoo names a split
     * order and its backorders by changing or adding a {@code -NNN} suffix only, so the orders it touches keep the
     * {@link #stem} of the order split. Names for which this is false can have their families read at once, before
     * either is booked (ApplyCompletions); true errs on the safe side (e.g. for WH/MO/1 and WH/MO/1-002).
     */
    static boolean related(String a, String b) {
        String stemA = stem(a);
        String stemB = stem(b);
        return a.equals(b) || stemA.equals(stemB) || a.startsWith(b + "-") || b.startsWith(a + "-")
                || stemA.startsWith(b + "-") || stemB.startsWith(a + "-");
    }

    /** The name without the suffixes Odoo's splits give: WH/MO/00017-002 -> WH/MO/00017. */
    static String stem(String name) {
        return name.replaceFirst("(-\\d+)+$", "");
    }

    private static String escape(String name) {
        return name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * The name an order's family is known by: WH/MO/00017 for WH/MO/00017-001 and WH/MO/00017-002. Odoo names the
     * members of a split family {@code <root>-NNN} (its {@code _get_name_backorder}: the original gets -001 and
     * {@code backorder_sequence} 1, each backorder the next number); an order never split ({@code backorder_sequence}
     * 0) is its own root, whatever its name ends with.
     */
    static String root(String name, Integer backorderSequence) {
        return backorderSequence == null || backorderSequence <= 0 ? name : name.replaceFirst("-\\d+$", "");
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
