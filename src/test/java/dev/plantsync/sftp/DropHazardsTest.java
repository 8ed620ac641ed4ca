package dev.plantsync.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.plantsync.platform.FlowLatency;
import dev.plantsync.support.PlantSyncTest;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Drops that try to escape or block (issue 21.6) and claims orphaned by a stopped pickup (22.13): links are never
 * followed, local or over SFTP; one file's failure stays with that file; what is left behind is said; FIFOs are
 * reported once; a file renamed into processing/ but never registered is adopted.
 */
@PlantSyncTest
class DropHazardsTest {

    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

    @TempDir
    Path temp;

    @Autowired
    JdbcClient jdbc;

    private EmbeddedSftpServer server;
    private Partner acme;
    private Path inbound;
    private LocalStore store;
    private Path outside;

    @BeforeEach
    void start() throws IOException {
        server = EmbeddedSftpServer.start(Files.createDirectories(temp.resolve("server")));
        server.addUser("acme");
        acme = server.partner("acme", server.writeKnownHosts(temp.resolve("known_hosts")));
        inbound = server.home("acme").resolve("inbound");
        store = new LocalStore(temp.resolve("data"));
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("prices.csv"), "SECRET,prices,elsewhere\n");
        jdbc.sql("DELETE FROM inbound_file").update();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FilePickup pickup(Clock clock) {
        return new FilePickup(new SftpConnector(Duration.ofSeconds(5), Duration.ofSeconds(10)), store,
                new InboundFiles(jdbc), Duration.ofMillis(50), clock, 2, new FlowLatency(METERS, clock));
    }

    private FilePickup pickup() {
        return pickup(Clock.systemUTC());
    }

