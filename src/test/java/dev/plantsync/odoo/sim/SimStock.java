package dev.plantsync.odoo.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Stock moves, their move lines and the quants behind them, as far as manufacturing needs them (flow 08): reserving
 * a move's demand from the internal quants of its source location lot by lot, posting a done move line into the
 * quants of both locations (virtual ones too, as Odoo keeps quants there), cancelling, and the inventory adjustment
 * ({@code stock.quant} {@code inventory_quantity} + {@code action_apply_inventory}). Runs inside
 * {@link SimOrm#transaction}.
 */
final class SimStock {

    /** Odoo's 'Product Unit of Measure' precision: quantities are rounded half-up to 0.01. */
    static final int QTY_SCALE = 2;

    private final SimOrm orm;

    SimStock(SimOrm orm) {
        this.orm = orm;
    }

    static BigDecimal qty(Object v) {
        return SimOrm.num(v);
    }

    static double rounded(BigDecimal v) {
        return v.setScale(QTY_SCALE, RoundingMode.HALF_UP).doubleValue();
    }

    static String now() {
        return LocalDateTime.now(ZoneOffset.UTC).format(SimOrm.DATETIME);
    }

    /** Only the fields the version's model has: 18 and 19 differ (stock.move.name, scrapped ...). */
    Map<String, Object> known(String model, Map<String, Object> vals) {
        Map<String, Object> out = new LinkedHashMap<>();
        vals.forEach((k, v) -> {
            if (orm.schema.field(model, k) != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    // ---- moves and lines ---------------------------------------------------------------------------------------

    int createMove(Map<String, Object> vals, int uid) {
        Map<String, Object> v = new LinkedHashMap<>(vals);
        v.putIfAbsent("state", "draft");
        v.putIfAbsent("quantity", 0.0);
        v.putIfAbsent("picked", false);
        v.putIfAbsent("manual_consumption", false);
        Map<String, Object> product = orm.get("product.product", (Integer) v.get("product_id"));
        v.putIfAbsent("product_uom", product == null ? 1 : product.get("uom_id"));
        if (product != null) {
            v.putIfAbsent("name", product.get("name"));
        }
        return orm.createRecord("stock.move", known("stock.move", v), uid);
    }

    Map<String, Object> move(int id) {
        return orm.get("stock.move", id);
    }

    List<Map<String, Object>> lines(Map<String, Object> move) {
        return orm.where("stock.move.line", "move_id", move.get("id"));
    }

    int createLine(Map<String, Object> move, Integer location, Integer lot, BigDecimal quantity, int uid) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("move_id", move.get("id"));
        v.put("product_id", move.get("product_id"));
        v.put("product_uom_id", move.get("product_uom"));
        v.put("location_id", location);
        v.put("location_dest_id", move.get("location_dest_id"));
        v.put("lot_id", lot);
        v.put("quantity", rounded(quantity));
        v.put("picked", Boolean.TRUE.equals(move.get("picked")));
        v.put("date", now());
        return orm.createRecord("stock.move.line", known("stock.move.line", v), uid);
    }

    /** The move's quantity is its lines' (what Odoo computes from move_line_ids). */
    void syncQuantity(Map<String, Object> move) {
        BigDecimal sum = lines(move).stream().map(l -> qty(l.get("quantity"))).reduce(BigDecimal.ZERO, BigDecimal::add);
        move.put("quantity", rounded(sum));
    }

    /** assigned, partially_available or confirmed by what is reserved against the demand (moves not done). */
    void syncState(Map<String, Object> move) {
        String state = String.valueOf(move.get("state"));
        if (state.equals("done") || state.equals("cancel") || state.equals("draft")) {
            return;
        }
        BigDecimal quantity = qty(move.get("quantity"));
        BigDecimal demand = qty(move.get("product_uom_qty"));
        move.put("state", quantity.compareTo(demand) >= 0 && quantity.signum() > 0 ? "assigned"
                : quantity.signum() > 0 ? "partially_available" : "confirmed");
    }

    boolean bypassesReservation(Map<String, Object> move) {
        String usage = String.valueOf(orm.get("stock.location", (Integer) move.get("location_id")).get("usage"));
        return !usage.equals("internal") && !usage.equals("transit");
    }

    /**
     * Reserves what the move still lacks: from a virtual location (the finished product comes from production) one
     * line for the whole demand without a lot; from stock quant by quant (oldest first), one line per lot.
     */
    void reserve(Map<String, Object> move, int uid) {
        BigDecimal need = qty(move.get("product_uom_qty")).subtract(qty(move.get("quantity")));
        if (need.signum() <= 0) {
            syncState(move);
            return;
        }
        if (bypassesReservation(move)) {
            List<Map<String, Object>> lines = lines(move);
            if (lines.isEmpty()) {
                createLine(move, (Integer) move.get("location_id"), null, need, uid);
            } else {
                Map<String, Object> line = lines.get(0);
                line.put("quantity", rounded(qty(line.get("quantity")).add(need)));
            }
        } else {
            Set<Integer> locations = orm.descendants("stock.location", List.of((Integer) move.get("location_id")));
            List<Map<String, Object>> quants = orm.where("stock.quant", "product_id", move.get("product_id")).stream()
                    .filter(q -> locations.contains(q.get("location_id"))).toList();
            for (Map<String, Object> quant : quants) {
                BigDecimal free = qty(quant.get("quantity")).subtract(qty(quant.get("reserved_quantity")));
                if (need.signum() <= 0 || free.signum() <= 0) {
                    continue;
                }
                BigDecimal take = free.min(need);
                Map<String, Object> same = lines(move).stream()
                        .filter(l -> Objects.equals(l.get("lot_id"), quant.get("lot_id"))
                                && Objects.equals(l.get("location_id"), quant.get("location_id")))
                        .findFirst().orElse(null);
                if (same != null) {
                    same.put("quantity", rounded(qty(same.get("quantity")).add(take)));
                } else {
                    createLine(move, (Integer) quant.get("location_id"), (Integer) quant.get("lot_id"), take, uid);
                }
                quant.put("reserved_quantity", rounded(qty(quant.get("reserved_quantity")).add(take)));
                need = need.subtract(take);
            }
        }
        syncQuantity(move);
        syncState(move);
    }

    /** Sets the move's quantity to {@code target}, trimming its lines from the last one (Odoo's _set_quantity_done). */
    void setQuantity(Map<String, Object> move, BigDecimal target, int uid) {
        List<Map<String, Object>> lines = new ArrayList<>(lines(move));
        BigDecimal left = target;
        for (Map<String, Object> line : lines) {
            BigDecimal q = qty(line.get("quantity")).min(left);
            left = left.subtract(q);
            if (q.signum() == 0) {
                orm.table("stock.move.line").remove((Integer) line.get("id"));
            } else {
                line.put("quantity", rounded(q));
            }
        }
        if (left.signum() > 0) {
            List<Map<String, Object>> kept = lines(move);
            if (kept.isEmpty()) {
                createLine(move, (Integer) move.get("location_id"), null, left, uid);
            } else {
                Map<String, Object> last = kept.get(kept.size() - 1);
                last.put("quantity", rounded(qty(last.get("quantity")).add(left)));
            }
        }
        syncQuantity(move);
    }

    /**
     * What set_qty_producing does to a component move (Odoo's _set_quantity_done): its lines are trimmed to the
     * target from the last one, and what goes beyond them is a new line with no lot, not more on a reserved lot's
     * line (seen on real 18 and 19 producing 11 of 10: the mark-done then asks for a lot).
     */
    void setQuantityDone(Map<String, Object> move, BigDecimal target, int uid) {
        BigDecimal held = lines(move).stream().map(l -> qty(l.get("quantity"))).reduce(BigDecimal.ZERO, BigDecimal::add);
        setQuantity(move, target.min(held), uid);
        if (target.compareTo(held) > 0) {
            createLine(move, (Integer) move.get("location_id"), null, target.subtract(held), uid);
            syncQuantity(move);
        }
    }

    void pick(Map<String, Object> move) {
        move.put("picked", true);
        lines(move).forEach(l -> l.put("picked", true));
    }

    /** Posts the move: each line leaves its location and enters the destination, quants follow; the move is done. */
    void done(Map<String, Object> move, int uid) {
        for (Map<String, Object> line : lines(move)) {
            BigDecimal q = qty(line.get("quantity"));
            Integer lot = (Integer) line.get("lot_id");
            adjustQuant((Integer) move.get("product_id"), (Integer) line.get("location_id"), lot, q.negate(), uid);
            adjustQuant((Integer) move.get("product_id"), (Integer) line.get("location_dest_id"), lot, q, uid);
            line.put("picked", true);
        }
        syncQuantity(move);
        move.put("picked", true);
        move.put("state", "done");
        if (orm.schema.field("stock.move", "date") != null) {
            move.put("date", now());
        }
    }

    /** Cancels a move that is not done: its lines (reservations) go, its quantity with them. */
    void cancel(Map<String, Object> move) {
        if ("done".equals(move.get("state"))) {
            return;
        }
        lines(move).forEach(l -> orm.table("stock.move.line").remove((Integer) l.get("id")));
        move.put("quantity", 0.0);
        move.put("state", "cancel");
    }

    /** Odoo's _update_available_quantity: the quant of product, location and lot moves by delta (created if none). */
    void adjustQuant(Integer product, Integer location, Integer lot, BigDecimal delta, int uid) {
        if (delta.signum() == 0) {
            return;
        }
        Map<String, Object> quant = orm.where("stock.quant", "product_id", product).stream()
                .filter(q -> Objects.equals(q.get("location_id"), location) && Objects.equals(q.get("lot_id"), lot))
                .findFirst().orElse(null);
        if (quant == null) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("product_id", product);
            v.put("location_id", location);
            v.put("lot_id", lot);
            v.put("quantity", rounded(delta));
            v.put("in_date", now());
            orm.createRecord("stock.quant", known("stock.quant", v), uid);
        } else {
            quant.put("quantity", rounded(qty(quant.get("quantity")).add(delta)));
        }
    }

    /**
     * A quant's reserved quantity is what open move lines hold on it: recomputed for the products a manufacturing
     * call touched, as Odoo keeps reserved_quantity in step with the lines.
     */
    void syncReservations(Collection<Integer> products) {
        for (Integer product : new LinkedHashSet<>(products)) {
            Map<List<Object>, BigDecimal> held = new HashMap<>();
            for (Map<String, Object> line : orm.where("stock.move.line", "product_id", product)) {
                Map<String, Object> move = orm.get("stock.move", (Integer) line.get("move_id"));
                if (move == null || "done".equals(move.get("state")) || "cancel".equals(move.get("state"))
                        || bypassesReservation(move)) {
                    continue;
                }
                held.merge(java.util.Arrays.asList(line.get("location_id"), line.get("lot_id")),
                        qty(line.get("quantity")), BigDecimal::add);
            }
            for (Map<String, Object> quant : orm.where("stock.quant", "product_id", product)) {
                Object reserved = rounded(held.getOrDefault(java.util.Arrays.asList(quant.get("location_id"),
                        quant.get("lot_id")), BigDecimal.ZERO));
                if (!reserved.equals(quant.get("reserved_quantity"))) {
                    quant.put("reserved_quantity", reserved); // only a change: the journal copies what changes
                }
            }
        }
    }

    // ---- inventory adjustment ------------------------------------------------------------------------------------

    /**
     * {@code action_apply_inventory} (context inventory_mode): the counted quantity becomes the quant's, through a
     * done move from (or to) the inventory-adjustment location, as Odoo books it. Returns None.
     */
    Object applyInventory(List<Integer> quantIds, int uid) {
        Integer inventory = locations().inventory();
        for (Integer id : quantIds) {
            Map<String, Object> quant = orm.get("stock.quant", id);
            if (quant == null) {
                throw SimError.missing("stock.quant", List.of(id), uid);
            }
            BigDecimal delta = qty(quant.get("inventory_quantity")).subtract(qty(quant.get("quantity")));
            if (delta.signum() != 0) {
                boolean in = delta.signum() > 0;
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("product_id", quant.get("product_id"));
                v.put("product_uom_qty", rounded(delta.abs()));
                v.put("location_id", in ? inventory : quant.get("location_id"));
                v.put("location_dest_id", in ? quant.get("location_id") : inventory);
                v.put("is_inventory", true);
                v.put("state", "assigned");
                Map<String, Object> move = move(createMove(v, uid));
                createLine(move, (Integer) move.get("location_id"), (Integer) quant.get("lot_id"), delta.abs(), uid);
                done(move, uid);
            }
            quant.put("inventory_quantity", 0.0);
            if (orm.schema.field("stock.quant", "inventory_quantity_set") != null) {
                quant.put("inventory_quantity_set", false);
            }
        }
        return null;
    }

    SimMrpLocations locations() {
        return orm.mrp.locations();
    }
}
