package dev.plantsync.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The packaged jar ({@code target/plantsync.jar}, built by {@code package} before failsafe runs) as separate
 * processes on one database: server nodes, and one-shot commands as an operator or a script would run them. Each
 * process logs to its own file under {@code logs}; every process started is killed on {@link #close()}.
 */
public final class JarProcesses implements AutoCloseable {

    /** How a command ended: its exit code and what it printed (stdout and stderr together). */
    public record Ended(int exitCode, String output) {
    }

    private static final Path JAR = Path.of("target", "plantsync.jar");

    private final Path logs;
    private final List<String> settings;
    private final List<Process> started = new ArrayList<>();

    /** {@code settings}: {@code -Dkey=value} for every process (database, Odoo, SFTP, users, intervals). */
    public JarProcesses(Path logs, List<String> settings) throws IOException {
        this.logs = Files.createDirectories(logs);
        this.settings = List.copyOf(settings);
    }

    /** A server node ({@code plantsync server}) on {@code port}; see {@link #awaitHealthy(int)}. */
    public Process server(String name, int port) throws IOException {
        return start("node-" + name, List.of("-Dserver.port=" + port), List.of("server"));
    }

    /** Runs {@code plantsync <arguments>} to its end (at most {@code timeoutSeconds}). */
    public Ended command(String name, long timeoutSeconds, String... arguments) throws Exception {
        Process process = start("cli-" + name, List.of("-XX:TieredStopAtLevel=1"),
                List.of(arguments));
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("plantsync " + String.join(" ", arguments) + " still running after "
                    + timeoutSeconds + "s; its log: " + log("cli-" + name).toAbsolutePath());
        }
        return new Ended(process.exitValue(), Files.readString(log("cli-" + name)));
    }

    /**
     * Starts {@code plantsync <arguments>} as {@link #command} does, without waiting for it: for a test that
     * interrupts it (e.g. {@link Process#destroyForcibly()}, SIGKILL on Linux). Its log is {@code log("cli-" + name)}.
     */
    public Process launch(String name, String... arguments) throws IOException {
        return start("cli-" + name, List.of("-XX:TieredStopAtLevel=1"), List.of(arguments));
    }

    private Process start(String name, List<String> jvm, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-XX:+UseParallelGC", "-Dlogging.level.root=WARN",
                "-Dlogging.level.dev.plantsync=INFO"));
        command.addAll(jvm);
        command.addAll(settings);
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(name).toFile())
                .start();
        synchronized (started) {
            started.add(process);
        }
        return process;
    }

    public Path log(String name) {
        return logs.resolve(name + ".log");
    }

    /** Waits until the node on {@code port} answers its health check. */
    public void awaitHealthy(int port) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        await(java.time.Duration.ofSeconds(300), "the node on port " + port + " healthy", () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} and where the logs are. */
    public void await(java.time.Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not reached within " + timeout + "; logs in "
                        + logs.toAbsolutePath());
            }
            Thread.sleep(100);
        }
    }

    /**
     * The settings every node of these tests starts with: its own database, the simulated Odoo as admin (key in
     * {@code dir/odoo.key}), the partner registry, data and schedule directories below {@code dir}, a short
     * stability wait; then {@code more}.
     */
    public static List<String> nodeSettings(TestDatabases.FreshDatabase db, Object odooUrl, Path partners,
            Path schedules, Path dir, String... more) throws IOException {
        Files.writeString(dir.resolve("odoo.key"), dev.plantsync.odoo.sim.SimUsers.ADMIN_API_KEY);
        List<String> settings = new ArrayList<>();
        for (String p : db.properties()) {
            settings.add("-D" + p);
        }
        settings.addAll(List.of("-Dplantsync.odoo.url=" + odooUrl,
                "-Dplantsync.odoo.database=" + dev.plantsync.odoo.sim.OdooSimulator.DATABASE,
                "-Dplantsync.odoo.login=" + dev.plantsync.odoo.sim.SimUsers.ADMIN_LOGIN,
                "-Dplantsync.odoo.api-key-file=" + dir.resolve("odoo.key"),
                "-Dplantsync.sftp.partners-file=" + partners,
                "-Dplantsync.sftp.data-dir=" + dir.resolve("data"),
                "-Dplantsync.sftp.stability-interval=PT0.1S",
                "-Dplantsync.schedules.dir=" + schedules));
        settings.addAll(List.of(more));
        return settings;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        synchronized (started) {
            started.forEach(Process::destroyForcibly);
        }
    }
}
