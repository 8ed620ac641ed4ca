package dev.plantsync.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import dev.plantsync.odoo.sim.DemoCompany;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.sftp.EmbeddedSftpServer;
import dev.plantsync.support.ApiClient;
import dev.plantsync.support.InvoiceVolume;
import dev.plantsync.support.JarProcesses;
import dev.plantsync.support.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The packaged jar as two server nodes on one database (a Quartz cluster), the Odoo simulator and the partners' SFTP
 * server in this JVM. Node A runs the supplier invoice job over 200 invoices and is interrupted: killed with SIGKILL
 * in the middle of a chunk (node B sees A's heartbeat stop, marks the run failed and restarts it from the last
 * committed chunk), or told to stop with SIGTERM (A ends its chunk and stops the run; B restarts it). Either way B
 * completes the run: every invoice is one posted bill in Odoo, none twice.
 */
class NodeCrashRecoveryIT {

    private static final int INVOICES = 200;
    private static final Path LOGS = Path.of("target", "node-crash-recovery");

    private final List<Process> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(Process::destroyForcibly);
    }

    @Test
    void aNodeKilledMidChunkIsRecoveredByTheOtherAndEveryInvoiceIsPostedOnce() throws Exception {
        interruptNodeARunningTheInvoiceJob(true, (sql, b) -> {
            assertThat(executions(sql)).as("A's run failed, B's restart completed").hasSize(2)
                    .satisfies(l -> assertThat(l.get(0)).isEqualTo("FAILED"))
                    .satisfies(l -> assertThat(l.get(1)).isEqualTo("COMPLETED"));
            assertThat(rows(sql, """
                    SELECT n.pid || ' ' || a.outcome FROM audit_event a
                      JOIN plantsync_node n ON a.actor = 'recovery@' || n.node_id WHERE a.action = 'RECOVER'"""))
                    .containsExactly(b.pid() + " FAILED");
        });
    }

    @Test
    void aNodeToldToStopEndsItsChunkAndTheOtherRestartsTheRun() throws Exception {
        interruptNodeARunningTheInvoiceJob(false, (sql, b) -> {
            assertThat(executions(sql)).as("A's run stopped at a chunk boundary, B's restart completed").hasSize(2)
                    .satisfies(l -> assertThat(l.get(0)).isEqualTo("STOPPED"))
                    .satisfies(l -> assertThat(l.get(1)).isEqualTo("COMPLETED"));
            assertThat(rows(sql, "SELECT action || ' ' || split_part(actor, '@', 1) FROM audit_event"
                    + " WHERE action IN ('STOP', 'RECOVER', 'RESTART') ORDER BY id"))
                    .containsExactly("STOP shutdown", "RESTART recovery");
        });
    }

    /** What is checked once B completed the run: against B's database connection, with B's process. */
    private interface Afterwards {
        void check(Connection sql, Process b) throws Exception;
    }

    /**
     * Two nodes, 200 invoices on the drop; A runs the job and is interrupted (SIGKILL, or SIGTERM) once 40 bills are in
     * Odoo; B must complete the run, every invoice one posted bill.
     */
    private void interruptNodeARunningTheInvoiceJob(boolean kill, Afterwards afterwards) throws Exception {
        Path temp = Files.createTempDirectory("node-crash");
        Files.createDirectories(LOGS);
        try (OdooSimulator odoo = OdooSimulator.start(19);
                EmbeddedSftpServer sftp = EmbeddedSftpServer.start(Files.createDirectories(temp.resolve("sftp")))) {
            DemoCompany.Ids demo = DemoCompany.seed(odoo);
            InvoiceVolume.orders(odoo, demo, 20, 2);
            Path partners = sftp.writePartners(temp, "acme", "ACMEFAST", "ACME");
            Files.writeString(sftp.home("acme").resolve("inbound/crash.edi"), InvoiceVolume.x12("CRASH", INVOICES, 2,
                    20));
            TestDatabases.FreshDatabase db = TestDatabases.create();
            List<String> common = JarProcesses.nodeSettings(db, odoo.url(), partners,
                    Files.createDirectories(temp.resolve("schedules")), temp,
                    "-Dplantsync.invoices.chunk-size=10",
                    "-Dplantsync.recovery.heartbeat-interval=PT1S", "-Dplantsync.recovery.check-interval=PT1S",
                    "-Dplantsync.recovery.dead-after=PT5S",
                    "-Dplantsync.security.users[0].name=otto",
                    "-Dplantsync.security.users[0].password={bcrypt}" + new BCryptPasswordEncoder(4).encode("otto-secret"),
                    "-Dplantsync.security.users[0].roles[0]=OPERATOR");
            String run = kill ? "killed" : "stopped";
            int portA = freePort();
            int portB = freePort();
            Process a = node(run + "-a", portA, common);
            Process b = node(run + "-b", portB, common);
            awaitHealthy(portA);
            awaitHealthy(portB);
            odoo.faults().latency(Duration.ofMillis(40)); // a chunk of 10 bills takes long enough to be caught in

            HttpResponse<String> launched = new ApiClient(portA).post("otto",
                    "/api/jobs/supplier-invoice-posting/launch", "{\"businessDate\":\"2026-11-23\"}");
            assertThat(launched.statusCode()).as(launched.body()).isEqualTo(202);
            await(Duration.ofSeconds(120), () -> bills(odoo).size() >= 40);
            if (kill) {
                a.destroyForcibly(); // SIGKILL: no shutdown hook, no chunk boundary
            } else {
                a.destroy(); // SIGTERM: the node finishes its chunk, then exits
            }
            assertThat(a.waitFor(150, TimeUnit.SECONDS)).as("node A exited").isTrue();
            int postedBefore = bills(odoo).size();
            assertThat(postedBefore).as("interrupted mid-run").isLessThan(INVOICES);

            try (Connection sql = DriverManager.getConnection(db.url(), db.user(), null)) {
                long committedByA = Long.parseLong(rows(sql, "SELECT coalesce(sum(write_count), 0) FROM "
                        + "batch_step_execution WHERE job_execution_id = 1 AND step_name = 'post-bills'").get(0));
                System.out.printf("%s node A (pid %d) with %d bills in Odoo, %d committed%n", run, a.pid(),
                        postedBefore, committedByA);
                await(Duration.ofSeconds(180), () -> "COMPLETED".equals(lastStatus(sql)));
                afterwards.check(sql, b);
                assertThat(rows(sql, "SELECT count(*) FROM odoo_write WHERE model = 'account.move'"
                        + " AND state = 'CONFIRMED'")).containsExactly(String.valueOf(INVOICES));
            }
            Map<String, Long> perInvoice = bills(odoo).stream().collect(Collectors.groupingBy(
                    bill -> String.valueOf(bill.get("ref")), Collectors.counting()));
            assertThat(perInvoice).as("every invoice posted, none twice").hasSize(INVOICES)
                    .allSatisfy((ref, count) -> assertThat(count).as(ref).isEqualTo(1L));
            assertThat(bills(odoo)).allSatisfy(bill -> assertThat(bill.get("state")).isEqualTo("posted"));
        }
    }

    private static List<String> executions(Connection sql) {
        return rows(sql, "SELECT status FROM batch_job_execution ORDER BY job_execution_id");
    }

    private Process node(String name, int port, List<String> common) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-XX:+UseParallelGC", "-Dserver.port=" + port,
                "-Dlogging.level.root=WARN", "-Dlogging.level.dev.plantsync=INFO"));
        command.addAll(common);
        command.addAll(List.of("-jar", Path.of("target", "plantsync.jar").toString(), "server"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(LOGS.resolve("node-" + name + ".log").toFile()).start();
        nodes.add(process);
        return process;
    }

    private static void awaitHealthy(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        await(Duration.ofSeconds(120), () -> {
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

    private static List<Map<String, Object>> bills(OdooSimulator odoo) {
        return odoo.searchRead("account.move", List.of(List.of("move_type", "=", "in_invoice"),
                List.of("ref", "=like", "CRASH-%")), List.of("ref", "state"));
    }

    private static String lastStatus(Connection sql) {
        List<String> status = rows(sql, "SELECT status FROM batch_job_execution ORDER BY job_execution_id DESC LIMIT 1");
        return status.isEmpty() ? null : status.get(0);
    }

    private static List<String> rows(Connection sql, String query) {
        return TestDatabases.column(sql, query);
    }

    private static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout + "; node logs in " + LOGS.toAbsolutePath());
            }
            Thread.sleep(250);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
