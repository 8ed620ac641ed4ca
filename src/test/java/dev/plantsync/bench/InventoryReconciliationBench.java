package dev.plantsync.bench;

import java.io.BufferedWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.operations.ExecutionSummary;
import dev.plantsync.operations.JobControl;
import dev.plantsync.platform.Actor;
import dev.plantsync.sftp.EmbeddedSftpServer;
import org.postgresql.PGConnection;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * inventory-reconciliation on N quants (N products, one quant each, simulator at 5 ms per call) against an N-line
 * snapshot with 1% breaks, end to end through SFTP, measured on the nights after a first one; each measured night
 * followed by the Odoo paging alone and the floor: the same rows COPYed into PostgreSQL and joined by one SQL query.
 * Three rounds by default, the verdict is their median. The simulator runs in a JVM of its own ({@link SimulatorProcess}), so the peak heap is PlantSync's;
 * run with {@code -Xmx512m} it proves the job fits. Run by {@code ops/bench/inventory-reconciliation.sh [N]}.
 */
public final class InventoryReconciliationBench {

    private InventoryReconciliationBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path temp = Files.createTempDirectory("inventory-bench");
        String simulatorHeap = args.length > 1 ? args[1] : "6g";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        try (SimulatorProcess odoo = SimulatorProcess.start(19, n, simulatorHeap);
                EmbeddedSftpServer sftp = EmbeddedSftpServer.start(Files.createDirectories(temp.resolve("sftp")))) {
            sftp.writePartners(temp, "wms-main", "WMS", "WMS"); // the partner jobs/inventory-reconciliation.yml names
            Path snapshot = sftp.home("wms-main").resolve("inbound/snapshot.csv");
            int firstId = odoo.firstProductId;

            try (ConfigurableApplicationContext app = BenchApplication.start(odoo.url, temp)) {
                JobControl jobs = app.getBean(JobControl.class);
                odoo.latency(Duration.ofMillis(5));
                // PlantSync and Odoo run for months: the measured nights follow one that is not measured, in warm
                // JVMs as in production (the first night also compiles the parsing and staging code, in both
                // processes). Each measured night is followed by its own paging and floor measurements: on a shared
                // machine a single run varies by 10-15%, so the verdict is the median of the rounds.
                night(jobs, snapshot, n, firstId, "2026-11-22", "warm-up night");
                List<double[]> measured = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    String date = LocalDate.of(2026, 11, 22).plusDays(round).toString();
                    System.out.printf("%n== round %d of %d: the night of %s%n", round, rounds, date);
                    double job = measuredNight(app, odoo, snapshot, temp, n, firstId, date);
                    double paging = paging(app.getBean(OdooClient.class), odoo.pid());
                    double floor = floor(app.getBean(javax.sql.DataSource.class), n, temp.resolve("floor.csv"), firstId);
                    double target = 2 * floor + paging;
                    System.out.printf("target: 2 x floor + the Odoo paging no job can avoid = 2 x %.2f + %.2f = %.2f s; "
                            + "the job took %.2f x that%n", floor, paging, target, job / target);
                    measured.add(new double[] {job, paging, floor, job / target});
                }
                System.out.printf("%nmedian of %d rounds: job %.2f s, paging %.2f s, floor %.2f s; job / (2 x floor + "
                        + "paging) = %.2f (rounds: %s)%n", rounds, median(measured, 0), median(measured, 1),
                        median(measured, 2), median(measured, 3), measured.stream()
                                .map(m -> String.format("%.2f", m[3])).collect(Collectors.joining(", ")));
            }
        }
    }

    /** One night end to end, timed and reported: steps, Odoo calls, peak heap, where the CPU went. */
    private static double measuredNight(ConfigurableApplicationContext app, SimulatorProcess odoo, Path snapshot,
            Path temp, int n, int firstId, String date) throws Exception {
        int breaks = writeSnapshot(snapshot, n, firstId, date);
        Files.copy(snapshot, temp.resolve("floor.csv"), StandardCopyOption.REPLACE_EXISTING); // the job archives it
        odoo.resetCalls();
        CpuMeter cpu = new CpuMeter(odoo.pid());
        long start = System.nanoTime();
        try (HeapSampler heap = new HeapSampler()) {
            ExecutionSummary run = app.getBean(JobControl.class).launch("inventory-reconciliation",
                    Map.of("businessDate", date, "site", "MAIN"), new Actor("bench", "bench"));
            double seconds = (System.nanoTime() - start) / 1e9;
            String callsLine = odoo.calls();
            int calls = Integer.parseInt(callsLine.substring(0, callsLine.indexOf(' ')));
            System.out.printf("job: %s %s%n  %d quants vs %d snapshot lines (%d planted breaks) in %.2f s; "
                    + "%d Odoo calls (%.2f s of it is the 5 ms latency); peak heap %d MB%n", run.status(),
                    run.exitDescription(), n, n, breaks, seconds, calls, calls * 0.005, heap.peakMb());
            System.out.println("  calls by model.method: " + callsLine.substring(callsLine.indexOf(' ') + 1));
            app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class).sql("""
                    SELECT step_name || ' ' || round(extract(epoch FROM end_time - start_time)::numeric, 2) || ' s'
                      FROM batch_step_execution WHERE job_execution_id = :id ORDER BY step_execution_id""")
                    .param("id", run.id()).query(String.class).list()
                    .forEach(step -> System.out.println("  step " + step));
            System.out.println("  " + cpu.report());
            return seconds;
        }
    }

    private static double median(List<double[]> rounds, int column) {
        double[] values = rounds.stream().mapToDouble(r -> r[column]).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /**
     * The Odoo paging time no job can avoid: the same two reads the job makes (products, quants on internal
     * locations, the same fields), consumed by counting; one after the other, then at the same time as the job reads
     * them. The latter is what the target counts.
     */
    private static double paging(OdooClient odoo, long simulatorPid) {
        long start = System.nanoTime();
        long records = products(odoo) + quants(odoo);
        System.out.printf("paging: the same product and quant reads, only counted: %d records in %.2f s%n", records,
                (System.nanoTime() - start) / 1e9);
        CpuMeter cpu = new CpuMeter(simulatorPid);
        long parallel = System.nanoTime();
        java.util.concurrent.CompletableFuture<Long> products = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> products(odoo));
        long quantCount = quants(odoo);
        double seconds = (System.nanoTime() - parallel) / 1e9;
        System.out.printf("paging: the two reads at the same time: %d records in %.2f s%n  %s%n",
                quantCount + products.join(), seconds, cpu.report());
        long ranged = System.nanoTime();
        long rangedRecords = inRanges(odoo, "product.product", Domain.all(), PRODUCT_FIELDS, Map.of("active_test", false));
        long productsRead = System.nanoTime();
        rangedRecords += inRanges(odoo, "stock.quant", INTERNAL, QUANT_FIELDS, Map.of());
        long end = System.nanoTime();
        System.out.printf("paging as the job reads (each model over two id ranges at once, one model after the other):"
                + " %d records in %.2f s (products %.2f s, quants %.2f s)%n", rangedRecords, (end - ranged) / 1e9,
                (productsRead - ranged) / 1e9, (end - productsRead) / 1e9);
        return seconds;
    }

    private static long inRanges(OdooClient odoo, String model, Domain domain, List<String> fields,
            Map<String, Object> context) {
        return odoo.idRanges(model, domain, context, 2).parallelStream()
                .mapToLong(range -> odoo.searchReadPages(model, range, fields, context, p -> {
                })).sum();
    }

    private static final List<String> PRODUCT_FIELDS = List.of("default_code", "categ_id", "uom_id", "standard_price");
    private static final List<String> QUANT_FIELDS = List.of("product_id", "location_id", "lot_id", "quantity");
    private static final Domain INTERNAL = Domain.eq("location_id.usage", "internal");

    /** The job's reads, through the same client calls, each page only counted. */
    private static long products(OdooClient odoo) {
        return odoo.searchReadPages("product.product", Domain.all(),
                List.of("default_code", "categ_id", "uom_id", "standard_price"), Map.of("active_test", false), p -> {
                });
    }

    private static long quants(OdooClient odoo) {
        return odoo.searchReadPages("stock.quant", Domain.eq("location_id.usage", "internal"),
                List.of("product_id", "location_id", "lot_id", "quantity"), Map.of(), p -> {
                });
    }

    /** A whole night, run and reported but not measured. */
    private static void night(JobControl jobs, Path snapshot, int n, int firstId, String date, String what)
            throws Exception {
        writeSnapshot(snapshot, n, firstId, date);
        long start = System.nanoTime();
        ExecutionSummary run = jobs.launch("inventory-reconciliation", Map.of("businessDate", date, "site", "MAIN"),
                new Actor("bench", "bench"));
        System.out.printf("%s: %s %s in %.2f s%n", what, run.status(), run.exitDescription(),
                (System.nanoTime() - start) / 1e9);
    }

    /** The snapshot of a night: every product's quant as the warehouse counts it, every 100th one off by one. */
    private static int writeSnapshot(Path file, int n, int firstId, String date) throws Exception {
        int breaks = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("site,location,item,lot,quantity,uom,snapshot_time\n");
            for (int i = 1; i <= n; i++) {
                long quantity = quantity(i, firstId);
                if (i % 100 == 0) {
                    quantity++;
                    breaks++;
                }
                out.write("MAIN,WH/Stock," + String.format("PS-B%07d", i) + ",," + quantity + ",," + date
                        + "T23:00:00\n");
            }
        }
        return breaks;
    }

    /** DemoCompany.generateLarge gives product id p a quant of (p % 50); the products' ids are consecutive. */
    private static long quantity(int i, int firstId) {
        return (firstId + i - 1) % 50;
    }

    private static double floor(javax.sql.DataSource database, int n, Path snapshot, int firstId) throws Exception {
        try (Connection c = database.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS fo, fw");
                s.execute("CREATE TEMP TABLE fo (location text, item text, lot text, quantity numeric)");
                s.execute("CREATE TEMP TABLE fw (site text, location text, item text, lot text, quantity numeric, "
                        + "uom text, snapshot_time text)");
            }
            // Odoo's rows as text before the clock starts: the floor is COPY and join, not making the rows up.
            StringBuilder odoo = new StringBuilder();
            for (int i = 1; i <= n; i++) {
                odoo.append("WH/Stock\t").append(String.format("PS-B%07d", i)).append("\t\t")
                        .append(quantity(i, firstId)).append('\n');
            }
            long start = System.nanoTime();
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY fo FROM STDIN", new java.io.StringReader(odoo.toString()));
            try (Reader in = Files.newBufferedReader(snapshot)) {
                copy.copyIn("COPY fw FROM STDIN WITH (FORMAT csv, HEADER true)", in);
            }
            int differences;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT count(*) FROM fo FULL OUTER JOIN fw
                        ON fo.location = fw.location AND fo.item = fw.item AND fo.lot = coalesce(fw.lot, '')
                     WHERE fo.quantity IS DISTINCT FROM fw.quantity""")) {
                rs.next();
                differences = rs.getInt(1);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("floor: COPY %d + %d rows and one full outer join in %.2f s (%d differences)%n", n, n,
                    seconds, differences);
            return seconds;
        }
    }
}
