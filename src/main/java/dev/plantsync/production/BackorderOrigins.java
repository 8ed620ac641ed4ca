package dev.plantsync.production;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooRecord;

/**
 * Tells a backorder which order of the MES it is the rest of ({@code backorder_of} of the release file). When the MES
 * reports part of an order, Odoo renames that order -001 (same id, done) and opens the rest as a new order -002 with
 * {@code backorder_sequence} 2 (flow 08, Odoo 18 and 19); the MES knows the family only by the name it was first
 * released under. That name is found from what was released, not guessed from Odoo's names: the family's members are
 * read from Odoo by the name's root ({@link MoNames#family}, as the completion job finds them), and the first release
 * to this plant of any member other than the backorder, made before the backorder's own first release, gives it.
 * <p>
 * None when the MES never had another member before the backorder itself (say Odoo split the order before any
 * release): then the backorder is all the MES knows of the family, a plain new order. The answer does not change
 * for an order once released (it depends only on releases older than the order's first), so every version of a
 * backorder carries the same name.
 * <p>
 * Costs one {@code search_read} of names per page that holds a backorder, none otherwise, and one indexed query of
 * the release table.
 */
final class BackorderOrigins {

    private final OdooClient odoo;
    private final ReleaseStaging staging;
    private final String plant;

    BackorderOrigins(OdooClient odoo, ReleaseStaging staging, String plant) {
        this.odoo = odoo;
        this.staging = staging;
        this.plant = plant;
    }

    /** The page's orders, each open backorder with the name the MES knows its family by (when it knows one). */
    List<ReleasableOrders.Order> named(List<ReleasableOrders.Order> orders) {
        List<ReleasableOrders.Order> backorders = orders.stream().filter(o -> o.backorder() && !o.cancelled())
                .toList();
        if (backorders.isEmpty()) {
            return orders;
        }
        Set<String> roots = new LinkedHashSet<>();
        backorders.forEach(o -> roots.add(MoNames.root(o.name(), o.backorderSequence())));
        Map<String, List<Integer>> families = families(roots);
        Set<Integer> ids = new HashSet<>();
        families.values().forEach(ids::addAll);
        backorders.forEach(o -> ids.add(o.id()));
        Map<Integer, ReleaseStaging.FirstRelease> first = staging.firstReleases(plant, ids);

        List<ReleasableOrders.Order> named = new ArrayList<>(orders.size());
        for (ReleasableOrders.Order order : orders) {
            if (!order.backorder() || order.cancelled()) {
                named.add(order);
                continue;
            }
            List<Integer> family = families.getOrDefault(MoNames.root(order.name(), order.backorderSequence()),
                    List.of());
            named.add(order.withBackorderOf(origin(order.id(), family, first)));
        }
        return named;
    }

    /** The members of each family, by root: every order named root or root-NNN whose own root it is. */
    private Map<String, List<Integer>> families(Set<String> roots) {
        Domain domain = Domain.or(roots.stream().map(MoNames::family).toArray(Domain[]::new));
        Map<String, List<Integer>> families = new HashMap<>();
        for (OdooRecord mo : odoo.searchRead("mrp.production", domain, List.of("name", "backorder_sequence"))) {
            // =like 'root-%' also matches a name that merely starts so (root-A): its own root tells
            String root = MoNames.root(mo.getString("name"), mo.getInt("backorder_sequence"));
            if (roots.contains(root)) {
                families.computeIfAbsent(root, r -> new ArrayList<>()).add(mo.id());
            }
        }
        return families;
    }

    /** The name the family was first released under before this order's own first release; null for none. */
    static String origin(int backorder, List<Integer> family, Map<Integer, ReleaseStaging.FirstRelease> first) {
        ReleaseStaging.FirstRelease own = first.get(backorder);
        return family.stream().filter(id -> id != backorder).map(first::get).filter(Objects::nonNull)
                // released in the same file as the backorder (or after it): the MES got them together, not before
                .filter(r -> own == null || r.fileId() < own.fileId())
                .min(Comparator.comparingLong(ReleaseStaging.FirstRelease::id))
                .map(ReleaseStaging.FirstRelease::moName).orElse(null);
    }
}
