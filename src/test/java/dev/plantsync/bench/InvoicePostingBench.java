package dev.plantsync.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.sim.DemoCompany;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.operations.ExecutionSummary;
import dev.plantsync.operations.JobControl;
import dev.plantsync.platform.Actor;
import dev.plantsync.sftp.EmbeddedSftpServer;
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
            for (int o = 0; o < orders; o++) {
                List<Object> lines = new ArrayList<>();
                for (int l = 1; l <= linesPer; l++) {
                    lines.add(List.of(0, 0, Map.of("product_id", demo.product(String.format("PS-R%03d", l)),
                            "product_qty", 1000.0, "qty_received", 1000.0, "price_unit", 1.0, "product_uom_id", 1)));
                }
                odoo.create("purchase.order", Map.of("partner_id", demo.acme(), "name", "PO-B" + o, "state", "purchase",
                        "order_line", lines));
            }
            sftp.writePartners(temp, "acme", "ACMEFAST", "ACME");
            Files.writeString(sftp.home("acme").resolve("inbound/bench.edi"), x12(invoices, linesPer, orders));

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

    private static String x12(int invoices, int linesPer, int orders) {
        StringBuilder s = new StringBuilder();
        s.append("ISA*00*          *00*          *ZZ*ACMEFAST       *ZZ*PLANTSYNC      *261123*1200*U*00401*000009001*0*P*>~\n");
        s.append("GS*IN*ACMEFAST*PLANTSYNC*20261123*1200*9001*X*004010~\n");
        for (int i = 1; i <= invoices; i++) {
            List<String> seg = new ArrayList<>();
            seg.add("ST*810*" + String.format("%04d", i));
            seg.add("BIG*20261123*BENCH-" + i + "**PO-B" + (i % orders));
            for (int l = 1; l <= linesPer; l++) {
                seg.add("IT1*" + l + "*1*EA*1**BP*" + String.format("PS-R%03d", l) + "*PL*" + l);
            }
            seg.add("TDS*" + (linesPer * 100));
            seg.add("CTT*" + linesPer);
            seg.add("SE*" + (seg.size() + 1) + "*" + String.format("%04d", i));
            seg.forEach(x -> s.append(x).append("~\n"));
        }
        s.append("GE*").append(invoices).append("*9001~\nIEA*1*000009001~\n");
        return s.toString();
    }
}
