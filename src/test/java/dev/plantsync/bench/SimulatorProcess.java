package dev.plantsync.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.plantsync.odoo.sim.DemoCompany;
import dev.plantsync.odoo.sim.ManufacturingVolume;
import dev.plantsync.odoo.sim.OdooSimulator;

/**
 * The Odoo simulator with a large generated company in a JVM of its own, so a benchmark's peak heap is PlantSync's
 * alone (the simulator holds every record in memory) and the two do not share one garbage collector. The parent talks
 * to it over the child's stdin/stdout: {@code latency MS}, {@code reset}, {@code calls}, then end of input.
 */
final class SimulatorProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    final String url;
    /** The id of the first generated product, PS-B0000001 (ids are consecutive). */
    final int firstProductId;

    private SimulatorProcess(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String[] ready = expect("READY ").split(" ");
        this.url = ready[0];
        this.firstProductId = Integer.parseInt(ready[1]);
    }

    /**
     * Starts Odoo {@code version} with {@code products} generated products and quants (see DemoCompany.generateLarge),
     * or with the demo company when {@code products} is 0.
     */
    static SimulatorProcess start(int version, int products, String heap) throws IOException {
        return start(version, products, heap, "quants");
    }

    /**
     * {@code what}: quants (one per product), boms (see DemoCompany.generateBoms: 4 lines per product, 8 levels) or
     * manufacturing ({@code products} confirmed MOs of 10 Drawers on flow 08's records, see ManufacturingVolume).
     */
    static SimulatorProcess start(int version, int products, String heap, String what) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xms" + heap, "-Xmx" + heap, "-XX:+UseParallelGC",
                "-cp", System.getProperty("java.class.path"), SimulatorProcess.class.getName(),
                String.valueOf(version), String.valueOf(products), what));
        return new SimulatorProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    long pid() {
        return process.pid();
    }

    void latency(Duration latency) throws IOException {
        in.println("latency " + latency.toMillis());
        expect("OK");
    }

    void resetCalls() throws IOException {
        in.println("reset");
        expect("OK");
    }

    /** "total {model.method=n, ...}" */
    String calls() throws IOException {
        in.println("calls");
        return expect("CALLS ");
    }

    private String expect(String prefix) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
        throw new IOException("the simulator process ended before answering " + prefix.strip());
    }

    @Override
    public void close() throws InterruptedException {
        in.close();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** The child: serve until the parent closes our stdin. */
    public static void main(String[] args) throws IOException {
        int version = Integer.parseInt(args[0]);
        int products = Integer.parseInt(args[1]);
        String what = args.length > 2 ? args[2] : "quants";
        long start = System.nanoTime();
        try (OdooSimulator odoo = what.equals("manufacturing") ? ManufacturingVolume.start(version, products, 10.0)
                : OdooSimulator.start(version)) {
            Object first = 0;
            if (what.equals("manufacturing")) {
                // seeded as it started
            } else if (products == 0) {
                DemoCompany.seed(odoo); // the demo company alone: categories, units, 38 products
            } else if (what.equals("boms")) {
                DemoCompany.generateBoms(odoo, products, products * 4, 8);
                first = odoo.searchRead("product.product", List.of(List.of("default_code", "=", "PS-M0000000")),
                        List.of("id")).get(0).get("id");
            } else {
                DemoCompany.generateLarge(odoo, products, 1);
                first = odoo.searchRead("product.product", List.of(List.of("default_code", "=", "PS-B0000001")),
                        List.of("id")).get(0).get("id");
            }
            System.err.printf("simulator process: %d %s seeded in %.1f s%n", products,
                    what.equals("manufacturing") ? "manufacturing orders" : "products and " + what,
                    (System.nanoTime() - start) / 1e9);
            // Seeding promotes gigabytes into the old generation; collected here, once, rather than in full
            // collections of 5 to 14 s in the middle of the measured job (real Odoo has no such pauses).
            System.gc();
            System.out.println("READY " + odoo.url() + " " + first);
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = commands.readLine(); line != null; line = commands.readLine()) {
                String[] words = line.strip().split(" ");
                switch (words[0]) {
                    case "latency" -> {
                        odoo.faults().latency(Duration.ofMillis(Long.parseLong(words[1])));
                        System.out.println("OK");
                    }
                    case "reset" -> {
                        odoo.resetCalls();
                        System.out.println("OK");
                    }
                    case "calls" -> System.out.println("CALLS " + odoo.totalCalls() + " " + odoo.calls());
                    default -> System.out.println("ERROR unknown command " + words[0]);
                }
            }
        }
    }
}
