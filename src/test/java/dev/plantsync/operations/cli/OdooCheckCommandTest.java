package dev.plantsync.operations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.odoo.sim.SimUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plantsync odoo check}: what an operator runs before enabling a schedule. */
class OdooCheckCommandTest {

    @TempDir
    Path dir;

    private OdooSimulator sim;

    @BeforeEach
    void start() {
        sim = OdooSimulator.start(19);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void reportsVersionTransportUserAndAccess() throws Exception {
        Result r = check(SimUsers.ADMIN_LOGIN, SimUsers.ADMIN_API_KEY, sim.url().toString());

        assertThat(r.exit).as(r.out).isZero();
        assertThat(r.out).contains("server version:  19.0", "transport:       JSON2", "user id:         2",
                "purchase.order             read/write", "api keys:        'plantsync' never expires", "ok");
        // master-data sync writes vendors' bank accounts
        assertThat(r.out).contains("res.partner.bank           read/write");
    }

    @Test
    void missingRightsAreProblemsOneLineEach() throws Exception {
        Result r = check(SimUsers.LIMITED_LOGIN, SimUsers.LIMITED_API_KEY, sim.url().toString());

        assertThat(r.exit).isEqualTo(ExitCodes.PROBLEM);
        assertThat(r.out).contains("problem: no read access to purchase.order",
                "problem: no read access to purchase.order.line", "2 problem(s)");
    }

    @Test
    void badKeyAndUnreachableOdooAreProblems() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        Result badKey = check(SimUsers.ADMIN_LOGIN, "wrong", sim.url().toString());
        Result unreachable = check(SimUsers.ADMIN_LOGIN, SimUsers.ADMIN_API_KEY, "http://127.0.0.1:" + closedPort);

        assertThat(badKey.exit).isEqualTo(ExitCodes.PROBLEM);
        assertThat(badKey.out).contains("problem: bad credentials");
        assertThat(unreachable.exit).isEqualTo(ExitCodes.PROBLEM);
        assertThat(unreachable.out).startsWith("problem: Odoo unreachable at http://127.0.0.1:" + closedPort);
    }

    @Test
    void aPasswordInTheUrlIsNeverPrinted() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        Result r = check(SimUsers.ADMIN_LOGIN, SimUsers.ADMIN_API_KEY, "http://ops:s3cret-pw@127.0.0.1:" + closedPort);

        assertThat(r.exit).isEqualTo(ExitCodes.PROBLEM);
        assertThat(r.out).startsWith("problem: Odoo unreachable at http://***@127.0.0.1:" + closedPort)
                .doesNotContain("s3cret-pw").doesNotContain("ops:");
    }

    @Test
    void transportNamesInAnyCase() throws Exception {
        Result r = check(SimUsers.ADMIN_LOGIN, SimUsers.ADMIN_API_KEY, sim.url().toString(), "json2");

        assertThat(r.exit).as(r.out).isZero();
        assertThat(r.out).contains("transport:       JSON2");
    }

    private Result check(String login, String key, String url) throws Exception {
        return check(login, key, url, "JSON2");
    }

    private Result check(String login, String key, String url, String transport) throws Exception {
        Path keyFile = Files.writeString(dir.resolve(login + ".key"), key + "\n");
        StringWriter out = new StringWriter();
        int exit = PlantSyncCommand.commandLine(() -> {
            throw new AssertionError("odoo check --url needs no application context");
        }).setOut(new PrintWriter(out, true)).execute("odoo", "check", "--url", url, "--db", OdooSimulator.DATABASE,
                "--user", login, "--api-key-file", keyFile.toString(), "--transport", transport);
        return new Result(exit, out.toString());
    }

    private record Result(int exit, String out) {
    }
}
