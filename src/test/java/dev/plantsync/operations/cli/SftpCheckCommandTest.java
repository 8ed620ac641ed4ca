package dev.plantsync.operations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.plantsync.sftp.EmbeddedSftpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plantsync sftp check}: what the next pickup would take, nothing claimed. */
class SftpCheckCommandTest {

    @TempDir
    Path temp;

    private EmbeddedSftpServer server;
    private Path partners;

    @BeforeEach
    void start() throws Exception {
        server = EmbeddedSftpServer.start(Files.createDirectories(temp.resolve("server")));
        Path key = server.addUser("acme");
        Path knownHosts = server.writeKnownHosts(temp.resolve("known_hosts"));
        partners = Files.writeString(temp.resolve("partners.yml"), """
                partners:
                  - id: acme
                    host: 127.0.0.1
                    port: %d
                    user: acme
                    privateKeyFile: %s
                    knownHostsFile: %s
                    patterns:
                      invoice: ["*.edi"]
                    maxFileBytes: 100
                """.formatted(server.port(), key, knownHosts));
        Files.writeString(server.home("acme").resolve("inbound/inv-1.edi"), "small");
        Files.write(server.home("acme").resolve("inbound/inv-2.edi"), new byte[500]);
        Files.writeString(server.home("acme").resolve("inbound/readme.txt"), "ignored");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listsWhatWouldBePickedUpWithoutClaiming() {
        StringWriter out = new StringWriter();
        int exit = PlantSyncCommand.commandLine(() -> {
            throw new AssertionError("no application needed");
        }).setOut(new PrintWriter(out, true)).execute("sftp", "check", "acme", "--partners", partners.toString(),
                "--stability", "0");

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("host key verified", "/inbound: 3 file(s)")
                .containsPattern("inv-1.edi\\s+5 bytes\\s+invoice\\s+would be picked up")
                .containsPattern("inv-2.edi\\s+500 bytes\\s+invoice\\s+would be quarantined \\(too large\\)")
                .doesNotContain("readme.txt ");
        assertThat(server.home("acme").resolve("inbound/inv-1.edi")).exists();
    }

    @Test
    void thePartnerRegistryIsTheConfiguredOneWithoutAnyOption() {
        StringWriter out = new StringWriter();
        int exit = PlantSyncCommand.commandLine(new SettingsOnly(Map.of("plantsync.sftp.partners-file",
                partners.toString()))).setOut(new PrintWriter(out, true)).execute("sftp", "check", "acme",
                "--stability", "0");

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("host key verified", "/inbound: 3 file(s)");
    }

    @Test
    void thePartnerRegistryIsFoundInTheConfigDirAndAMissingOneNamesThePath() throws Exception {
        Path config = temp.resolve("etc");
        Files.createDirectories(config.resolve("jobs"));
        Files.copy(partners, config.resolve("jobs/partners.yml"));
        StringWriter out = new StringWriter();
        int exit = PlantSyncCommand.commandLine(new SettingsOnly(Map.of("plantsync.config-dir", config.toString())))
                .setOut(new PrintWriter(out, true)).execute("sftp", "check", "acme", "--stability", "0");
        assertThat(exit).as(out.toString()).isZero();

        StringWriter missing = new StringWriter();
        exit = PlantSyncCommand.commandLine(new SettingsOnly(Map.of("plantsync.config-dir", temp.resolve("nowhere")
                .toString()))).setOut(new PrintWriter(missing, true)).execute("sftp", "check", "acme");
        assertThat(exit).isEqualTo(ExitCodes.PROBLEM);
        assertThat(missing.toString()).contains("problem: no partner registry at "
                + temp.resolve("nowhere/jobs/partners.yml").toAbsolutePath());
    }

    @Test
    void aLinkInTheDropIsShownAsToBeQuarantinedNeverAsAFile() throws Exception {
        Files.createSymbolicLink(server.home("acme").resolve("inbound/passwd.edi"), Path.of("/etc/passwd"));
        StringWriter out = new StringWriter();
        int exit = PlantSyncCommand.commandLine(() -> {
            throw new AssertionError("no application needed");
        }).setOut(new PrintWriter(out, true)).execute("sftp", "check", "acme", "--partners", partners.toString(),
                "--stability", "0");

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("/inbound: 3 file(s)")
                .containsPattern("passwd.edi\\s+invoice\\s+would be quarantined \\(a symbolic link \\(to [./]*etc/passwd\\)\\)")
                .doesNotContainPattern("passwd.edi\\s+\\d+ bytes");
    }

    @Test
    void unknownPartnerIsAUsageError() {
        StringWriter err = new StringWriter();
        int exit = PlantSyncCommand.commandLine(() -> null).setErr(new PrintWriter(err, true))
                .execute("sftp", "check", "nobody", "--partners", partners.toString());

        assertThat(exit).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString().strip()).isEqualTo("error: unknown partner 'nobody'; partners: acme");
    }
}
