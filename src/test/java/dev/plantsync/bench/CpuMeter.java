package dev.plantsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU seconds spent over a span by PlantSync (this JVM), the Odoo simulator's process and every PostgreSQL process,
 * read from {@code /proc} (Linux; elsewhere it reports nothing). On a machine of two vCPUs the three compete, so where
 * the CPU went explains an elapsed time better than the elapsed time itself.
 */
final class CpuMeter {

    /** Linux's USER_HZ: /proc counts CPU time in ticks of 10 ms. */
    private static final double TICK = 0.01;

    private final long simulatorPid;
    private final String odooLabel;
    private final double[] start;
    private final long startNanos = System.nanoTime();

    CpuMeter(long simulatorPid) {
        this(simulatorPid, "odoo simulator");
    }

    /** {@code odooLabel}: what the process of {@code odooPid} is ("odoo 19" for a real server's). */
    CpuMeter(long odooPid, String odooLabel) {
        this.simulatorPid = odooPid;
        this.odooLabel = odooLabel;
        this.start = sample();
    }

    /** "CPU over N s: plantsync A s, odoo B s, postgresql C s". */
    String report() {
        double[] now = sample();
        return String.format("CPU over %.2f s: plantsync %.1f s, %s %.1f s, postgresql %.1f s",
                (System.nanoTime() - startNanos) / 1e9, now[0] - start[0], odooLabel, now[1] - start[1],
                now[2] - start[2]);
    }

    private double[] sample() {
        double postgres = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) processes::iterator) {
                String name = p.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit) && "postgres".equals(comm(p))) {
                    postgres += cpu(p);
                }
            }
        } catch (IOException e) {
            return new double[3];
        }
        return new double[] {cpu(Path.of("/proc/self")), cpu(Path.of("/proc/" + simulatorPid)), postgres};
    }

    private static String comm(Path process) {
        try {
            return Files.readString(process.resolve("comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** utime + stime, fields 14 and 15 of /proc/PID/stat (after the parenthesised command name). */
    private static double cpu(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
