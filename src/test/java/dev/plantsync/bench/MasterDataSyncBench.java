package dev.plantsync.bench;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("default_code,name,type,uom,category,weight,barcode,active,tracking,standard_price\n");
            for (int k = 1; k <= n; k++) {
                int i = reversed ? n + 1 - k : k;
                out.write(String.format("PS-M%07d,Part %d,storable,Units,All / Components,%d.25,,true,none,%d.50%n", i,
                        i, i % 10, i % 500));
            }
        }
    }
}
