package dev.plantsync.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.plantsync.operations.ExecutionSummary;
import dev.plantsync.operations.JobControl;
import dev.plantsync.platform.Actor;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * cost-rollup on N products with 4N BOM lines, 8 levels deep (simulator in its own JVM at 5 ms per call): the first
 * roll-up writes every changed cost (the approval thresholds are lifted so the write path is measured), then the same
 * night again, which must write nothing. Prints elapsed time, Odoo calls by method and PlantSync's peak heap.
 * Run by {@code ops/bench/cost-rollup.sh [N] [heap]}.
 */
public final class CostRollupBench {

    private CostRollupBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        Path temp = Files.createTempDirectory("costing-bench");
        System.setProperty("plantsync.costing.variance-percent", "1000000");
        System.setProperty("plantsync.costing.revaluation-amount", "1000000000");
        try (SimulatorProcess odoo = SimulatorProcess.start(19, n, args.length > 1 ? args[1] : "4g", "boms")) {
            Files.writeString(temp.resolve("partners.yml"), "partners: []\n");
            try (ConfigurableApplicationContext app = BenchApplication.start(odoo.url, temp)) {
                JobControl jobs = app.getBean(JobControl.class);
                odoo.latency(Duration.ofMillis(5));
                run(jobs, odoo, n, "first roll-up", "2026-11-23");
                run(jobs, odoo, n, "no-change re-run", "2026-11-24");
            }
        }
    }

    private static void run(JobControl jobs, SimulatorProcess odoo, int n, String what, String day) throws Exception {
        odoo.resetCalls();
        long start = System.nanoTime();
        try (HeapSampler heap = new HeapSampler()) {
            ExecutionSummary run = jobs.launch("cost-rollup", Map.of("businessDate", day), new Actor("bench", "bench"));
            double seconds = (System.nanoTime() - start) / 1e9;
            String calls = odoo.calls();
            System.out.printf("%s: %s %s%n  %d products, %d BOM lines in %.1f s; %s Odoo calls; peak heap %d MB%n",
                    what, run.status(), run.exitDescription(), n, n * 4, seconds, calls, heap.peakMb());
        }
    }
}