    private Partner localPartner(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("inbound"));
        return new Partner("plant", null, null, null, null, null, null, null, "/inbound", "/processing", "/archive",
                "/error", "/outbound", Map.of("invoice", List.of("*.edi", "*.csv")), null, List.of(), null, null, dir);
    }

    @Test
    void localLinksAreQuarantinedWithTheirReasonAndNeverRead() throws Exception {
        Path drop = temp.resolve("plant");
        Partner plant = localPartner(drop);
        Files.createSymbolicLink(drop.resolve("inbound/passwd.edi"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(drop.resolve("inbound/elsewhere.csv"), outside.resolve("prices.csv"));
        Files.writeString(drop.resolve("inbound/real.edi"), "a real invoice");

        List<PickedFile> picked = pickup().pickup(plant, "invoice");
        List<PickedFile> again = pickup().pickup(plant, "invoice");

        assertThat(picked).extracting(PickedFile::name).containsExactly("real.edi");
        assertThat(again).isEmpty();
        assertThat(contentsUnder(store.root())).containsExactly("a real invoice");
        assertThat(registered()).containsExactly(
                "elsewhere.csv QUARANTINED not a regular file: a symbolic link (to " + outside.resolve("prices.csv")
                        + "); never read",
                "passwd.edi QUARANTINED not a regular file: a symbolic link (to /etc/passwd); never read",
                "real.edi CLAIMED -");
        try (Stream<Path> error = Files.list(drop.resolve("error"))) {
            List<Path> entries = error.toList();
            assertThat(entries).filteredOn(p -> p.toString().endsWith("_passwd.edi"))
                    .singleElement().satisfies(p -> assertThat(Files.isSymbolicLink(p)).as("moved as a link").isTrue());
            assertThat(entries).anyMatch(p -> p.toString().endsWith("_passwd.edi.reason.txt"));
        }
        assertThat(Files.readString(Path.of("/etc/passwd"))).isNotEmpty(); // the target untouched
        assertThat(outside.resolve("prices.csv")).exists();
    }

    @Test
    void localFifoIsReportedOnceAndDoesNotBlockThePickup() throws Exception {
        Path drop = temp.resolve("plant");
        Partner plant = localPartner(drop);
        Process mkfifo = new ProcessBuilder("mkfifo", drop.resolve("inbound/pipe.edi").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        pickup().pickup(plant, "invoice");
        pickup().pickup(plant, "invoice");

        assertThat(registered()).containsExactly(
                "pipe.edi QUARANTINED not a regular file: not a regular file (a FIFO, socket or device); never read");
        assertThat(Files.exists(drop.resolve("inbound/pipe.edi"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void aLocalDirectoryLinkedOutsideTheDropIsRefused() throws Exception {
        Path drop = temp.resolve("plant");
        Partner plant = localPartner(drop);
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.createSymbolicLink(drop.resolve("processing"), elsewhere);
        Files.writeString(drop.resolve("inbound/inv.edi"), "invoice");

        assertThatThrownBy(() -> pickup().pickup(plant, "invoice")).isInstanceOf(SftpDropException.class)
                .hasMessageContaining("leads outside").hasMessageContaining("through a symbolic link");
        assertThat(drop.resolve("inbound/inv.edi")).exists();
        try (Stream<Path> moved = Files.list(elsewhere)) {
            assertThat(moved).isEmpty();
        }
    }

    @Test
    void sftpLinksAreQuarantinedNotRead() throws Exception {
        Files.createSymbolicLink(inbound.resolve("passwd.edi"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(inbound.resolve("elsewhere.csv"), outside.resolve("prices.csv"));
        Files.writeString(inbound.resolve("real.edi"), "a real invoice");

        List<PickedFile> picked = pickup().pickup(acme, "invoice");

        assertThat(picked).extracting(PickedFile::name).containsExactly("real.edi");
        assertThat(contentsUnder(store.root())).containsExactly("a real invoice");
        assertThat(registered()).hasSize(3).anySatisfy(r -> assertThat(r)
                .startsWith("passwd.edi QUARANTINED not a regular file: a symbolic link"))
                .anySatisfy(r -> assertThat(r).startsWith("elsewhere.csv QUARANTINED not a regular file: a symbolic link"));
        try (Stream<Path> left = Files.list(inbound)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aVeryLongNameIsClaimedUnderAShortNameAndThePartnersOtherFilesFollow() throws Exception {
        String longName = "a".repeat(246) + ".edi";
        Files.writeString(inbound.resolve(longName), "long-named invoice");
        Files.writeString(inbound.resolve("after.edi"), "the next invoice");

        List<PickedFile> picked = pickup().pickup(acme, "invoice");

        assertThat(picked).extracting(PickedFile::name).containsExactlyInAnyOrder(longName, "after.edi");
        assertThat(picked).allSatisfy(p -> assertThat(p.remotePath().substring(p.remotePath().lastIndexOf('/') + 1)
                .getBytes(StandardCharsets.UTF_8).length).isLessThan(160));
        assertThat(picked).filteredOn(p -> p.name().equals(longName)).singleElement()
                .satisfies(p -> assertThat(p.remotePath()).endsWith("~" + "a".repeat(55) + ".edi"));
        assertThat(registered()).containsExactlyInAnyOrder(longName + " CLAIMED -", "after.edi CLAIMED -");
    }

    @Test
    void aFileThatCannotBeClaimedIsQuarantinedAndTheOthersFollow() throws Exception {
        Files.writeString(inbound.resolve("stuck.edi"), "refused by the server");
        Files.writeString(inbound.resolve("fine.edi"), "fine");
        server.refuseRenames("stuck.edi", "processing");

        List<PickedFile> picked = pickup().pickup(acme, "invoice");

        assertThat(picked).extracting(PickedFile::name).containsExactly("fine.edi");
        assertThat(registered()).anySatisfy(r -> assertThat(r).startsWith("stuck.edi QUARANTINED cannot be claimed: "));
        try (Stream<Path> error = Files.list(server.home("acme").resolve("error"))) {
            assertThat(error.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith("_stuck.edi"));
        }
    }

    @Test
    void aFileThatCanNeitherBeClaimedNorQuarantinedIsLeftBehindAndSaidSo() throws Exception {
        Files.writeString(inbound.resolve("stuck.edi"), "refused by the server");
        Files.writeString(inbound.resolve("fine.edi"), "fine");
        server.refuseRenames("stuck.edi", "*");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Metrics.addRegistry(meters);
        List<LeftBehind> left = new ArrayList<>();
        try {
            List<PickedFile> picked = pickup().pickup(acme, List.of("invoice"), left::add);

            assertThat(picked).extracting(PickedFile::name).containsExactly("fine.edi");
            assertThat(left).singleElement().satisfies(l -> {
                assertThat(l.name()).isEqualTo("stuck.edi");
                assertThat(l.reason()).startsWith("cannot be claimed: ").contains("nor moved to /error")
                        .contains("Permission denied");
            });
            assertThat(meters.get("plantsync.inbound.files.left.behind").tag("partner", "acme").counter().count())
                    .isEqualTo(1.0);
            assertThat(inbound.resolve("stuck.edi")).exists();
        } finally {
            Metrics.removeRegistry(meters);
        }
    }

    /**
     * The state a pickup killed between its claim (the rename) and the registration leaves: the file in processing/
     * under its claimed name, no inbound_file row. Produced by a real claim whose row is then removed, as if the
     * process had died before writing it; the next pickup, later than the orphan age, adopts it.
     */
    @Test
    void aClaimNeverRegisteredIsAdoptedByALaterPickup() throws Exception {
        Files.writeString(inbound.resolve("inv-5.edi"), "claimed, then the process died");
        PickedFile claimed = pickup().pickup(acme, "invoice").get(0);
        jdbc.sql("DELETE FROM inbound_file").update();
        Files.delete(claimed.localPath());
        FilePickup meanwhile = pickup();
        FilePickup later = pickup(Clock.offset(Clock.systemUTC(), Duration.ofHours(2)));

        List<PickedFile> tooSoon = meanwhile.pickup(acme, "invoice");
        List<PickedFile> adopted = later.pickup(acme, "invoice");

        assertThat(tooSoon).as("a young claim may be another node's, being downloaded").isEmpty();
        assertThat(adopted).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("inv-5.edi");
            assertThat(p.remotePath()).isEqualTo(claimed.remotePath());
            assertThat(Files.readString(p.localPath())).isEqualTo("claimed, then the process died");
        });
        assertThat(later.claimed("invoice", new PartnerRegistry(List.of(acme)))).extracting(PickedFile::name)
                .containsExactly("inv-5.edi");
        assertThat(later.pickup(acme, "invoice")).as("adopted once").isEmpty();
    }

    private List<String> registered() {
        return jdbc.sql("SELECT name || ' ' || state || ' ' || coalesce(state_reason, '-') FROM inbound_file ORDER BY name")
                .query(String.class).list();
    }

    private static List<String> contentsUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
