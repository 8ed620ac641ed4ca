package dev.plantsync.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooRecord;
import dev.plantsync.odoo.OdooTarget;
import dev.plantsync.odoo.OdooTransport;
import dev.plantsync.odoo.sim.OdooSimulator;

/**
 * Round trips are the cost that matters: 10,000 creates one call each against batches of 500, and a paged read of
 * 200,000 records, with 5 ms of latency on every call. Run by {@code ops/bench/odoo-connector.sh}.
 */
public final class OdooConnectorBench {

    private OdooConnectorBench() {
    }

    public static void main(String[] args) {
        int creates = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int reads = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        OdooTransport.Transport transport = args.length > 2 ? OdooTransport.Transport.valueOf(args[2])
                : OdooTransport.Transport.JSON2;
        try (OdooSimulator sim = OdooSimulator.start(19)) {
            OdooClient odoo = new OdooTarget(19, transport).connect(sim);
            sim.faults().latency(Duration.ofMillis(5));
            System.out.printf("Odoo simulator 19, transport %s, 5 ms latency per call%n", transport);

            sim.resetCalls();
            long t0 = System.nanoTime();
            for (int i = 0; i < creates; i++) {
                odoo.create("res.partner", List.of(partner("one-" + i)), Map.of());
            }
            report("create one per call", creates, sim.totalCalls(), System.nanoTime() - t0);

            sim.resetCalls();
            t0 = System.nanoTime();
            for (int from = 0; from < creates; from += 500) {
                List<Map<String, Object>> batch = new ArrayList<>(500);
                for (int i = from; i < Math.min(creates, from + 500); i++) {
                    batch.add(partner("batch-" + i));
                }
                odoo.create("res.partner", batch, Map.of());
            }
            report("create in batches of 500", creates, sim.totalCalls(), System.nanoTime() - t0);

            List<Map<String, Object>> bulk = new ArrayList<>();
            for (int i = 0; i < reads; i++) {
                bulk.add(partner("read-" + i));
                if (bulk.size() == 10_000) {
                    sim.create("res.partner", bulk);
                    bulk = new ArrayList<>();
                }
            }
            sim.create("res.partner", bulk);
            long baseline = HeapSampler.usedAfterGc();
            sim.resetCalls();
            long count;
            t0 = System.nanoTime();
            try (HeapSampler heap = new HeapSampler();
                    Stream<OdooRecord> all = odoo.searchReadAll("res.partner", Domain.like("ref", "read-%"),
                            List.of("name", "ref", "email"), Map.of())) {
                count = all.count();
                long elapsed = System.nanoTime() - t0;
                report("searchReadAll, pages of " + odoo.pageSize(), count, sim.totalCalls(), elapsed);
                System.out.printf("  heap: %d MB used after GC before the read (simulator data included), peak %d MB "
                        + "during it%n", baseline / (1024 * 1024), heap.peakMb());
            }
        }
    }

    private static Map<String, Object> partner(String ref) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", "Vendor " + ref);
        p.put("ref", ref);
        p.put("email", ref + "@example.com");
        return p;
    }

    private static void report(String what, long records, int calls, long nanos) {
        double seconds = nanos / 1e9;
        System.out.printf("%-34s %,9d records %,7d calls %8.2f s %,10.0f records/s%n", what, records, calls, seconds,
                records / seconds);
    }
}
