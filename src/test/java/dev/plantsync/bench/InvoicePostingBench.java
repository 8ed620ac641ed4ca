package dev.plantsync.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.sim.DemoCompany;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.operations.ExecutionSummary;
import dev.plantsync.operations.JobControl;
import dev.plantsync.platform.Actor;
import dev.plantsync.sftp.EmbeddedSftpServer;
import dev.plantsync.support.InvoiceVolume;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The supplier invoice job on 1,000 invoices of 5 lines (one X12 file on the embedded SFTP server, 100 POs in the
 * simulator, 5 ms latency per Odoo call): invoices/s end to end, Odoo calls per invoice line, peak heap.
 * Run by {@code ops/bench/invoice-posting.sh}.
 */
public final class InvoicePostingBench {

    private InvoicePostingBench() {
    }

    public static void main(String[] args) throws Exception {
        int invoices = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int linesPer = 5;
        Path temp = Files.createTempDirectory("invoice-bench");
        try (OdooSimulator odoo = OdooSimulator.start(19);
                EmbeddedSftpServer sftp = EmbeddedSftpServer.start(Files.createDirectories(temp.resolve("sftp")))) {
            DemoCompany.Ids demo = DemoCompany.seed(odoo);
            int orders = Math.max(1, invoices / 10);
            InvoiceVolume.orders(odoo, demo, orders, linesPer);
            sftp.writePartners(temp, "acme", "ACMEFAST", "ACME");
            Files.writeString(sftp.home("acme").resolve("inbound/bench.edi"), InvoiceVolume.x12("BENCH", invoices, linesPer, orders));

            try (ConfigurableApplicationContext app = BenchApplication.start(odoo.url(), temp)) {
                JobControl jobs = app.getBean(JobControl.class);
                odoo.faults().latency(Duration.ofMillis(5));
                odoo.resetCalls();
                long start = System.nanoTime();
                ExecutionSummary run;
                try (HeapSampler heap = new HeapSampler()) {
                    run = jobs.launch("supplier-invoice-posting", Map.of("businessDate", "2026-11-23"),
                            new Actor("bench", "bench"));
                    double seconds = (System.nanoTime() - start) / 1e9;
                    int calls = odoo.totalCalls();
                    System.out.printf("%s %s: %d invoices x %d lines in %.2f s = %.0f invoices/s; %d Odoo calls = "
                            + "%.3f per invoice, %.4f per line; peak heap %d MB%n", run.status(), run.exitDescription(),
                            invoices, linesPer, seconds, invoices / seconds, calls, (double) calls / invoices,
                            (double) calls / (invoices * linesPer), heap.peakMb());
                    System.out.println("calls by model.method: " + odoo.calls());
                }
            }
        }
    }
}
