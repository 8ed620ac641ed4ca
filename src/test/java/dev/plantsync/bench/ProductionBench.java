package dev.plantsync.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.OdooCall;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooRecord;
import dev.plantsync.odoo.sim.ManufacturingVolume;
import dev.plantsync.operations.ExecutionSummary;
import dev.plantsync.operations.JobControl;
import dev.plantsync.platform.Actor;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The plant loop at volume (issue 23): N confirmed manufacturing orders of 10 Drawers (flow 08's lot-tracked product
 * and its two lot-tracked components, seeded in the simulator's own JVM) released once by
 * {@code production-order-release}, then E completion events the bench writes as an MES would from that release
 * file, imported by {@code production-completion-import}; the simulator answers each call after 5 ms. Per job: wall
 * time, Odoo calls, records per second, calls per record, peak heap, where the CPU went, and the calls by method.
 * Run by {@code ops/bench/production.sh}; with {@code --odoo} against a real Odoo (see {@link #realOdoo}).
 */
public final class ProductionBench {

    private static final String PLANT = "plant-1";
    private static final String PARTNER = "mes-plant-1";
    private static final String DRAWER = ManufacturingVolume.PRODUCT;
    /** Events per completion file: an MES that writes a file every few minutes. */
    private static final int EVENTS_PER_FILE = 1000;

    private ProductionBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--odoo")) {
            realOdoo(args);
            return;
        }
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 5 * orders;
        String simulatorHeap = args.length > 2 ? args[2] : "2g";
        checkEvents(orders, events);
        Path temp = Files.createTempDirectory("production-bench");
        Path drop = drop(temp);
        long seeding = System.nanoTime();
        try (SimulatorProcess odoo = SimulatorProcess.start(19, orders, simulatorHeap, "manufacturing");
                ConfigurableApplicationContext app = BenchApplication.start(odoo.url, temp,
                        "plantsync.production.plants." + PLANT + ".partner=" + PARTNER,
                        "plantsync.production.plants." + PLANT + ".warehouse=WH",
                        "plantsync.production.plants." + PLANT + ".format=csv",
                        // one INFO line per booked production would bury the figures (the other benches log WARN too)
                        "logging.level.dev.plantsync=WARN")) {
            System.out.printf("%d confirmed MOs seeded, PlantSync started in %.1f s%n", orders,
                    (System.nanoTime() - seeding) / 1e9);
            JobControl jobs = app.getBean(JobControl.class);
            odoo.latency(Duration.ofMillis(5));

            Result release = run(jobs, odoo, "production-order-release", Map.of("plant", PLANT), orders);
            List<ReleasedOrder> released = releasedOrders(drop.resolve("to-mes"));
            if (released.size() != orders) {
                System.out.printf("WARNING: the release file holds %d orders, not %d%n", released.size(), orders);
            }
            int written = writeCompletions(drop.resolve("inbound"), released, events, ManufacturingVolume::componentLot,
                    "");
            Result completion = run(jobs, odoo, "production-completion-import", Map.of("run", "bench"), written);
            // What Odoo holds afterwards (not counted above): every order split once, both parts done, one scrap
            // per SCRAPPED event; the job's own "applied" count is not taken on trust.
            OdooClient client = app.getBean(OdooClient.class);
            int done = client.searchCount("mrp.production", Domain.eq("state", "done"), Map.of());
            int open = client.searchCount("mrp.production", Domain.in("state", List.of("confirmed", "progress",
                    "to_close")), Map.of());
            int scraps = client.searchCount("stock.scrap", Domain.eq("state", "done"), Map.of());
            System.out.printf("Odoo afterwards: %d orders done (expected %d), %d open (expected 0), %d scraps done "
                    + "(expected %d)%n", done, 2 * orders, open, scraps, (events - 4 * orders + 1) / 2);

            System.out.println();
            System.out.println("| job | records | wall s | Odoo calls | records/s | calls/record | peak heap MB |");
            System.out.println("|---|---|---|---|---|---|---|");
            System.out.println(release.row("production-order-release", "MOs"));
            System.out.println(completion.row("production-completion-import", "events"));
        }
    }

    private static void checkEvents(int orders, int events) {
        if (events < 4 * orders || events > 5 * orders) {
            throw new IllegalArgumentException("the MES generator writes 4 or 5 events per order: events must be "
                    + "between " + 4 * orders + " and " + 5 * orders + " for " + orders + " orders");
        }
    }

    /** plant-1's drop under {@code temp} (partners.yml written): releases out to to-mes, completions in. */
    private static Path drop(Path temp) throws IOException {
        Path drop = temp.resolve("mes");
        Files.createDirectories(drop.resolve("inbound"));
        Files.writeString(temp.resolve("partners.yml"), """
                partners:
                  - id: %s
                    localDirectory: %s
                    outbound: /to-mes
                    patterns: {mes-completion: ["completions*.csv"], mes-ack: ["acks*.csv"]}
                """.formatted(PARTNER, drop));
        return drop;
    }

    /**
     * Against a real Odoo ({@code --odoo URL DATABASE LOGIN API_KEY_FILE [MOs, 50] [events, 5 x MOs]}), a shared one:
     * everything the run creates carries its stamp {@code PB<epoch s>}. A manufacturing operation type of its own in
     * WH (a copy of WH's, sequence {@code WH/<stamp>/}) that plant-1 is narrowed to ({@code operation-types}), so the
     * release takes the run's orders only, never the demo's or another test's; a lot of each component of the demo
     * BoM SEC-ASSEM of 10 Drawers with twice the run's demand on hand (inventory adjustments); N MOs of 10 Drawers of
     * that type confirmed (origin the stamp). Then the release, the MES's events from its file (the same as against
     * the simulator, lots of the run) and the completion import, each job's calls counted by PlantSync's own Odoo
     * call timers; afterwards what Odoo holds of the run's type. Orders of the run left open (a failed run) are
     * cancelled and the type archived; nothing is deleted. {@code -Dbench.odooPid=PID}: Odoo's process, for its CPU.
     */
    private static void realOdoo(String[] args) throws Exception {
        String url = args[1];
        String database = args[2];
        String login = args[3];
        Path keyFile = Path.of(args[4]);
        int orders = args.length > 5 ? Integer.parseInt(args[5]) : 50;
        int events = args.length > 6 ? Integer.parseInt(args[6]) : 5 * orders;
        checkEvents(orders, events);
        long odooPid = Long.getLong("bench.odooPid", -1L);
        String stamp = "PB" + System.currentTimeMillis() / 1000;
        String typeName = stamp + " Manufacturing";
        Path temp = Files.createTempDirectory("production-real");
        Path drop = drop(temp);
        // A system property: BenchApplication's extras are defaults, below jobs/production.yml's operation-types: []
        System.setProperty("plantsync.production.plants." + PLANT + ".operation-types[0]", typeName);
        try (ConfigurableApplicationContext app = BenchApplication.start(url, database, login, keyFile, temp,
                "PT0.2S", "plantsync.production.plants." + PLANT + ".partner=" + PARTNER,
                "plantsync.production.plants." + PLANT + ".warehouse=WH",
                "plantsync.production.plants." + PLANT + ".format=csv", "logging.level.dev.plantsync=WARN")) {
            OdooClient odoo = app.getBean(OdooClient.class);
            String version = "odoo " + odoo.majorVersion();
            long seeding = System.nanoTime();
            int type = seed(odoo, stamp, typeName, orders);
            try {
                System.out.printf("Odoo %s (%s): %d confirmed MOs of 10 %s seeded in type '%s' (stamp %s) in %.1f s"
                        + "%n", url, version, orders, DRAWER, typeName, stamp, (System.nanoTime() - seeding) / 1e9);
                JobControl jobs = app.getBean(JobControl.class);
                Result release = run(jobs, app, odooPid, version, "production-order-release", Map.of("plant",
                        PLANT), orders);
                List<ReleasedOrder> released = releasedOrders(drop.resolve("to-mes"));
                List<String> foreign = released.stream().map(ReleasedOrder::mo).filter(mo -> !mo.startsWith(
                        "WH/" + stamp + "/")).toList();
                if (released.size() != orders || !foreign.isEmpty()) {
                    throw new IllegalStateException("the release file holds " + released.size() + " orders, not the "
                            + "run's " + orders + " (not the run's: " + foreign + ")");
                }
                int written = writeCompletions(drop.resolve("inbound"), released, events,
                        code -> stamp + "-" + code, stamp + "-");
                Result completion = run(jobs, app, odooPid, version, "production-completion-import", Map.of("run",
                        stamp), written);
                Domain ours = Domain.eq("picking_type_id", type);
                int done = odoo.searchCount("mrp.production", Domain.and(ours, Domain.eq("state", "done")), Map.of());
                int open = odoo.searchCount("mrp.production", Domain.and(ours, Domain.in("state", List.of(
                        "confirmed", "progress", "to_close"))), Map.of());
                int scraps = odoo.searchCount("stock.scrap", Domain.and(Domain.eq("production_id.picking_type_id",
                        type), Domain.eq("state", "done")), Map.of());
                System.out.printf("Odoo afterwards (the run's MOs): %d orders done (expected %d), %d open (expected 0)"
                        + ", %d scraps done (expected %d)%n", done, 2 * orders, open, scraps,
                        (events - 4 * orders + 1) / 2);

                System.out.println();
                System.out.println("| job | records | wall s | Odoo calls | records/s | calls/record | peak heap MB |");
                System.out.println("|---|---|---|---|---|---|---|");
                System.out.println(release.row("production-order-release", "MOs"));
                System.out.println(completion.row("production-completion-import", "events"));
            } finally {
                leave(odoo, type);
            }
        }
    }

    /**
     * The run's records in Odoo, as a planner and a stock user would make them; returns the operation type's id. The
     * components of SEC-ASSEM must be lot-tracked (they are in the demo data the acceptance tests use).
     */
    private static int seed(OdooClient odoo, String stamp, String typeName, int orders) {
        OdooRecord drawer = odoo.searchRead("product.product", Domain.eq("default_code", DRAWER),
                List.of("product_tmpl_id")).get(0);
        OdooRecord bom = odoo.searchRead("mrp.bom", Domain.and(Domain.eq("code", "SEC-ASSEM"), Domain.eq(
                "product_tmpl_id", drawer.getMany2one("product_tmpl_id").id())), List.of("product_qty",
                        "bom_line_ids")).get(0);
        OdooRecord warehouse = odoo.searchRead("stock.warehouse", Domain.and(Domain.eq("code", "WH"),
                Domain.eq("company_id", 1)), List.of("lot_stock_id", "manu_type_id")).get(0);
        int stock = warehouse.getMany2one("lot_stock_id").id();
        Object copy = odoo.call(OdooCall.named("stock.picking.type", "copy", List.of(warehouse.getMany2one(
                "manu_type_id").id()), Map.of("default", Map.of("name", typeName, "sequence_code", stamp))));
        int type = ((Number) (copy instanceof List<?> l ? l.get(0) : copy)).intValue();
        for (OdooRecord line : odoo.read("mrp.bom.line", bom.getIds("bom_line_ids"), List.of("product_id",
                "product_qty"), Map.of())) {
            int product = line.getMany2one("product_id").id();
            OdooRecord component = odoo.read("product.product", List.of(product), List.of("default_code",
                    "tracking"), Map.of()).get(0);
            if (!"lot".equals(component.getString("tracking"))) {
                throw new IllegalStateException(component.getString("default_code") + " is not lot-tracked in this "
                        + "Odoo: the MES reports a lot for every consumption");
            }
            // twice the run's demand and a unit per order for the scraps: consumption within tolerance never runs out
            double perOrder = line.getDecimal("product_qty").doubleValue() * 10
                    / bom.getDecimal("product_qty").doubleValue();
            int lot = odoo.create("stock.lot", List.of(Map.of("name", stamp + "-" + component.getString(
                    "default_code"), "product_id", product)), Map.of()).get(0);
            List<Integer> quant = odoo.create("stock.quant", List.of(Map.of("product_id", product, "location_id",
                    stock, "lot_id", lot, "inventory_quantity", 2 * perOrder * orders + orders)), Map.of(
                            "inventory_mode", true));
            odoo.call(new OdooCall("stock.quant", "action_apply_inventory", quant, Map.of(), List.of(), Map.of()));
        }
        List<Map<String, Object>> mos = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            mos.add(Map.of("product_id", drawer.id(), "product_qty", 10.0, "bom_id", bom.id(), "picking_type_id",
                    type, "origin", stamp));
        }
        List<Integer> ids = odoo.create("mrp.production", mos, Map.of());
        odoo.call(new OdooCall("mrp.production", "action_confirm", ids, Map.of(), List.of(), Map.of()));
        return type;
    }

    /** The shared Odoo as the run found it, bar the records it made: its open orders cancelled, its type archived. */
    private static void leave(OdooClient odoo, int type) {
        List<Integer> open = odoo.search("mrp.production", Domain.and(Domain.eq("picking_type_id", type),
                Domain.notIn("state", List.of("done", "cancel"))), "id", null, Map.of());
        if (!open.isEmpty()) {
            System.out.printf("cancelling the run's %d open orders%n", open.size());
            odoo.call(new OdooCall("mrp.production", "action_cancel", open, Map.of(), List.of(), Map.of()));
        }
        odoo.write("stock.picking.type", List.of(type), Map.of("active", false), Map.of());
    }

    private static Result run(JobControl jobs, ConfigurableApplicationContext app, long odooPid, String odooLabel,
            String job, Map<String, String> parameters, int records) throws Exception {
        Map<String, double[]> before = MasterDataSyncBench.odooCalls(app);
        CpuMeter cpu = new CpuMeter(odooPid, odooLabel);
        long start = System.nanoTime();
        ExecutionSummary run;
        long heap;
        try (HeapSampler sampler = new HeapSampler()) {
            run = jobs.launch(job, parameters, new Actor("bench", "bench"));
            heap = sampler.peakMb();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, double[]> after = MasterDataSyncBench.odooCalls(app);
        int total = 0;
        for (Map.Entry<String, double[]> e : after.entrySet()) {
            total += (int) (e.getValue()[0] - before.getOrDefault(e.getKey(), new double[2])[0]);
        }
        System.out.printf("%s %s %s: %,d records in %.1f s = %.1f/s; %,d Odoo calls = %.2f per record; peak heap %d MB"
                + "%n  %s%n", job, run.status(), run.exitDescription(), records, seconds, records / seconds, total,
                (double) total / records, heap, odooPid > 0 ? cpu.report() : "(no -Dbench.odooPid: CPU not read)");
        MasterDataSyncBench.printCalls(before, after);
        if (!"COMPLETED".equals(run.status())) {
            throw new IllegalStateException(job + " ended " + run.status() + ": " + run.exitDescription());
        }
        return new Result(records, seconds, total, heap);
    }

    /** What one job run measured. */
    private record Result(int records, double seconds, int calls, long heapMb) {

        String row(String job, String unit) {
            return String.format("| %s | %,d %s | %.1f | %,d | %.1f | %.2f | %d |", job, records, unit, seconds, calls,
                    records / seconds, (double) calls / records, heapMb);
        }
    }

    private static Result run(JobControl jobs, SimulatorProcess odoo, String job, Map<String, String> parameters,
            int records) throws Exception {
        odoo.resetCalls();
        CpuMeter cpu = new CpuMeter(odoo.pid());
        long start = System.nanoTime();
        ExecutionSummary run;
        long heap;
        try (HeapSampler sampler = new HeapSampler()) {
            run = jobs.launch(job, parameters, new Actor("bench", "bench"));
            heap = sampler.peakMb();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String calls = odoo.calls();
        int total = Integer.parseInt(calls.substring(0, calls.indexOf(' ')));
        System.out.printf("%s %s %s: %,d records in %.1f s = %.1f/s; %,d Odoo calls = %.2f per record; peak heap %d MB"
                + "%n  %s%n  calls by model.method: %s%n", job, run.status(), run.exitDescription(), records, seconds,
                records / seconds, total, (double) total / records, heap, cpu.report(), calls.substring(
                        calls.indexOf(' ') + 1));
        if (!"COMPLETED".equals(run.status())) {
            throw new IllegalStateException(job + " ended " + run.status() + ": " + run.exitDescription());
        }
        return new Result(records, seconds, total, heap);
    }

    /** An order as the MES got it: its name, quantity and component demands by product code. */
    private record ReleasedOrder(String mo, BigDecimal quantity, Map<String, BigDecimal> components) {
    }

    private static List<ReleasedOrder> releasedOrders(Path outbound) throws IOException {
        Path file;
        try (Stream<Path> files = Files.list(outbound)) {
            file = files.filter(f -> f.getFileName().toString().startsWith("releases-")
                    && f.getFileName().toString().endsWith(".csv")).sorted().reduce((a, b) -> b).orElseThrow(
                            () -> new IllegalStateException("no release file in " + outbound));
        }
        Map<String, ReleasedOrder> orders = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord r : csv) {
                switch (r.get("record")) {
                    case "ORDER" -> orders.put(r.get("mo"), new ReleasedOrder(r.get("mo"),
                            new BigDecimal(r.get("quantity")), new LinkedHashMap<>()));
                    case "COMPONENT" -> orders.get(r.get("mo")).components().put(r.get("item"),
                            new BigDecimal(r.get("quantity")));
                    default -> { }
                }
            }
        }
        return new ArrayList<>(orders.values());
    }

    /**
     * The MES's completion files: per order, in this order, the first component's and the second's consumption for
     * 40 % of the order, a partial production of 40 % (Odoo splits the order), then for the first {@code events - 4N}
     * orders one more event: a scrapped unit of the second component (even orders, on the backorder the MES still
     * calls by its first name) or more of the first component (odd orders, booked with the final production), and the
     * final production of the rest. Each production has a finished lot of its own. The events are written by round
     * (every order's first event, then every order's second, ...), EVENTS_PER_FILE to a file, as an MES reporting
     * many orders at once would. Component lots are named by {@code componentLot}; {@code prefix} goes before the
     * event ids and finished lots (a real Odoo keeps every run's lots).
     */
    private static int writeCompletions(Path inbound, List<ReleasedOrder> orders, int events,
            java.util.function.Function<String, String> componentLot, String prefix) throws IOException {
        int extra = events - 4 * orders.size();
        List<List<String>> rounds = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            rounds.add(new ArrayList<>());
        }
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.ofHours(1)).minusMinutes(30).truncatedTo(ChronoUnit.SECONDS);
        BigDecimal partial = new BigDecimal("0.4");
        for (int i = 0; i < orders.size(); i++) {
            ReleasedOrder o = orders.get(i);
            List<String> codes = new ArrayList<>(o.components().keySet());
            String first = codes.get(0);
            String second = codes.get(codes.size() - 1);
            BigDecimal made = o.quantity().multiply(partial).setScale(2, RoundingMode.HALF_UP);
            String id = prefix + "E" + (i + 1) + "-";
            rounds.get(0).add(line(id + 1, o.mo(), "CONSUMED", "", scaled(o, first, partial), first,
                    componentLot.apply(first), t, ""));
            rounds.get(1).add(line(id + 2, o.mo(), "CONSUMED", "", scaled(o, second, partial), second,
                    componentLot.apply(second), t, ""));
            rounds.get(2).add(line(id + 3, o.mo(), "PRODUCED", "N", made, ManufacturingVolume.PRODUCT,
                    prefix + "FG-" + (i + 1) + "-A", t.plusMinutes(5), ""));
            if (i < extra) {
                rounds.get(3).add(i % 2 == 0
                        ? line(id + 4, o.mo(), "SCRAPPED", "", BigDecimal.ONE, second,
                                componentLot.apply(second), t.plusMinutes(10), "dented")
                        : line(id + 4, o.mo(), "CONSUMED", "", scaled(o, first, BigDecimal.ONE.subtract(partial)),
                                first, componentLot.apply(first), t.plusMinutes(10), ""));
            }
            rounds.get(4).add(line(id + 5, o.mo(), "PRODUCED", "Y", o.quantity().subtract(made),
                    ManufacturingVolume.PRODUCT, prefix + "FG-" + (i + 1) + "-B", t.plusMinutes(15), ""));
        }
        List<String> all = rounds.stream().flatMap(List::stream).toList();
        for (int from = 0, file = 1; from < all.size(); from += EVENTS_PER_FILE, file++) {
            try (BufferedWriter out = Files.newBufferedWriter(inbound.resolve(String.format("completions-%05d.csv",
                    file)), StandardCharsets.UTF_8)) {
                out.write("event_id,mo,event_type,final,quantity,unit,product,lot,time,work_centre,operator,reason\n");
                for (String l : all.subList(from, Math.min(all.size(), from + EVENTS_PER_FILE))) {
                    out.write(l);
                }
            }
        }
        return all.size();
    }

    private static BigDecimal scaled(ReleasedOrder o, String component, BigDecimal share) {
        return o.components().get(component).multiply(share).setScale(2, RoundingMode.HALF_UP);
    }

    private static String line(String id, String mo, String type, String fin, BigDecimal quantity, String product,
            String lot, OffsetDateTime time, String reason) {
        return String.join(",", id, mo, type, fin, quantity.stripTrailingZeros().toPlainString(), "Units", product,
                lot, time.toString(), "ASSEMBLY", "bench", reason) + "\n";
    }
}
