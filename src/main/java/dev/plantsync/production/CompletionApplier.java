package dev.plantsync.production;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.Many2one;
import dev.plantsync.odoo.OdooCall;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooException;
import dev.plantsync.odoo.OdooRecord;
import dev.plantsync.platform.ExceptionRecords;
import dev.plantsync.platform.OdooWriteLedger;
import dev.plantsync.production.CompletionPlan.Unit;
import dev.plantsync.production.CompletionStaging.MoMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one unit of an order's events ({@link CompletionPlan}) to Odoo as the recordings of flow 08 show, for 18
 * and 19 alike, exactly once:
 * <ul>
 * <li>checks first (no Odoo write): the order is open and confirmed, products and lots are known, the quantities are
 * within the plant's tolerances - otherwise an exception record or an approval, before any call;</li>
 * <li>marks the events (committed on their own, with what the order's family had produced) and the ledger;</li>
 * <li>calls Odoo: finished lot, {@code qty_producing} and the lot, {@code set_qty_producing}, the reported
 * consumption on the move lines, {@code button_mark_done} and the wizards it answers with;</li>
 * <li>a restart that finds an event marked verifies Odoo first: the family produced its quantity (done), a scrap
 * with the event's origin exists (validated if need be); only what Odoo does not hold is called again, and not
 * before the settle time.</li>
 * </ul>
 * PlantSync refuses what Odoo would accept silently: never a write to a done or cancelled order, never a mark-done
 * with nothing producing (Odoo completes the whole order then), never a mark-done on a draft order.
 */
class CompletionApplier {

    private static final Logger log = LoggerFactory.getLogger(CompletionApplier.class);
    static final String MODEL = "mrp.production";
    private static final BigDecimal EPSILON = new BigDecimal("0.000001");
    private static final List<String> MO_FIELDS = List.of("name", "state", "product_id", "product_qty",
            "product_uom_id", "qty_produced", "qty_producing", "backorder_sequence", "move_raw_ids");
    /** A component move: what the products, the consumption checks and the bookings need of it, read once. */
    private static final List<String> MOVE_FIELDS = List.of("product_id", "product_uom_qty", "quantity",
            "product_uom", "state", "location_id", "location_dest_id");

    /** What the order's loop does after a unit: the next unit, or nothing more (it waits for an approver). */
    enum Next {
        GO_ON, HOLD
    }

    /** The run the calls belong to (for the ledger, the exception records and the approvals). */
    record Run(String job, long instance, long execution, String step) {
    }

    /** Where an order stands for the unit: the plant, the MES's name, the Odoo order its events go to now. */
    record Order(String plantCode, ProductionSettings.Plant plant, String mesName, MoMap map) {
    }

    private final OdooClient odoo;
    private final CompletionStaging staging;
    private final OdooWriteLedger ledger;
    private final ExceptionRecords exceptions;
    private final MesEventLag lag;
    private final Duration settle;
    private final Clock clock;
    /** Read in this run (see {@link #newRun}): products by id, lots by product and name. */
    private final Map<Integer, OdooRecord> productsRead = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Integer> lotsFound = new java.util.concurrent.ConcurrentHashMap<>();

    CompletionApplier(OdooClient odoo, CompletionStaging staging, OdooWriteLedger ledger, ExceptionRecords exceptions,
            MesEventLag lag, Duration settle, Clock clock) {
        this.odoo = odoo;
        this.staging = staging;
        this.ledger = ledger;
        this.exceptions = exceptions;
        this.lag = lag;
        this.settle = settle;
        this.clock = clock;
    }

    // ---- the order: its family in Odoo and where the MES's name points ----------------------------------------

    /** The order the MES's name stands for and its backorders, in this plant's warehouse. */
    List<OdooRecord> family(String mesName, ProductionSettings.Plant plant) {
        return odoo.searchRead(MODEL, Domain.and(MoNames.family(mesName), inWarehouse(plant)), MO_FIELDS, "id", null,
                null, Map.of());
    }

    private static Domain inWarehouse(ProductionSettings.Plant plant) {
        return Domain.eq("picking_type_id.warehouse_id.code", plant.warehouse());
    }

    /**
     * The families of the names about to be applied one after the other (a chunk of a plant's open orders), read in
     * one search, for the names {@link #resolve} will look up: those not mapped yet. A name whose family booking
     * another name of the chunk can change ({@link MoNames#related}: WH/MO/1 and WH/MO/1-002) is left out and read
     * at its turn, as is any name when only one is left: what each name finds is what it would have found alone.
     */
    Map<String, List<OdooRecord>> families(String plantCode, ProductionSettings.Plant plant,
            List<String> mesNames) {
        Set<String> mapped = staging.mapped(plantCode, mesNames);
        List<String> wanted = mesNames.stream().filter(n -> !mapped.contains(n))
                .filter(n -> mesNames.stream().noneMatch(o -> !o.equals(n) && MoNames.related(n, o))).toList();
        if (wanted.size() < 2) {
            return Map.of();
        }
        Map<String, List<OdooRecord>> families = new HashMap<>();
        wanted.forEach(n -> families.put(n, new ArrayList<>()));
        for (OdooRecord mo : odoo.searchRead(MODEL, Domain.and(MoNames.families(wanted), inWarehouse(plant)),
                MO_FIELDS, "id", null, null, Map.of())) {
            // the names are unrelated: an order is in one family at most
            wanted.stream().filter(n -> MoNames.inFamily(n, mo.getString("name")))
                    .forEach(n -> families.get(n).add(mo));
        }
        return families;
    }

    /**
     * Where the name points: as mapped before, or its family's open member at first sight (the family from
     * {@code read}, by {@link #families}, or looked up now); null when unknown.
     */
    MoMap resolve(String plantCode, ProductionSettings.Plant plant, String mesName,
            Map<String, List<OdooRecord>> read) {
        MoMap known = staging.map(plantCode, mesName).orElse(null);
        if (known != null) {
            return known;
        }
        List<OdooRecord> family = read.containsKey(mesName) ? read.get(mesName) : family(mesName, plant);
        OdooRecord current = MoNames.current(family);
        if (current == null) {
            return null;
        }
        MoMap map = new MoMap(current.id(), current.getString("name"), MoNames.ordered(family));
        staging.map(plantCode, mesName, map);
        return map;
    }

    Next apply(Run run, Order order, Unit unit) {
        return switch (unit.kind()) {
            case PRODUCE -> produce(run, order, unit);
            case SCRAP -> scrap(run, order, unit.main());
            case CLOSE -> close(run, order, unit);
            case WAIT, HELD -> Next.HOLD;
        };
    }

    // ---- PRODUCED (with the CONSUMED events before it) ---------------------------------------------------------

    private Next produce(Run run, Order order, Unit unit) {
        StagedEvent main = unit.main();
        BigDecimal quantity = main.quantity();
        // The family as Odoo holds it now: what it has produced and is ordered for, and the order itself among them
        // (the same fields as a read of the order: one search instead of a read and a search).
        List<OdooRecord> family = family(order.mesName(), order.plant());
        OdooRecord mo;
        if (main.marked()) {
            BigDecimal produced = MoNames.produced(family);
            BigDecimal before = main.producedBefore() == null ? BigDecimal.ZERO : main.producedBefore();
            if (produced.compareTo(before.add(quantity).subtract(EPSILON)) >= 0) {
                log.info("{}: Odoo holds its production already ({} produced, {} before it): not booked again",
                        main.key(), Tolerance.plain(produced), Tolerance.plain(before));
                finishProduced(run, order, unit, main.odooMoId(), family, unit.consumed().stream()
                        .filter(StagedEvent::marked).toList());
                return Next.GO_ON;
            }
            requireSettled(main);
            mo = member(family, main.odooMoId());
            if (mo == null || !MoNames.open(mo)) {
                fail(run, main, unit.consumed(), "ODOO_STATE", "order " + (mo == null ? main.odooMoId()
                        : mo.getString("name") + " is " + mo.getString("state")) + " but the production of "
                        + main.key() + " is not in it; check the order in Odoo");
                return Next.GO_ON;
            }
        } else {
            mo = member(family, order.map().odooMoId());
            Next refused = refuseClosedOrDraft(run, order, main, unit.consumed(), mo);
            if (refused != null) {
                return refused;
            }
        }
        // The component moves once: the products they are of, and the open ones the consumption is booked on.
        List<OdooRecord> componentMoves = componentMoves(mo);
        Map<Integer, OdooRecord> products = products(mo, componentMoves);
        OdooRecord finished = products.get(mo.getMany2one("product_id").id());
        if (main.productCode() != null && !Objects.equals(order.plant().odooProductCode(main.productCode()),
                finished.getString("default_code"))) {
            fail(run, main, List.of(), "UNKNOWN_PRODUCT", "product " + main.productCode() + " is not what order "
                    + mo.getString("name") + " makes (" + finished.getString("default_code") + ")");
            return Next.GO_ON;
        }
        String unitError = unitError(main.unit(), mo.getMany2one("product_uom_id").displayName());
        if (unitError != null) {
            fail(run, main, List.of(), "UNIT_MISMATCH", unitError);
            return Next.GO_ON;
        }
        Map<Integer, OdooRecord> moves = open(componentMoves);
        Map<Integer, List<Consumption>> bookings = new LinkedHashMap<>();
        List<StagedEvent> booked = new ArrayList<>();
        for (StagedEvent c : unit.consumed()) {
            String problem = consumption(order, mo, c, moves, products, bookings);
            if (problem != null) {
                String code = problem.substring(0, problem.indexOf(':'));
                fail(run, c, List.of(), code, problem.substring(problem.indexOf(':') + 2)
                        + "; its component is booked at plan with production " + main.eventId());
            } else {
                booked.add(c);
            }
        }
        if (!main.marked()) {
            if (!main.approved()) {
                PricedBreach breach = breach(order, mo, main, family, moves, products, bookings);
                if (breach != null) {
                    OdooRecord priced = products.get(breach.productId());
                    staging.approval(main.id(), booked.stream().map(StagedEvent::id).toList(),
                            breach.breach().code() + ": " + breach.breach().reason(), breach.breach().excess(),
                            value(priced, breach.breach().excess()), run.instance());
                    log.info("{} waits for an approver: {}", main.key(), breach.breach().reason());
                    return Next.HOLD;
                }
            }
            List<Long> ids = new ArrayList<>(List.of(main.id()));
            booked.forEach(c -> ids.add(c.id()));
            staging.mark(ids, mo.id(), mo.getString("name"), MoNames.produced(family), run.instance());
            ledger.markPending(MODEL, List.of(main.key()), run.job(), run.execution());
        }
        try {
            int lot = finishedLot(main.lot(), finished.id());
            Map<String, Object> producing = new LinkedHashMap<>();
            producing.put("qty_producing", quantity.doubleValue());
            if (odoo.majorVersion() >= 19) {
                producing.put("lot_producing_ids", List.of(List.of(6, 0, List.of(lot))));
            } else {
                producing.put("lot_producing_id", lot);
            }
            odoo.write(MODEL, List.of(mo.id()), producing, Map.of());
            // Writing qty_producing over the API does not run the form's onchange: this applies it to the moves.
            odoo.call(OdooCall.named(MODEL, "set_qty_producing", List.of(mo.id()), Map.of()));
            for (Map.Entry<Integer, List<Consumption>> b : bookings.entrySet()) {
                book(moves.get(b.getKey()), b.getValue());
            }
            OdooRecord ready = readOrder(mo.id());
            if (MoNames.decimal(ready, "qty_producing").signum() <= 0) {
                // Odoo would complete the whole order: never send a mark-done with nothing producing.
                throw new IllegalStateException("order " + ready.getString("name") + " has nothing producing after "
                        + "qty_producing " + quantity + " was written; not marked done");
            }
            Object answer = odoo.call(OdooCall.named(MODEL, "button_mark_done", List.of(mo.id()), Map.of()));
            wizards(answer, main.finalProduction(), mo);
        } catch (OdooException e) {
            if (e.isTransient()) {
                throw e; // the restart verifies what Odoo holds before calling again
            }
            fail(run, main, booked, "ODOO_REFUSED", "Odoo refused the production on order " + mo.getString("name")
                    + ": " + e.getMessage());
            return Next.GO_ON;
        } catch (WizardRefused e) {
            fail(run, main, booked, "ODOO_REFUSED", "order " + mo.getString("name") + ": " + e.getMessage());
            return Next.GO_ON;
        }
        // One read after the wizards gives all that Odoo changed: the order done and its name now (-001 once split),
        // the backorder Odoo opened and its name, where the MES's name points next. Read outside the try: a read
        // refused would otherwise end a production Odoo holds as an exception; this way the event stays MARKED and
        // the restart verifies it.
        List<OdooRecord> now = family(order.mesName(), order.plant());
        OdooRecord after = member(now, mo.id());
        if (after == null || !"done".equals(after.getString("state"))) {
            fail(run, main, booked, "ODOO_REFUSED", "order " + mo.getString("name") + ": Odoo did not mark the order "
                    + "done (state " + (after == null ? "gone" : after.getString("state")) + ")");
            return Next.GO_ON;
        }
        finishProduced(run, order, unit, mo.id(), after.getString("name"), now, booked);
        return Next.GO_ON;
    }

    /** {@link #finishProduced} for an order found in the family (its name from there, else its id). */
    private void finishProduced(Run run, Order order, Unit unit, long moId, List<OdooRecord> family,
            List<StagedEvent> booked) {
        String name = family.stream().filter(r -> r.id() == moId).map(r -> r.getString("name")).findFirst()
                .orElse(null);
        finishProduced(run, order, unit, moId, name, family, booked);
    }

    /**
     * A PRODUCED event booked in Odoo on order {@code moId}, named {@code doneName} now (null when not known): the
     * events applied, the ledger confirmed, the name moved to the backorder.
     */
    private void finishProduced(Run run, Order order, Unit unit, long moId, String doneName,
            List<OdooRecord> family, List<StagedEvent> booked) {
        StagedEvent main = unit.main();
        OdooRecord current = MoNames.current(family);
        String shown = doneName == null ? String.valueOf(moId) : doneName;
        String note = "booked on " + shown + (current != null && current.id() != moId
                ? "; the MES's " + order.mesName() + " now points to " + current.getString("name") : "");
        if (current != null && current.id() != order.map().odooMoId()) {
            staging.map(order.plantCode(), order.mesName(), new MoMap(current.id(), current.getString("name"),
                    order.map().orderedQty()));
        }
        // The PRODUCED event and the CONSUMED ones booked with it end together, in one commit: a process killed
        // between two commits left the CONSUMED events MARKED behind an APPLIED production, and the next run grouped
        // them with the order's next PRODUCED and booked that consumption a second time.
        staging.ownTransaction(() -> {
            staging.appliedHere(List.of(main.id()), moId, doneName, null, null, note, run.instance());
            if (!booked.isEmpty()) {
                staging.appliedHere(booked.stream().map(StagedEvent::id).toList(), moId, doneName, null, main.id(),
                        "booked with " + main.eventId() + " on " + shown, run.instance());
            }
        });
        ledger.record(MODEL, main.key(), moId, "update", "CONFIRMED", run.job(), run.execution(), null);
        lag.record(order.plantCode(), main.type(), main.time());
        booked.forEach(c -> lag.record(order.plantCode(), c.type(), c.time()));
        log.info("{}: {} {}", main.key(), Tolerance.plain(main.quantity()), note);
    }

    /** One component lot consumed: the lot's id and how much of it. */
    record Consumption(int lot, BigDecimal quantity) {
    }

    /** Checks a CONSUMED event and adds it to its move's bookings; returns "CODE: why" when it cannot be booked. */
    private String consumption(Order order, OdooRecord mo, StagedEvent c, Map<Integer, OdooRecord> moves,
            Map<Integer, OdooRecord> products, Map<Integer, List<Consumption>> bookings) {
        String code = order.plant().odooProductCode(c.productCode());
        OdooRecord move = moves.values().stream().filter(m -> code.equals(products.get(m.getMany2one("product_id")
                .id()).getString("default_code"))).findFirst().orElse(null);
        if (move == null) {
            return "UNKNOWN_PRODUCT: component " + c.productCode() + " (Odoo " + code + ") is not open in order "
                    + mo.getString("name");
        }
        String unitError = unitError(c.unit(), move.getMany2one("product_uom").displayName());
        if (unitError != null) {
            return "UNIT_MISMATCH: " + unitError;
        }
        Integer lot = lot(c.lot(), move.getMany2one("product_id").id());
        if (lot == null) {
            return "UNKNOWN_LOT: lot " + c.lot() + " of " + code + " does not exist in Odoo";
        }
        List<Consumption> lots = bookings.computeIfAbsent(move.id(), k -> new ArrayList<>());
        for (int i = 0; i < lots.size(); i++) {
            if (lots.get(i).lot() == lot) {
                lots.set(i, new Consumption(lot, lots.get(i).quantity().add(c.quantity())));
                return null;
            }
        }
        lots.add(new Consumption(lot, c.quantity()));
        return null;
    }

    /** A breach of the plant's tolerances and the product whose value is at stake. */
    private record PricedBreach(Tolerance.Breach breach, int productId) {
    }

    private PricedBreach breach(Order order, OdooRecord mo, StagedEvent main, List<OdooRecord> family,
            Map<Integer, OdooRecord> moves, Map<Integer, OdooRecord> products,
            Map<Integer, List<Consumption>> bookings) {
        // What the family is ordered for now (a planner may have changed it since the MES's first event).
        Tolerance.Breach produce = Tolerance.produce(MoNames.ordered(family), MoNames.produced(family),
                main.quantity(), order.plant().produceTolerancePercent());
        if (produce != null) {
            return new PricedBreach(produce, mo.getMany2one("product_id").id());
        }
        for (Map.Entry<Integer, List<Consumption>> b : bookings.entrySet()) {
            OdooRecord move = moves.get(b.getKey());
            BigDecimal consumed = b.getValue().stream().map(Consumption::quantity).reduce(BigDecimal.ZERO,
                    BigDecimal::add);
            BigDecimal planned = Tolerance.planned(MoNames.decimal(move, "product_uom_qty"),
                    MoNames.decimal(mo, "product_qty"), main.quantity());
            int product = move.getMany2one("product_id").id();
            Tolerance.Breach consume = Tolerance.consume(products.get(product).getString("default_code"), planned,
                    consumed, order.plant().consumeTolerancePercent());
            if (consume != null) {
                return new PricedBreach(consume, product);
            }
        }
        return null;
    }

    /** The move's lines become the lots the MES reported: existing lines rewritten, more added, the rest removed. */
    private void book(OdooRecord move, List<Consumption> lots) {
        // The lines as they are now: set_qty_producing adds one without lot for what is produced beyond the
        // reservation (seen on 18 and 19 producing 11 of 10); left there, the mark-done fails for want of a lot.
        List<OdooRecord> lines = odoo.searchRead("stock.move.line", Domain.eq("move_id", move.id()), List.of("id"),
                "id", null, null, Map.of());
        List<Object> commands = new ArrayList<>();
        for (int i = 0; i < lots.size(); i++) {
            Consumption c = lots.get(i);
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("quantity", c.quantity().doubleValue());
            values.put("lot_id", c.lot());
            values.put("picked", true);
            if (i < lines.size()) {
                commands.add(List.of(1, lines.get(i).id(), values));
            } else {
                values.put("product_id", move.getMany2one("product_id").id());
                values.put("location_id", move.getMany2one("location_id").id());
                values.put("location_dest_id", move.getMany2one("location_dest_id").id());
                commands.add(List.of(0, 0, values));
            }
        }
        for (int i = lots.size(); i < lines.size(); i++) {
            commands.add(List.of(2, lines.get(i).id()));
        }
        odoo.write("stock.move", List.of(move.id()), Map.of("picked", true, "move_line_ids", commands), Map.of());
    }

    /**
     * Follows what {@code button_mark_done} answers: the backorder wizard (confirmed with a backorder, or closed
     * without one for a final production), the consumption warning (confirmed: the tolerance was checked before any
     * call), until Odoo answers with the done order, its backorder's form, or nothing. Whether the order is done is
     * read after (see {@link #produce}), with its family.
     */
    @SuppressWarnings("unchecked")
    private void wizards(Object answer, boolean finalProduction, OdooRecord mo) {
        for (int step = 0; step < 4 && answer instanceof Map<?, ?> action; step++) {
            String model = String.valueOf(action.get("res_model"));
            Map<String, Object> context = action.get("context") instanceof Map<?, ?> c
                    ? new LinkedHashMap<>((Map<String, Object>) c) : new LinkedHashMap<>();
            List<Object> moIds = context.get("default_mrp_production_ids") instanceof List<?> l
                    ? new ArrayList<>(l) : List.of(mo.id());
            switch (model) {
                case "mrp.production.backorder" -> {
                    Map<String, Object> values = new LinkedHashMap<>();
                    values.put("mrp_production_ids", List.of(List.of(6, 0, moIds)));
                    values.put("mrp_production_backorder_line_ids",
                            context.getOrDefault("default_mrp_production_backorder_line_ids", List.of()));
                    int wizard = odoo.create(model, List.of(values), context).get(0);
                    answer = odoo.call(new OdooCall(model, finalProduction ? "action_close_mo" : "action_backorder",
                            List.of(wizard), Map.of(), List.of(), context));
                }
                case "mrp.consumption.warning" -> {
                    Map<String, Object> values = new LinkedHashMap<>();
                    values.put("mrp_production_ids", List.of(List.of(6, 0, moIds)));
                    values.put("mrp_consumption_warning_line_ids",
                            context.getOrDefault("default_mrp_consumption_warning_line_ids", List.of()));
                    int wizard = odoo.create(model, List.of(values), context).get(0);
                    answer = odoo.call(new OdooCall(model, "action_confirm", List.of(wizard), Map.of(), List.of(),
                            context));
                }
                case "mrp.production" -> answer = null; // the backorder's form: done
                default -> throw new WizardRefused("Odoo answered the mark-done with " + model + " ("
                        + action.get("name") + "); nothing was booked");
            }
        }
    }

    /** Odoo answered with something PlantSync does not confirm on its own. */
    static final class WizardRefused extends RuntimeException {
        WizardRefused(String message) {
            super(message);
        }
    }

    // ---- SCRAPPED -------------------------------------------------------------------------------------------------

    private Next scrap(Run run, Order order, StagedEvent main) {
        List<OdooRecord> existing = odoo.searchRead("stock.scrap", Domain.eq("origin", main.key()),
                List.of("state", "production_id"));
        if (!existing.isEmpty()) {
            OdooRecord scrap = existing.get(0);
            if (!"done".equals(scrap.getString("state"))) {
                try {
                    validateScrap(scrap.id());
                } catch (OdooException | WizardRefused e) {
                    return scrapRefused(run, main, scrap.id(), e);
                }
            }
            Many2one production = scrap.getMany2one("production_id");
            finishScrap(run, order, main, production.id(), production.displayName(), scrap.id());
            return Next.GO_ON;
        }
        if (main.marked()) {
            requireSettled(main);
        }
        OdooRecord mo = readOrder(main.marked() ? main.odooMoId() : order.map().odooMoId());
        if (!main.marked()) {
            Next refused = refuseClosedOrDraft(run, order, main, List.of(), mo);
            if (refused != null) {
                return refused;
            }
        }
        Map<Integer, OdooRecord> products = products(mo, componentMoves(mo));
        String code = order.plant().odooProductCode(main.productCode());
        OdooRecord product = products.values().stream().filter(p -> code.equals(p.getString("default_code")))
                .findFirst().orElse(null);
        if (product == null) {
            fail(run, main, List.of(), "UNKNOWN_PRODUCT", "product " + main.productCode() + " (Odoo " + code
                    + ") is neither made nor consumed by order " + mo.getString("name"));
            return Next.GO_ON;
        }
        String unitError = unitError(main.unit(), product.getMany2one("uom_id").displayName());
        if (unitError != null) {
            fail(run, main, List.of(), "UNIT_MISMATCH", unitError);
            return Next.GO_ON;
        }
        Integer lot = null;
        if (main.lot() != null) {
            lot = lot(main.lot(), product.id());
            if (lot == null) {
                fail(run, main, List.of(), "UNKNOWN_LOT", "lot " + main.lot() + " of " + code
                        + " does not exist in Odoo");
                return Next.GO_ON;
            }
        }
        if (!main.marked()) {
            staging.mark(List.of(main.id()), mo.id(), mo.getString("name"), null, run.instance());
            ledger.markPending("stock.scrap", List.of(main.key()), run.job(), run.execution());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("production_id", mo.id());
        values.put("product_id", product.id());
        values.put("scrap_qty", main.quantity().doubleValue());
        if (lot != null) {
            values.put("lot_id", lot);
        }
        // The event's key as the scrap's source document: how a restart finds it.
        values.put("origin", main.key());
        int scrap;
        try {
            scrap = odoo.create("stock.scrap", List.of(values), Map.of()).get(0);
        } catch (OdooException e) {
            if (e.isTransient()) {
                throw e;
            }
            fail(run, main, List.of(), "ODOO_REFUSED", "Odoo refused the scrap on order " + mo.getString("name")
                    + ": " + e.getMessage());
            return Next.GO_ON;
        }
        try {
            validateScrap(scrap);
        } catch (OdooException | WizardRefused e) {
            if (e instanceof OdooException o && o.isTransient()) {
                throw o;
            }
            return scrapRefused(run, main, scrap, e);
        }
        finishScrap(run, order, main, mo.id(), mo.getString("name"), scrap);
        return Next.GO_ON;
    }

    private void validateScrap(int scrap) {
        Object answer = odoo.call(OdooCall.named("stock.scrap", "action_validate", List.of(scrap), Map.of()));
        if (answer instanceof Map<?, ?> action) {
            // stock.warn.insufficient.qty.scrap: not enough of it where the scrap takes it from
            throw new WizardRefused("Odoo answered the scrap's validation with " + action.get("res_model")
                    + " (not enough in stock?); the scrap stays in draft");
        }
    }

    private Next scrapRefused(Run run, StagedEvent main, int scrap, RuntimeException e) {
        fail(run, main, List.of(), "ODOO_REFUSED", "scrap " + scrap + " (draft, origin " + main.key() + "): "
                + e.getMessage());
        return Next.GO_ON;
    }

    private void finishScrap(Run run, Order order, StagedEvent main, long moId, String moName, int scrap) {
        staging.applied(List.of(main.id()), moId, moName, (long) scrap, null, "scrap " + scrap, run.instance());
        ledger.record("stock.scrap", main.key(), scrap, "create", "CONFIRMED", run.job(), run.execution(), null);
        lag.record(order.plantCode(), main.type(), main.time());
    }

    // ---- CLOSED ---------------------------------------------------------------------------------------------------

    /**
     * The MES will produce nothing more on the order: its open remainder (a backorder, or the order itself when
     * nothing was produced) is cancelled. Never marked done: with nothing producing, Odoo would complete its whole
     * quantity. A done order is left as it is (Odoo 18 accepts a cancel of a done order silently).
     */
    private Next close(Run run, Order order, Unit unit) {
        StagedEvent main = unit.main();
        for (StagedEvent c : unit.consumed()) {
            fail(run, c, List.of(), "CONSUMED_WITHOUT_PRODUCTION", "consumption reported after the last production "
                    + "of " + order.mesName() + ", which the MES then closed (" + main.eventId() + "): nothing to "
                    + "book it with");
        }
        List<OdooRecord> family = family(order.mesName(), order.plant());
        List<OdooRecord> open = family.stream().filter(MoNames::open).toList();
        OdooRecord current = MoNames.current(family);
        long moId = current == null ? order.map().odooMoId() : current.id();
        String moName = current == null ? order.map().odooName() : current.getString("name");
        String note;
        if (open.isEmpty()) {
            note = "nothing open: " + (current == null ? order.map().odooName() : current.getString("name") + " is "
                    + current.getString("state"));
        } else {
            if (!main.marked()) {
                staging.mark(List.of(main.id()), moId, moName, MoNames.produced(family), run.instance());
                ledger.markPending(MODEL, List.of(main.key()), run.job(), run.execution());
            }
            List<Integer> ids = open.stream().map(OdooRecord::id).toList();
            odoo.call(OdooCall.named(MODEL, "action_cancel", ids, Map.of()));
            note = "cancelled the open remainder " + open.stream().map(r -> r.getString("name") + " ("
                    + Tolerance.plain(MoNames.decimal(r, "product_qty")) + ")").toList();
            ledger.record(MODEL, main.key(), moId, "update", "CONFIRMED", run.job(), run.execution(), null);
        }
        staging.applied(List.of(main.id()), moId, moName, null, null, note, run.instance());
        log.info("{}: {}", main.key(), note);
        return Next.GO_ON;
    }

    // ---- shared ---------------------------------------------------------------------------------------------------

    /** An event for a done or cancelled order waits for an approver; one for a draft order is an exception. */
    private Next refuseClosedOrDraft(Run run, Order order, StagedEvent main, List<StagedEvent> consumed,
            OdooRecord mo) {
        if (mo == null) {
            fail(run, main, consumed, "UNKNOWN_MO", "order " + order.map().odooName() + " (id "
                    + order.map().odooMoId() + ", the MES's " + order.mesName() + ") no longer exists in Odoo");
            return Next.GO_ON;
        }
        String state = mo.getString("state");
        if ("done".equals(state) || "cancel".equals(state)) {
            String code = "done".equals(state) ? "MO_DONE" : "MO_CANCELLED";
            Map<Integer, OdooRecord> products = products(mo, componentMoves(mo));
            OdooRecord product = main.productCode() == null ? null : products.values().stream()
                    .filter(p -> order.plant().odooProductCode(main.productCode()).equals(p.getString("default_code")))
                    .findFirst().orElse(null);
            if (product == null) {
                product = products.get(mo.getMany2one("product_id").id());
            }
            BigDecimal quantity = main.quantity() == null ? BigDecimal.ZERO : main.quantity();
            staging.approval(main.id(), consumed.stream().map(StagedEvent::id).toList(), code + ": "
                    + main.type() + " " + Tolerance.plain(quantity) + " for order " + mo.getString("name") + " (the MES's "
                    + order.mesName() + "), which is " + ("done".equals(state) ? "done" : "cancelled")
                    + " in Odoo; PlantSync does not change a " + state + " order", quantity, value(product, quantity),
                    run.instance());
            log.info("{} waits for an approver: order {} is {}", main.key(), mo.getString("name"), state);
            return Next.HOLD;
        }
        if ("draft".equals(state)) {
            fail(run, main, consumed, "MO_NOT_CONFIRMED", "order " + mo.getString("name") + " is a draft in Odoo; "
                    + "production is booked on confirmed orders only");
            return Next.GO_ON;
        }
        return null;
    }

    private void requireSettled(StagedEvent main) {
        if (main.markedAt() != null && main.markedAt().isAfter(clock.instant().minus(settle))) {
            throw new ProductionNotSettledException(main.key() + " was sent to Odoo at " + main.markedAt()
                    + " and Odoo does not show it yet; restart after " + settle + " and it is verified again, not "
                    + "booked twice");
        }
    }

    /** The event (and the CONSUMED ones that go with it) cannot be applied: an exception record each. */
    private void fail(Run run, StagedEvent main, List<StagedEvent> with, String code, String reason) {
        List<StagedEvent> all = new ArrayList<>(List.of(main));
        all.addAll(with);
        staging.ownTransaction(() -> {
            for (StagedEvent e : all) {
                String message = e == main ? reason : reason + " (it goes with " + main.eventId() + ")";
                staging.stateHere(e.id(), "EXCEPTION", code + ": " + message, run.instance());
                exceptions.record(run.job(), run.execution(), run.step(), e.fileId(), e.location(), e.key(), code,
                        message, null);
            }
        });
        log.warn("{}: {}: {}", main.key(), code, reason);
    }

    /** The order of that id from its family as read, or read by its id when it is not among them (renamed). */
    private OdooRecord member(List<OdooRecord> family, long id) {
        return family.stream().filter(r -> r.id() == id).findFirst().orElseGet(() -> readOrder(id));
    }

    private OdooRecord readOrder(long id) {
        List<OdooRecord> found = odoo.read(MODEL, List.of((int) id), MO_FIELDS, Map.of());
        return found.isEmpty() ? null : found.get(0);
    }

    /** The order's component moves (its raw moves, done and cancelled ones too): one read per unit. */
    private List<OdooRecord> componentMoves(OdooRecord mo) {
        return odoo.read("stock.move", mo.getIds("move_raw_ids"), MOVE_FIELDS, Map.of());
    }

    /** The open ones of the component moves, by id (a scrap move of the order is done: not among them). */
    private static Map<Integer, OdooRecord> open(List<OdooRecord> componentMoves) {
        Map<Integer, OdooRecord> moves = new LinkedHashMap<>();
        for (OdooRecord m : componentMoves) {
            String state = m.getString("state");
            if (!"done".equals(state) && !"cancel".equals(state)) {
                moves.put(m.id(), m);
            }
        }
        return moves;
    }

    /** The order's product and its components (of all its component moves), by id, with code, cost and unit. */
    private Map<Integer, OdooRecord> products(OdooRecord mo, List<OdooRecord> componentMoves) {
        List<Integer> ids = new ArrayList<>(List.of(mo.getMany2one("product_id").id()));
        for (OdooRecord m : componentMoves) {
            ids.add(m.getMany2one("product_id").id());
        }
        List<Integer> missing = ids.stream().distinct().filter(id -> !productsRead.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            for (OdooRecord p : odoo.read("product.product", missing, List.of("default_code", "standard_price",
                    "uom_id"), Map.of())) {
                productsRead.put(p.id(), p);
            }
        }
        Map<Integer, OdooRecord> products = new HashMap<>();
        ids.forEach(id -> {
            if (productsRead.containsKey(id)) {
                products.put(id, productsRead.get(id));
            }
        });
        return products;
    }

    /** The finished lot the MES reported: found by name for the product, created when it is not there yet. */
    private int finishedLot(String name, int product) {
        Integer lot = lot(name, product);
        if (lot != null) {
            return lot;
        }
        int created = odoo.create("stock.lot", List.of(Map.of("name", name, "product_id", product)), Map.of()).get(0);
        lotsFound.put(product + "/" + name, created);
        return created;
    }

    /** A lot by name for a product; found ones are kept for the run (lots are never deleted), absent ones never. */
    private Integer lot(String name, int product) {
        Integer known = lotsFound.get(product + "/" + name);
        if (known != null) {
            return known;
        }
        List<Integer> ids = odoo.search("stock.lot", Domain.and(Domain.eq("name", name),
                Domain.eq("product_id", product)), "id", 1, Map.of());
        if (ids.isEmpty()) {
            return null;
        }
        lotsFound.put(product + "/" + name, ids.get(0));
        return ids.get(0);
    }

    /**
     * Forgets what the last run read: products (code, cost, unit) and lots found are kept for one run only, so that a
     * file of many events on the same few products and lots reads each once (about one call per event less).
     */
    void newRun() {
        productsRead.clear();
        lotsFound.clear();
    }

    /** Null when the MES's unit is the Odoo unit (or the MES gave none); otherwise why not. */
    static String unitError(String mesUnit, String odooUnit) {
        if (mesUnit == null || odooUnit == null || mesUnit.trim().toLowerCase(Locale.ROOT)
                .equals(odooUnit.trim().toLowerCase(Locale.ROOT))) {
            return null;
        }
        return "unit " + mesUnit + " is not Odoo's unit " + odooUnit + " (no conversion is made)";
    }

    /** What a quantity is worth at the product's cost. */
    private static BigDecimal value(OdooRecord product, BigDecimal quantity) {
        if (product == null || quantity == null) {
            return null;
        }
        BigDecimal cost = product.getDecimal("standard_price");
        return cost == null ? null : cost.multiply(quantity).setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
