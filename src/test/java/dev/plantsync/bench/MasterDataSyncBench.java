package dev.plantsync.bench;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.LoadResult;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.operations.ExecutionSummary;
import dev.plantsync.operations.JobControl;
import dev.plantsync.platform.Actor;
import dev.plantsync.sftp.EmbeddedSftpServer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * master-data-sync on N products and N/5 BOMs (3 lines and an operation each) from a PLM drop (simulator in its own
 * JVM at 5 ms per call): the first load, then the same records again in new files, which must change nothing. Prints records/s, Odoo calls per 1,000 records
 * and PlantSync's peak heap for each. Run by {@code ops/bench/master-data-sync.sh [N] [heap]}.
 */
public final class MasterDataSyncBench {

    private MasterDataSyncBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--odoo")) {
            realOdoo(args);
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path temp = Files.createTempDirectory("masterdata-bench");
        try (SimulatorProcess odoo = SimulatorProcess.start(19, 0, args.length > 1 ? args[1] : "4g");
                EmbeddedSftpServer sftp = EmbeddedSftpServer.start(Files.createDirectories(temp.resolve("sftp")))) {
            sftp.writePartners(temp, "plm", "PLM", "PLM"); // the source jobs/master-data-sync.yml names
            try (ConfigurableApplicationContext app = BenchApplication.start(odoo.url, temp)) {
                JobControl jobs = app.getBean(JobControl.class);
                odoo.latency(Duration.ofMillis(5));
                int boms = n / 5;
                writeProducts(sftp.home("plm").resolve("inbound/products-full.csv"), n, false);
                writeBoms(sftp.home("plm").resolve("inbound/boms-full.csv"), boms, false);
                run(jobs, odoo, n + boms, "first load", "2026-11-23");
                writeProducts(sftp.home("plm").resolve("inbound/products-again.csv"), n, true);
                writeBoms(sftp.home("plm").resolve("inbound/boms-again.csv"), boms, true);
                run(jobs, odoo, n + boms, "no-change re-run", "2026-11-24");
            }
        }
    }

    /**
     * Against a real Odoo ({@code --odoo URL DATABASE LOGIN API_KEY_FILE [N] [stability interval] [rounds]}; N 5,000,
     * the production interval PT5S and 2 rounds by default). A warm-up first (a bare load and a job run of N/10 products,
     * not measured: a long-running PlantSync is warm). Then bare, job, bare, job, ..., bare: each job's first load of N
     * new products from the drop (codes {@code C20-<time>-P<round>-...}, weights of three decimals) over the mean of
     * the bare batched {@code load}s of the same records just before and after it (the job's columns, external ids and
     * chunk of 500, nothing else; other codes, so all are creates); the job's steps. Then the last round's records again
     * in a new file (other order): the products Odoo shows written since that re-run started (by write_date), which
     * must be 0. Creates records in that Odoo; deletes nothing.
     */
    private static void realOdoo(String[] args) throws Exception {
        String url = args[1];
        String database = args[2];
        String login = args[3];
        Path keyFile = Path.of(args[4]);
        int n = args.length > 5 ? Integer.parseInt(args[5]) : 5_000;
        String stability = args.length > 6 ? args[6] : "PT5S";
        int rounds = args.length > 7 ? Integer.parseInt(args[7]) : 2;
        double wait = java.time.Duration.parse(stability).toMillis() / 1000.0;
        String stamp = "C20-" + System.currentTimeMillis() / 1000;
        Path temp = Files.createTempDirectory("masterdata-real");
        try (EmbeddedSftpServer sftp = EmbeddedSftpServer.start(Files.createDirectories(temp.resolve("sftp")))) {
            sftp.writePartners(temp, "plm", "PLM", "PLM");
            try (ConfigurableApplicationContext app = BenchApplication.start(url, database, login, keyFile, temp,
                    stability)) {
                JobControl jobs = app.getBean(JobControl.class);
                OdooClient odoo = app.getBean(OdooClient.class);
                org.springframework.jdbc.core.JdbcTemplate db = app.getBean(
                        org.springframework.jdbc.core.JdbcTemplate.class);
                int units = odoo.search("uom.uom", Domain.eq("name", "Units"), "id", 1, Map.of()).get(0);
                int goods = odoo.search("product.category", Domain.eq("complete_name", "Goods"), "id", 1, Map.of())
                        .get(0);
                System.out.printf("Odoo %s (%s), %d products, stability interval %s, %d round(s), prefix %s%n", url,
                        odoo.majorVersion(), n, stability, rounds, stamp);
                // -Dbench.droppedBefore=PT1H: the file was dropped an hour before the run, so it has settled and the
                // pickup needs no stability wait; the default PT0S drops it just before the run (the worst case)
                Duration droppedBefore = Duration.parse(System.getProperty("bench.droppedBefore", "PT0S"));
                System.out.printf("files dropped %s before each run%n", droppedBefore);
                double waited = droppedBefore.isZero() ? wait : 0; // a settled file is taken without the wait
                int[] day = {0};
                java.util.function.BiFunction<String, Integer, Object[]> job = (prefix, count) -> {
                    try {
                        Path file = sftp.home("plm").resolve("inbound/products-" + prefix + ".csv");
                        writeProducts(file, count, false, prefix + "-", "Goods");
                        if (!droppedBefore.isZero()) { // the export landed that long before the run (as a nightly's)
                            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(
                                    java.time.Instant.now().minus(droppedBefore)));
                        }
                        long start = System.nanoTime();
                        ExecutionSummary run = jobs.launch("master-data-sync", Map.of("businessDate",
                                java.time.LocalDate.of(2026, 12, 1).plusDays(day[0]++).toString()),
                                new Actor("bench", "bench"));
                        return new Object[] {run, (System.nanoTime() - start) / 1e9};
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
                bareLoad(odoo, stamp + "-WB", n / 10, units, goods);
                job.apply(stamp + "-WP", n / 10);
                double before = bareLoad(odoo, stamp + "-B0", n, units, goods);
                double jobTotal = 0;
                double bares = 0;
                for (int r = 1; r <= rounds; r++) {
                    Map<String, double[]> odooBefore = odooCalls(app);
                    Object[] first = job.apply(stamp + "-P" + r, n);
                    Map<String, double[]> odooAfter = odooCalls(app);
                    ExecutionSummary run = (ExecutionSummary) first[0];
                    double seconds = (Double) first[1];
                    double after = bareLoad(odoo, stamp + "-B" + r, n, units, goods);
                    double bare = (before + after) / 2;
                    System.out.printf("round %d first load: %s %s%n  PlantSync job %.1f s; bare batched load %.1f s "
                            + "before, %.1f s after (mean %.1f s); ratio %.3f (%.3f without the one stability wait)%n",
                            r, run.status(), run.exitDescription(), seconds, before, after, bare, seconds / bare,
                            (seconds - waited) / bare);
                    steps(db, run.id());
                    printCalls(odooBefore, odooAfter);
                    jobTotal += seconds;
                    bares += bare;
                    before = after;
                }
                System.out.printf("all rounds: PlantSync %.1f s / bare %.1f s = %.3f (%.3f without the stability "
                        + "waits)%n", jobTotal, bares, jobTotal / bares, (jobTotal - rounds * waited) / bares);

                Thread.sleep(1100); // write_date is to the second
                String since = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).format(
                        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
                String prefix = stamp + "-P" + rounds + "-";
                Path again = sftp.home("plm").resolve("inbound/products-again.csv");
                writeProducts(again, n, true, prefix, "Goods");
                if (!droppedBefore.isZero()) { // dropped as long before as the rounds' files: the same pickup
                    Files.setLastModifiedTime(again, java.nio.file.attribute.FileTime.from(
                            java.time.Instant.now().minus(droppedBefore)));
                }
                long start = System.nanoTime();
                ExecutionSummary rerunSummary = jobs.launch("master-data-sync", Map.of("businessDate",
                        java.time.LocalDate.of(2026, 12, 1).plusDays(day[0]++).toString()), new Actor("bench", "bench"));
                double rerun = (System.nanoTime() - start) / 1e9;
                Map<String, Object> all = Map.of("active_test", false);
                int products = odoo.searchCount("product.product", Domain.like("default_code", prefix + "%"), all);
                int written = odoo.searchCount("product.product", Domain.and(Domain.like("default_code", prefix + "%"),
                        Domain.ge("write_date", since)), all);
                int templates = odoo.searchCount("product.template", Domain.and(Domain.like("default_code",
                        prefix + "%"), Domain.ge("write_date", since)), all);
                System.out.printf("no-change re-run: %s %s in %.1f s%n  of the %d products %s*, written since %s UTC: "
                        + "%d products, %d templates%n", rerunSummary.status(), rerunSummary.exitDescription(), rerun,
                        products, prefix, since, written, templates);
                steps(db, rerunSummary.id());
            }
        }
    }

    /** The same products as the job loads (its columns, external ids, chunk of 500), nothing else. */
    private static double bareLoad(OdooClient odoo, String prefix, int n, int units, int category) {
        List<String> fields = List.of("id", "default_code", "name", "type", "is_storable", "uom_id/.id",
                "categ_id/.id", "weight", "active", "tracking", "standard_price");
        long start = System.nanoTime();
        for (int from = 1; from <= n; from += 500) {
            List<List<String>> rows = new java.util.ArrayList<>();
            for (int i = from; i < Math.min(n + 1, from + 500); i++) {
                String code = prefix + "-" + String.format("%07d", i);
                rows.add(List.of("plantsync_bench." + code.toLowerCase().replace('-', '_'), code, "Part " + i, "consu",
                        "1", String.valueOf(units), String.valueOf(category), (i % 10) + ".245", "1", "none",
                        (i % 500) + ".5"));
            }
            LoadResult result = odoo.load("product.product", fields, rows, Map.of());
            if (!result.saved()) {
                throw new IllegalStateException("bare load refused: " + result.messages());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Odoo calls PlantSync made so far (its client's timers), by model.method: count and seconds. */
    static Map<String, double[]> odooCalls(ConfigurableApplicationContext app) {
        Map<String, double[]> calls = new java.util.TreeMap<>();
        app.getBean(io.micrometer.core.instrument.MeterRegistry.class).find("plantsync.odoo.calls").timers()
                .forEach(t -> calls.merge(t.getId().getTag("model") + "." + t.getId().getTag("method"),
                        new double[] {t.count(), t.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) / 1e9},
                        (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]}));
        return calls;
    }

    /** The job's Odoo calls (count, seconds waited on Odoo) and their total. */
    static void printCalls(Map<String, double[]> before, Map<String, double[]> after) {
        double total = 0;
        StringBuilder line = new StringBuilder();
        for (Map.Entry<String, double[]> e : after.entrySet()) {
            double[] b = before.getOrDefault(e.getKey(), new double[2]);
            double count = e.getValue()[0] - b[0];
            double seconds = e.getValue()[1] - b[1];
            if (count > 0) {
                total += seconds;
                line.append(String.format(" %s %d/%.1fs", e.getKey(), (long) count, seconds));
            }
        }
        System.out.printf("    Odoo calls (count/seconds waited): %.1f s in all:%s%n", total, line);
    }

    private static void steps(org.springframework.jdbc.core.JdbcTemplate db, long execution) {
        db.query("""
                SELECT step_name, extract(epoch FROM end_time - start_time) FROM batch_step_execution
                 WHERE job_execution_id = ? AND extract(epoch FROM end_time - start_time) >= 0.05 ORDER BY step_execution_id""",
                rs -> {
                    System.out.printf("    %-22s %6.2f s%n", rs.getString(1), rs.getDouble(2));
                }, execution);
    }

    private static void run(JobControl jobs, SimulatorProcess odoo, int n, String what, String day) throws Exception {
        odoo.resetCalls();
        long start = System.nanoTime();
        try (HeapSampler heap = new HeapSampler()) {
            ExecutionSummary run = jobs.launch("master-data-sync", Map.of("businessDate", day),
                    new Actor("bench", "bench"));
            double seconds = (System.nanoTime() - start) / 1e9;
            String calls = odoo.calls();
            int total = Integer.parseInt(calls.substring(0, calls.indexOf(' ')));
            System.out.printf("%s: %s %s%n  %d records in %.1f s (%.0f records/s); %d Odoo calls (%.2f per 1,000 "
                    + "records); peak heap %d MB%n  calls: %s%n", what, run.status(), run.exitDescription(), n, seconds,
                    n / seconds, total, total * 1000.0 / n, heap.peakMb(), calls.substring(calls.indexOf(' ') + 1));
        }
    }

    /**
     * B BOMs for the first B products, each of three components further down the list and one operation; {@code
     * reversed}: the same BOMs bottom-up with their lines in another order.
     */
    private static void writeBoms(Path file, int b, boolean reversed) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("product,bom_qty,type,component,quantity,uom,operation,workcenter,minutes\n");
            for (int k = 1; k <= b; k++) {
                int i = reversed ? b + 1 - k : k;
                String product = String.format("PS-M%07d", i);
                for (int c = reversed ? 3 : 1; reversed ? c >= 1 : c <= 3; c += reversed ? -1 : 1) {
                    out.write(String.format("%s,1,normal,PS-M%07d,%d,Units,,,%n", product, i + c * b, c));
                }
                out.write(product + ",,,,,,Assembly,Assembly,15\n");
            }
        }
    }

    /** N products; {@code reversed}: the same records bottom-up, so the file differs but the data does not. */
    private static void writeProducts(Path file, int n, boolean reversed) throws Exception {
        writeProducts(file, n, reversed, "PS-M", "All / Components");
    }

    /** The same with codes {@code prefix0000001...} in a category of the target Odoo; weights of three decimals. */
    private static void writeProducts(Path file, int n, boolean reversed, String prefix, String category)
            throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("default_code,name,type,uom,category,weight,barcode,active,tracking,standard_price\n");
            for (int k = 1; k <= n; k++) {
                int i = reversed ? n + 1 - k : k;
                out.write(String.format("%s%07d,Part %d,storable,Units,%s,%d.245,,true,none,%d.50%n", prefix, i,
                        i, category, i % 10, i % 500));
            }
        }
    }
}
