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
import dev.plantsync.odoo.OdooClient;
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
 * Run by {@code ops/bench/production.sh}.
 */
public final class ProductionBench {

    private static final String PLANT = "plant-1";
    private static final String PARTNER = "mes-plant-1";
    /** Events per completion file: an MES that writes a file every few minutes. */
    private static final int EVENTS_PER_FILE = 1000;

    private ProductionBench() {
    }

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 5 * orders;
        String simulatorHeap = args.length > 2 ? args[2] : "2g";
        if (events < 4 * orders || events > 5 * orders) {
            throw new IllegalArgumentException("the MES generator writes 4 or 5 events per order: events must be "
                    + "between " + 4 * orders + " and " + 5 * orders + " for " + orders + " orders");
        }
        Path temp = Files.createTempDirectory("production-bench");
        Path drop = temp.resolve("mes");
        Files.createDirectories(drop.resolve("inbound"));
        Files.writeString(temp.resolve("partners.yml"), """
                partners:
                  - id: %s
                    localDirectory: %s
                    outbound: /to-mes
                    patterns: {mes-completion: ["completions*.csv"], mes-ack: ["acks*.csv"]}
                """.formatted(PARTNER, drop));
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
            int written = writeCompletions(drop.resolve("inbound"), released, events);
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
     * many orders at once would.
     */
    private static int writeCompletions(Path inbound, List<ReleasedOrder> orders, int events) throws IOException {
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
            String id = "E" + (i + 1) + "-";
            rounds.get(0).add(line(id + 1, o.mo(), "CONSUMED", "", scaled(o, first, partial), first,
                    ManufacturingVolume.componentLot(first), t, ""));
            rounds.get(1).add(line(id + 2, o.mo(), "CONSUMED", "", scaled(o, second, partial), second,
                    ManufacturingVolume.componentLot(second), t, ""));
            rounds.get(2).add(line(id + 3, o.mo(), "PRODUCED", "N", made, ManufacturingVolume.PRODUCT,
                    "FG-" + (i + 1) + "-A", t.plusMinutes(5), ""));
            if (i < extra) {
                rounds.get(3).add(i % 2 == 0
                        ? line(id + 4, o.mo(), "SCRAPPED", "", BigDecimal.ONE, second,
                                ManufacturingVolume.componentLot(second), t.plusMinutes(10), "dented")
                        : line(id + 4, o.mo(), "CONSUMED", "", scaled(o, first, BigDecimal.ONE.subtract(partial)),
                                first, ManufacturingVolume.componentLot(first), t.plusMinutes(10), ""));
            }
            rounds.get(4).add(line(id + 5, o.mo(), "PRODUCED", "Y", o.quantity().subtract(made),
                    ManufacturingVolume.PRODUCT, "FG-" + (i + 1) + "-B", t.plusMinutes(15), ""));
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
