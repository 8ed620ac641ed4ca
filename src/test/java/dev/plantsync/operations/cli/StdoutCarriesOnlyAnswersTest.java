package dev.plantsync.operations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import dev.plantsync.PlantSyncApplication;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.odoo.sim.SimUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README promises answers on stdout and the log on stderr, so scripts can parse what a command says. The commands
 * that need no application context run in a process of their own here (logging configured as in production, not by
 * the test JVM): stdout must hold no log line.
 */
class StdoutCarriesOnlyAnswersTest {

    /** What a log line starts with: an ISO time and a level. */
    private static final Pattern LOG_LINE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}.*\\b(TRACE|DEBUG|INFO|WARN|ERROR)\\b.*");

    @TempDir
    Path dir;

    @Test
    void odooCheckAndEdiValidateAnswerOnStdoutAndLogOnStderr() throws Exception {
        try (OdooSimulator sim = OdooSimulator.start(19)) {
            Path key = Files.writeString(dir.resolve("key"), SimUsers.ADMIN_API_KEY + "\n");
            Result check = run("odoo", "check", "--url", sim.url().toString(), "--db", OdooSimulator.DATABASE, "--user",
                    SimUsers.ADMIN_LOGIN, "--api-key-file", key.toString(), "--transport", "json2");
            Result validate = run("edi", "validate", Path.of("src", "test", "resources", "edi",
                    "x12-810-004010-two-invoices.edi").toString());

            assertThat(check.exit).as(check.err).isZero();
            assertThat(check.out).contains("server version:  19.0", "ok");
            assertThat(check.err).as("the connector's log line goes to stderr").contains("Odoo 19 at");
            assertThat(validate.exit).as(validate.err).isZero();
            assertThat(validate.out.lines()).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{\"valid\":true,"));
            for (Result r : List.of(check, validate)) {
                assertThat(r.out.lines()).as("stdout of " + r.command).noneMatch(l -> LOG_LINE.matcher(l).matches());
            }
        }
    }

    private Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PlantSyncApplication.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out-" + System.nanoTime());
        Path err = dir.resolve("err-" + System.nanoTime());
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", String.join(" ", args)).isTrue();
        return new Result(String.join(" ", args), p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(String command, int exit, String out, String err) {
    }
}
