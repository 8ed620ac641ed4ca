package dev.plantsync.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.support.JarProcesses;
import dev.plantsync.support.TestDatabases;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exactly once under real deaths: the packaged jar runs {@code production-completion-import} as an operator runs it
 * ({@code plantsync run}), against a test database and the Odoo simulator in this JVM, which answers every call 20 ms
 * late so that the run takes seconds. The process is killed with SIGKILL while one of its Odoo writes is in flight
 * (the simulator has received it and books it after the process is gone: the answer is lost), then recovered and
 * restarted as the README says ({@code jobs recover}, {@code jobs restart}), and killed again further on, three times
 * ({@link #KILLS}: a partial production's backorder confirmation, a scrap's creation, a CLOSED's cancel).
 * The fourth process completes the run. Odoo must then hold every event of the MES's file exactly once: each order
 * family's production, finished lots, consumption and scraps as the file says, its backorders and the cancelled
 * remainder; every event APPLIED.
 *
 * <p>The restarts pass {@code --plantsync.production.settle-time=PT1S} instead of waiting the default two minutes. That
 * is sound here: the settle time covers a call Odoo may still be committing when the restart looks. A killed process
 * sends nothing more; the one call it had in flight is booked by the simulator within its 20 ms latency, and the
 * restart looks only after the recovery waited out the dead node's heartbeat (2 s) and a new JVM started: by then
 * Odoo shows everything the dead process ever sent.
 */
class ProductionCompletionKillIT {

    private static final String JOB = "production-completion-import";
    /**
     * The kills, one per process, each in a call that changes Odoo for good: the restart must find the effect in Odoo
     * and not call again. (A kill before such a call, e.g. in the write of qty_producing, is the easy case: the
     * restart sends the unit again.)
     */
    private static final List<Kill> KILLS = List.of(
            new Kill("mrp.production.backorder.action_backorder", 2, "a partial production done, backorder made"),
            new Kill("stock.scrap.create", 1, "a scrap created, not yet validated"),
            new Kill("mrp.production.action_cancel", 1, "the MES's CLOSED: the remainder cancelled"));
    private static final String FINISHED = "FURN_8855";
    private static final String BLACK = "FURN_2100";
    private static final String CASE = "FURN_5623";

    /** One MES event as it goes into the file, and what it means for Odoo. */
    private record Event(String id, String mo, String type, String fin, String qty, String product, String lot) {
        String csv(int n) {
            return String.join(",", id, mo, type, fin, qty, qty.isEmpty() ? "" : "Units", product, lot,
                    "2026-12-03T%02d:%02d:00+01:00".formatted(6 + n / 60, n % 60), "ASSEMBLY", "anna",
                    type.equals("SCRAPPED") ? "dented" : "");
        }
    }

    /** What one order family must hold afterwards: members (state, produced), consumption by product, scraps. */
    private record Expected(Map<String, String> members, Map<String, BigDecimal> consumed, Map<String, BigDecimal> lots,
            int scraps) {
    }

    /** On each version's simulator: 18 over JSON-RPC with {@code lot_producing_id}, 19 over JSON-2 with the ids. */
    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(ints = {18, 19})
    void killedWithSigkillDuringItsOdooCallsAndRestartedTheJobBooksEveryEventOnce(int version) throws Exception {
        Path logs = Path.of("target", "production-completion-kill-" + version);
        long started = System.nanoTime();
        Path temp = Files.createTempDirectory("completion-kill");
        try (OdooSimulator odoo = OdooSimulator.start(version)) {
            Floor floor = new Floor(odoo);
            List<Event> events = new ArrayList<>();
            Map<String, Expected> expected = new LinkedHashMap<>();
            for (int i = 0; i < 8; i++) {
                String mo = floor.confirmedOrder(10);
                String t = "K" + (i + 1);
                switch (i % 4) {
                    // the acceptance scenario: consumption by lot, a partial with backorder, a component scrapped,
                    // over-consumption within tolerance (the consumption-warning wizard), the final production
                    case 0, 1 -> {
                        events.add(new Event(t + "-1", mo, "CONSUMED", "", "4", BLACK, "BLK-1"));
                        events.add(new Event(t + "-2", mo, "CONSUMED", "", "4", CASE, "CASE-1"));
                        events.add(new Event(t + "-3", mo, "PRODUCED", "N", "4", FINISHED, t + "-A"));
                        events.add(new Event(t + "-4", mo, "SCRAPPED", "", "1", CASE, "CASE-1"));
                        events.add(new Event(t + "-5", mo, "CONSUMED", "", "6.6", BLACK, "BLK-1"));
                        events.add(new Event(t + "-6", mo, "CONSUMED", "", "6", CASE, "CASE-1"));
                        events.add(new Event(t + "-7", mo, "PRODUCED", "Y", "6", FINISHED, t + "-B"));
                        expected.put(mo, new Expected(Map.of(mo + "-001", "done 4", mo + "-002", "done 6"),
                                Map.of(BLACK, dec("10.6"), CASE, dec("10")), Map.of(t + "-A", dec("4"), t + "-B",
                                dec("6")), 1));
                    }
                    // one component from two lots, a partial with the other component at plan, another partial all
                    // at plan, then the MES closes the order: the remainder (-003) is cancelled
                    case 2 -> {
                        events.add(new Event(t + "-1", mo, "CONSUMED", "", "3", BLACK, "BLK-1"));
                        events.add(new Event(t + "-2", mo, "CONSUMED", "", "2", BLACK, "BLK-2"));
                        events.add(new Event(t + "-3", mo, "PRODUCED", "N", "5", FINISHED, t + "-A"));
                        events.add(new Event(t + "-4", mo, "PRODUCED", "", "3", FINISHED, t + "-B"));
                        events.add(new Event(t + "-5", mo, "CLOSED", "", "", "", ""));
                        expected.put(mo, new Expected(Map.of(mo + "-001", "done 5", mo + "-002", "done 3",
                                mo + "-003", "cancel 0"), Map.of(BLACK, dec("8"), CASE, dec("8")),
                                Map.of(t + "-A", dec("5"), t + "-B", dec("3")), 0));
                    }
                    // a component scrapped before anything is made, then one final production of less than ordered:
                    // closed without a backorder
                    default -> {
                        events.add(new Event(t + "-1", mo, "SCRAPPED", "", "2", BLACK, "BLK-2"));
                        events.add(new Event(t + "-2", mo, "CONSUMED", "", "8", BLACK, "BLK-2"));
                        events.add(new Event(t + "-3", mo, "CONSUMED", "", "8", CASE, "CASE-1"));
                        events.add(new Event(t + "-4", mo, "PRODUCED", "Y", "8", FINISHED, t + "-A"));
                        expected.put(mo, new Expected(Map.of(mo, "done 8"), Map.of(BLACK, dec("8"), CASE, dec("8")),
                                Map.of(t + "-A", dec("8")), 1));
                    }
                }
            }
            Path drop = Files.createDirectories(temp.resolve("mes-plant-1").resolve("inbound"));
            StringBuilder file = new StringBuilder(
                    "event_id,mo,event_type,final,quantity,unit,product,lot,time,work_centre,operator,reason\n");
            for (int n = 0; n < events.size(); n++) {
                file.append(events.get(n).csv(n)).append('\n');
            }
            Files.writeString(drop.resolve("completions-0001.csv"), file);
            Path partners = Files.writeString(temp.resolve("partners.yml"), """
                    partners:
                      - id: mes-plant-1
                        localDirectory: %s
                        outbound: /to-mes
                        patterns: {mes-completion: ["completions*.csv"]}
                    """.formatted(temp.resolve("mes-plant-1")));
            TestDatabases.FreshDatabase db = TestDatabases.create();
            List<String> settings = JarProcesses.nodeSettings(db, odoo.url(), partners,
                    Files.createDirectories(temp.resolve("schedules")), temp,
                    // jobs/production.yml's plant-1 (warehouse WH, drop mes-plant-1), 6.6 of 6 within tolerance
                    "-Dplantsync.production.plants.plant-1.consume-tolerance-percent=10",
                    "-Dplantsync.recovery.heartbeat-interval=PT0.5S", "-Dplantsync.recovery.dead-after=PT2S");
            odoo.faults().latency(Duration.ofMillis(20));

            List<String> kills = new ArrayList<>();
            int launches = 0;
            try (JarProcesses jar = new JarProcesses(logs, settings);
                    Connection sql = DriverManager.getConnection(db.url(), db.user(), null)) {
                Process process = jar.launch("run", "run", JOB, "-p", "businessDate=2026-12-03");
                launches++;
                for (int round = 0; ; round++) {
                    String inFlight = round < KILLS.size() ? kill(odoo, process, KILLS.get(round)) : null;
                    if (inFlight == null) {
                        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the last process ended").isTrue();
                        assertThat(process.exitValue()).as("the last process completed the run; its log: "
                                + logs.toAbsolutePath()).isZero();
                        break;
                    }
                    long execution = Long.parseLong(one(sql, "SELECT max(job_execution_id) FROM batch_job_execution"));
                    kills.add("execution " + execution + " killed in " + inFlight);
                    System.out.printf("killed (SIGKILL) execution %d in %s%n", execution, inFlight);
                    // The operator's way for a run whose process died: recovered once its heartbeat is older than
                    // dead-after (the command's own start takes longer than that; refused as maybe still running,
                    // exit 7, it is tried again), then restarted, verifying what Odoo holds before calling again.
                    JarProcesses.Ended recovered;
                    int attempt = 0;
                    do {
                        recovered = jar.command("recover-" + round + "-" + attempt++, 90, "jobs", "recover",
                                String.valueOf(execution));
                        launches++;
                    } while (recovered.exitCode() == 7 && attempt < 5);
                    assertThat(recovered.exitCode()).as(recovered.output()).isZero();
                    process = jar.launch("restart-" + round, "jobs", "restart", String.valueOf(execution),
                            "--plantsync.production.settle-time=PT1S");
                    launches++;
                }
            }

            SoftAssertions soft = new SoftAssertions();
            for (Map.Entry<String, Expected> e : expected.entrySet()) {
                check(soft, odoo, e.getKey(), e.getValue());
            }
            try (Connection sql = DriverManager.getConnection(db.url(), db.user(), null)) {
                soft.assertThat(rows(sql, "SELECT state || ' ' || count(*) FROM mes_event GROUP BY state"))
                        .as("every event applied").containsExactly("APPLIED " + events.size());
                soft.assertThat(rows(sql, "SELECT event_id FROM mes_event ORDER BY id"))
                        .as("each event staged once").containsExactlyElementsOf(events.stream().map(Event::id)
                                .toList());
                soft.assertThat(rows(sql, "SELECT status FROM batch_job_execution ORDER BY job_execution_id"))
                        .as("killed runs recovered as FAILED, the last one COMPLETED")
                        .containsExactly("FAILED", "FAILED", "FAILED", "COMPLETED");
            }
            soft.assertThat(kills).as("the process was killed with writes in flight").hasSize(KILLS.size());
            // Each kill came after its unit's mark-done was answered and in a call Odoo then booked: a restart that
            // called again would show here (and, had Odoo accepted it, in the family's quantities above).
            long produced = count(events, "PRODUCED");
            soft.assertThat(Map.of(
                    "mrp.production.button_mark_done", odoo.calls("mrp.production", "button_mark_done"),
                    "mrp.production.backorder.action_backorder", odoo.calls("mrp.production.backorder",
                            "action_backorder"),
                    "stock.scrap.create", odoo.calls("stock.scrap", "create"),
                    "stock.scrap.action_validate", odoo.calls("stock.scrap", "action_validate"),
                    "mrp.production.action_cancel", odoo.calls("mrp.production", "action_cancel")))
                    .as("Odoo called once per event, none again after a kill").isEqualTo(Map.of(
                            "mrp.production.button_mark_done", (int) produced,
                            "mrp.production.backorder.action_backorder", (int) events.stream().filter(e -> e.type()
                                    .equals("PRODUCED") && !e.fin().equals("Y")).count(),
                            "stock.scrap.create", (int) count(events, "SCRAPPED"),
                            "stock.scrap.action_validate", (int) count(events, "SCRAPPED"),
                            "mrp.production.action_cancel", (int) count(events, "CLOSED")));
            int writes = odoo.writesSince(Map.of()).values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf("%d MES events on %d orders; %d kills (%s), %d restarts, %d jar processes; "
                    + "%d Odoo calls (%d writes); %.1f s wall%n", events.size(), expected.size(), kills.size(),
                    String.join("; ", kills), kills.size(), launches, odoo.totalCalls(), writes,
                    (System.nanoTime() - started) / 1e9);
            System.out.println("Odoo writes by call: " + odoo.writesSince(Map.of()));
            soft.assertAll();
        }
    }

    /** A kill: when the process's {@code nth} call of {@code call} reached the simulator; what it tests. */
    private record Kill(String call, int nth, String why) {
    }

    /**
     * Waits until the simulator has received the kill's call, then kills the process (SIGKILL) at once: the call is
     * still in the simulator's latency and is booked after the process is gone, its answer lost. Returns what was
     * killed where, or null when the process ended before.
     */
    private static String kill(OdooSimulator odoo, Process process, Kill kill) throws Exception {
        String[] call = kill.call().split("\\.(?=[a-z_]+$)");
        int before = odoo.calls(call[0], call[1]);
        Map<String, Integer> start = odoo.calls();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (process.isAlive() && System.nanoTime() < deadline) {
            if (odoo.calls(call[0], call[1]) - before >= kill.nth()) {
                process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no commit, no answer read
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
                int writes = odoo.writesSince(start).values().stream().mapToInt(Integer::intValue).sum();
                return kill.call() + " #" + kill.nth() + " (its write " + writes + "): " + kill.why();
            }
            Thread.sleep(1);
        }
        assertThat(process.isAlive()).as("the process ran longer than 120 s").isFalse();
        return null;
    }

    /** What Odoo holds for one order family, against what the MES's file says. */
    private static void check(SoftAssertions soft, OdooSimulator odoo, String name, Expected expected) {
        List<Map<String, Object>> family = odoo.searchRead("mrp.production", List.of("|", List.of("name", "=", name),
                List.of("name", "=like", name + "-%")), List.of("name", "state", "qty_produced"));
        Map<String, String> members = new TreeMap<>();
        family.forEach(m -> members.put((String) m.get("name"), m.get("state") + " "
                + dec(m.get("qty_produced")).stripTrailingZeros().toPlainString()));
        soft.assertThat(members).as(name + ": orders, states, produced").isEqualTo(expected.members());
        List<Object> ids = family.stream().map(m -> m.get("id")).toList();

        // consumption: done component move lines into production (a scrap's move goes to the scrap location)
        Map<String, BigDecimal> consumed = new TreeMap<>();
        for (Map<String, Object> line : odoo.searchRead("stock.move.line", List.of(
                List.of("move_id.raw_material_production_id", "in", ids), List.of("state", "=", "done"),
                List.of("location_dest_id.usage", "=", "production")), List.of("product_id", "quantity"))) {
            consumed.merge(code(line.get("product_id")), dec(line.get("quantity")), BigDecimal::add);
        }
        consumed.replaceAll((k, v) -> v.stripTrailingZeros());
        Map<String, BigDecimal> want = new TreeMap<>();
        expected.consumed().forEach((k, v) -> want.put(k, v.stripTrailingZeros()));
        soft.assertThat(consumed).as(name + ": components consumed").isEqualTo(want);

        // finished lots: each once, holding what was produced on it, on done finished moves of this family
        for (Map.Entry<String, BigDecimal> lot : expected.lots().entrySet()) {
            List<Map<String, Object>> found = odoo.searchRead("stock.lot", List.of(List.of("name", "=", lot.getKey())),
                    List.of("product_qty"));
            soft.assertThat(found).as(name + ": finished lot " + lot.getKey()).hasSize(1);
            BigDecimal made = odoo.searchRead("stock.move.line", List.of(List.of("lot_id.name", "=", lot.getKey()),
                    List.of("move_id.production_id", "in", ids), List.of("state", "=", "done")), List.of("quantity"))
                    .stream().map(l -> dec(l.get("quantity"))).reduce(BigDecimal.ZERO, BigDecimal::add);
            soft.assertThat(made).as(name + ": produced on lot " + lot.getKey()).isEqualByComparingTo(lot.getValue());
            if (found.size() == 1) {
                soft.assertThat(dec(found.get(0).get("product_qty"))).as(name + ": on hand in lot " + lot.getKey())
                        .isEqualByComparingTo(lot.getValue());
            }
        }
        String first = expected.lots().keySet().iterator().next();
        soft.assertThat(odoo.searchRead("stock.lot", List.of(List.of("name", "=like", first.substring(0,
                first.lastIndexOf('-') + 1) + "%")), List.of("name"))).as(name + ": no extra lots")
                .hasSize(expected.lots().size());

        List<Map<String, Object>> scraps = odoo.searchRead("stock.scrap", List.of(List.of("production_id", "in", ids)),
                List.of("state", "origin"));
        soft.assertThat(scraps).as(name + ": scraps").hasSize(expected.scraps())
                .allSatisfy(s -> assertThat(s.get("state")).isEqualTo("done"));
    }

    /** The simulated plant: warehouse WH, the Drawer (lot-tracked) from two lot-tracked components, stock in lots. */
    private static final class Floor {
        private final OdooSimulator odoo;
        private final int drawer;
        private final int bom;
        private final int type;

        Floor(OdooSimulator odoo) {
            this.odoo = odoo;
            int warehouse = odoo.create("stock.warehouse", map("name", "Main Plant", "code", "WH"));
            type = odoo.create("stock.picking.type", map("name", "Manufacturing", "code", "mrp_operation",
                    "sequence_code", "MO", "warehouse_id", warehouse, "create_backorder", "ask",
                    "reservation_method", "at_confirm", "default_location_src_id", 5, "default_location_dest_id", 5));
            drawer = product("Drawer", FINISHED);
            int black = product("Drawer Black", BLACK);
            int caseBlack = product("Drawer Case Black", CASE);
            int template = (Integer) ((List<?>) odoo.searchRead("product.product", List.of(List.of("id", "=", drawer)),
                    List.of("product_tmpl_id")).get(0).get("product_tmpl_id")).get(0);
            bom = odoo.create("mrp.bom", map("product_tmpl_id", template, "code", "SEC-ASSEM", "type", "normal",
                    "product_qty", 1.0, "product_uom_id", 1, "consumption", "warning"));
            odoo.create("mrp.bom.line", map("bom_id", bom, "product_id", black, "product_qty", 1.0,
                    "product_uom_id", 1, "sequence", 1));
            odoo.create("mrp.bom.line", map("bom_id", bom, "product_id", caseBlack, "product_qty", 1.0,
                    "product_uom_id", 1, "sequence", 2));
            int assembly = odoo.create("mrp.workcenter", map("name", "Assembly"));
            odoo.create("mrp.routing.workcenter", map("bom_id", bom, "name", "Assembly", "sequence", 10,
                    "workcenter_id", assembly, "time_mode", "manual", "time_cycle_manual", 6.0));
            onHand(black, "BLK-1", 150);
            onHand(black, "BLK-2", 150);
            onHand(caseBlack, "CASE-1", 300);
        }

        private int product(String name, String code) {
            return odoo.create("product.product", map("name", name, "default_code", code, "tracking", "lot",
                    "is_storable", true, "uom_id", 1));
        }

        private void onHand(int product, String lot, double quantity) {
            int id = odoo.create("stock.lot", map("name", lot, "product_id", product));
            odoo.create("stock.quant", map("product_id", product, "location_id", 5, "lot_id", id,
                    "quantity", quantity));
        }

        /** A confirmed (reserved) order of the Drawer; its name. */
        String confirmedOrder(double quantity) {
            int mo = odoo.create("mrp.production", map("product_id", drawer, "product_qty", quantity, "bom_id", bom,
                    "picking_type_id", type));
            odoo.call("mrp.production", "action_confirm", List.of(List.of(mo)), Map.of());
            Map<String, Object> read = odoo.searchRead("mrp.production", List.of(List.of("id", "=", mo)),
                    List.of("name", "state")).get(0);
            assertThat(read.get("state")).isEqualTo("confirmed");
            return (String) read.get("name");
        }
    }

    private static long count(List<Event> events, String type) {
        return events.stream().filter(e -> e.type().equals(type)).count();
    }

    private static String code(Object many2one) {
        String display = (String) ((List<?>) many2one).get(1);
        return display.substring(1, display.indexOf(']'));
    }

    private static BigDecimal dec(Object value) {
        return value instanceof String s ? new BigDecimal(s) : new BigDecimal(String.valueOf(((Number) value)
                .doubleValue())).setScale(4, java.math.RoundingMode.HALF_UP);
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String one(Connection sql, String query) {
        List<String> rows = rows(sql, query);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static List<String> rows(Connection sql, String query) {
        return TestDatabases.column(sql, query);
    }
}
