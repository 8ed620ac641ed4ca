package dev.plantsync.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.plantsync.platform.FlowLatency;
import dev.plantsync.support.PlantSyncTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Partner drops over real SSH (embedded MINA SSHD), with host keys verified, against real PostgreSQL. */
@PlantSyncTest
class FilePickupTest {

    @TempDir
    Path temp;

    @Autowired
    JdbcClient jdbc;

    private EmbeddedSftpServer server;
    private Partner acme;
    private Path inbound;
    private LocalStore store;

    @BeforeEach
    void start() throws IOException {
        server = EmbeddedSftpServer.start(Files.createDirectories(temp.resolve("server")));
        server.addUser("acme");
        acme = server.partner("acme", server.writeKnownHosts(temp.resolve("known_hosts")));
        inbound = server.home("acme").resolve("inbound");
        store = new LocalStore(temp.resolve("data"));
        jdbc.sql("DELETE FROM inbound_file").update();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

    private FilePickup pickup(Duration stability) {
        return new FilePickup(new SftpConnector(Duration.ofSeconds(5), Duration.ofSeconds(10)), store,
                new InboundFiles(jdbc), stability, Clock.systemUTC(), 3, new FlowLatency(METERS, Clock.systemUTC()));
    }

    @Test
    void completeFileIsClaimedDownloadedRegisteredThenArchived() throws Exception {
        Files.writeString(inbound.resolve("inv-1.edi"), "ISA*...*invoice one~");
        Files.writeString(inbound.resolve("notes.txt"), "not an invoice");

        List<PickedFile> picked = pickup(Duration.ofMillis(200)).pickup(acme, "invoice");

        assertThat(picked).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("inv-1.edi");
            assertThat(Files.readString(p.localPath())).isEqualTo("ISA*...*invoice one~");
            assertThat(p.localPath()).startsWith(store.root().resolve("acme"));
            assertThat(p.sha256()).isEqualTo(sha256("ISA*...*invoice one~".getBytes()));
        });
        assertThat(Files.list(inbound).map(f -> f.getFileName().toString())).containsExactly("notes.txt");
        assertThat(Files.list(server.home("acme").resolve("processing"))).hasSize(1);
        assertThat(state(picked.get(0).id())).isEqualTo("CLAIMED");

        pickup(Duration.ZERO).processed(picked.get(0));

        assertThat(Files.list(server.home("acme").resolve("processing"))).isEmpty();
        assertThat(Files.list(server.home("acme").resolve("archive")).map(f -> f.getFileName().toString()))
                .singleElement().asString().endsWith("_inv-1.edi");
        assertThat(state(picked.get(0).id())).isEqualTo("PROCESSED");
    }

    @Test
    void stillGrowingFileIsLeftForTheNextPickup() throws Exception {
        Path growing = inbound.resolve("big.edi");
        Files.writeString(growing, "first part ");
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(150);
                Files.writeString(growing, "second part", java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();

        List<PickedFile> whileGrowing = pickup(Duration.ofMillis(600)).pickup(acme, "invoice");
        writer.join();
        List<PickedFile> afterwards = pickup(Duration.ofMillis(200)).pickup(acme, "invoice");

        assertThat(whileGrowing).isEmpty();
        assertThat(afterwards).singleElement()
                .satisfies(p -> assertThat(Files.readString(p.localPath())).isEqualTo("first part second part"));
    }

    @Test
    void sameFileDroppedTwiceIsProcessedOnce() throws Exception {
        Files.writeString(inbound.resolve("inv-7.edi"), "the same invoice");
        FilePickup pickup = pickup(Duration.ofMillis(100));
        PickedFile first = pickup.pickup(acme, "invoice").get(0);
        pickup.processed(first);
        Files.writeString(inbound.resolve("inv-7-resent.edi"), "the same invoice");

        List<PickedFile> again = pickup.pickup(acme, "invoice");

        assertThat(again).isEmpty();
        assertThat(jdbc.sql("SELECT name || ' ' || state || ' ' || coalesce(duplicate_of::text, '-') FROM inbound_file "
                + "ORDER BY id").query(String.class).list())
                .containsExactly("inv-7.edi PROCESSED -", "inv-7-resent.edi DUPLICATE " + first.id());
        assertThat(Files.list(server.home("acme").resolve("archive"))).hasSize(2);
    }

    @Test
    void twoWorkersRacingForTheSameFilesEachGetDifferentOnes() throws Exception {
        for (int i = 0; i < 8; i++) {
            Files.writeString(inbound.resolve("race-" + i + ".edi"), "invoice " + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Callable<List<PickedFile>> worker = () -> pickup(Duration.ofMillis(100)).pickup(acme, "invoice");

        List<Future<List<PickedFile>>> results = pool.invokeAll(List.of(worker, worker));
        pool.shutdown();

        List<String> names = new ArrayList<>();
        for (Future<List<PickedFile>> r : results) {
            r.get().forEach(p -> names.add(p.name()));
        }
        assertThat(names).hasSize(8).doesNotHaveDuplicates();
        assertThat(jdbc.sql("SELECT count(*) FROM inbound_file").query(Integer.class).single()).isEqualTo(8);
    }

    @Test
    void unknownHostKeyIsRefusedNamingHostAndFingerprint() throws Exception {
        Files.writeString(inbound.resolve("inv-1.edi"), "x");
        Partner untrusting = acme.withEndpoint("127.0.0.1", server.port(), Files.writeString(temp.resolve("empty"), ""));

        assertThatThrownBy(() -> pickup(Duration.ZERO).pickup(untrusting, "invoice"))
                .isInstanceOf(SftpDropException.class)
                .hasMessageContaining("host key of 127.0.0.1:" + server.port() + " is not in")
                .hasMessageMatching("(?s).*the server presented ecdsa-sha2-nistp521 SHA256:[A-Za-z0-9+/]+.*");
        assertThat(Files.exists(inbound.resolve("inv-1.edi"))).as("nothing claimed").isTrue();
    }

    @Test
    void changedHostKeyIsRefused() throws Exception {
        EmbeddedSftpServer other = EmbeddedSftpServer.start(Files.createDirectories(temp.resolve("other")));
        try {
            String otherKey = other.knownHostsLine().substring(other.knownHostsLine().indexOf(' ') + 1);
            Path wrong = Files.writeString(temp.resolve("wrong_known_hosts"), "[127.0.0.1]:" + server.port() + " "
                    + otherKey + "\n");

            assertThatThrownBy(() -> new SftpConnector(Duration.ofSeconds(5), Duration.ofSeconds(5))
                    .open(acme.withEndpoint("127.0.0.1", server.port(), wrong)))
                    .isInstanceOf(SftpDropException.class).hasMessageContaining("has CHANGED");
        } finally {
            other.close();
        }
    }

    @Test
    void droppedConnectionDuringDownloadIsRetriedAndTheFileArrivesWhole() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024];
        new Random(42).nextBytes(big);
        Files.write(inbound.resolve("big.edi"), big);
        server.dropConnectionDuringNextRead("_big.edi");

        List<PickedFile> picked = pickup(Duration.ofMillis(100)).pickup(acme, "invoice");

        assertThat(picked).singleElement().satisfies(p -> {
            assertThat(p.sha256()).isEqualTo(sha256(big));
            assertThat(p.size()).isEqualTo(big.length);
        });
    }

    @Test
    void oversizeFileIsQuarantinedWithItsReason() throws Exception {
        Files.write(inbound.resolve("huge.edi"), new byte[5000]);

        List<PickedFile> picked = pickup(Duration.ofMillis(100)).pickup(acme.withMaxFileBytes(1000), "invoice");

        assertThat(picked).isEmpty();
        Path error = server.home("acme").resolve("error");
        List<String> names = Files.list(error).map(f -> f.getFileName().toString()).sorted().toList();
        assertThat(names).hasSize(2);
        assertThat(names.get(0)).endsWith("_huge.edi");
        assertThat(Files.readString(error.resolve(names.get(1))))
                .isEqualTo("huge.edi: file size 5000 bytes exceeds the limit of 1000 bytes for partner acme\n");
        assertThat(jdbc.sql("SELECT state || ': ' || state_reason FROM inbound_file").query(String.class).single())
                .isEqualTo("QUARANTINED: file size 5000 bytes exceeds the limit of 1000 bytes for partner acme");
    }

    @Test
    void hostileFileNamesStayInsideTheDataDirectory() throws Exception {
        Files.writeString(inbound.resolve("..evil name\u0007.edi"), "payload");

        List<PickedFile> picked = pickup(Duration.ofMillis(100)).pickup(acme, "invoice");

        assertThat(picked).singleElement().satisfies(p -> {
            assertThat(p.localPath().normalize()).startsWith(store.root());
            assertThat(p.localPath().getFileName().toString()).endsWith("-_evil_name_.edi");
        });
        assertThat(store.pathFor("acme", java.time.LocalDate.of(2026, 11, 23), "../../etc/x.edi", 7))
                .isEqualTo(store.root().resolve("acme/2026-11-23/7-x.edi"));
        assertThat(store.pathFor("../../acme", java.time.LocalDate.of(2026, 11, 23), "..\\..\\x.edi", 8))
                .startsWithRaw(store.root());
    }

    @Test
    void partnerWithDoneMarkersIsPickedUpOnlyOnceTheMarkerExists() throws Exception {
        Partner withMarkers = new Partner("acme", "127.0.0.1", server.port(), "acme", acme.privateKeyFile(), null, null,
                acme.knownHostsFile(), "/inbound", "/processing", "/archive", "/error", "/outbound",
                java.util.Map.of("invoice", List.of("*.edi")), ".done", List.of(), null, null, null);
        Files.writeString(inbound.resolve("inv-9.edi"), "complete, but not yet released");

        List<PickedFile> before = pickup(Duration.ofMillis(50)).pickup(withMarkers, "invoice");
        Files.writeString(inbound.resolve("inv-9.edi.done"), "");
        List<PickedFile> after = pickup(Duration.ofMillis(50)).pickup(withMarkers, "invoice");

        assertThat(before).isEmpty();
        assertThat(after).extracting(PickedFile::name).containsExactly("inv-9.edi");
    }

    @Test
    void unusableFileIsQuarantinedWithItsReasonBesideIt() throws Exception {
        Files.writeString(inbound.resolve("garbage.edi"), "not EDI at all");
        FilePickup pickup = pickup(Duration.ofMillis(50));
        PickedFile file = pickup.pickup(acme, "invoice").get(0);

        pickup.quarantine(file, "unreadable EDI: no ISA or UNB envelope");

        Path error = server.home("acme").resolve("error");
        assertThat(Files.list(error).map(f -> f.getFileName().toString()).sorted().toList())
                .satisfiesExactly(n -> assertThat(n).endsWith("_garbage.edi"),
                        n -> assertThat(n).endsWith("_garbage.edi.reason.txt"));
        assertThat(state(file.id())).isEqualTo("QUARANTINED");
        assertThat(Files.list(server.home("acme").resolve("processing"))).isEmpty();
    }

    @Test
    void severalKindsFromOneDropWaitTheStabilityIntervalOnceNotOncePerKind() throws Exception {
        java.util.Map<String, List<String>> kinds = new java.util.LinkedHashMap<>();
        for (String kind : List.of("units", "categories", "products", "vendors", "vendor-prices", "boms", "locations")) {
            kinds.put("md-" + kind, List.of(kind + "*.csv"));
            Files.writeString(inbound.resolve(kind + "-1.csv"), kind + "\n");
        }
        Partner plm = new Partner("acme", acme.host(), acme.port(), acme.user(), acme.privateKeyFile(), null, null,
                acme.knownHostsFile(), "/inbound", "/processing", "/archive", "/error", "/outbound", kinds, null,
                List.of(), null, null, null);
        List<Duration> waits = new ArrayList<>();
        FilePickup pickup = new FilePickup(new SftpConnector(Duration.ofSeconds(5), Duration.ofSeconds(10)), store,
                new InboundFiles(jdbc), Duration.ofSeconds(5), Clock.systemUTC(), 3,
                new FlowLatency(METERS, Clock.systemUTC()), waits::add);

        List<PickedFile> picked = pickup.pickup(plm, kinds.keySet());

        assertThat(waits).containsExactly(Duration.ofSeconds(5));
        assertThat(picked).extracting(PickedFile::documentType).containsExactlyInAnyOrderElementsOf(kinds.keySet());
        assertThat(picked).extracting(PickedFile::name).contains("products-1.csv", "boms-1.csv");
    }

    @Test
    void anEmptyDropAndAPartnerWithDoneMarkersCostNoWait() throws Exception {
        Partner withMarkers = new Partner("acme", acme.host(), acme.port(), acme.user(), acme.privateKeyFile(), null,
                null, acme.knownHostsFile(), "/inbound", "/processing", "/archive", "/error", "/outbound",
                java.util.Map.of("invoice", List.of("*.edi")), ".done", List.of(), null, null, null);
        List<Duration> waits = new ArrayList<>();
        FilePickup pickup = new FilePickup(new SftpConnector(Duration.ofSeconds(5), Duration.ofSeconds(10)), store,
                new InboundFiles(jdbc), Duration.ofSeconds(5), Clock.systemUTC(), 3,
                new FlowLatency(METERS, Clock.systemUTC()), waits::add);

        List<PickedFile> nothing = pickup.pickup(acme, "invoice");
        Files.writeString(inbound.resolve("inv-10.edi"), "ISA...");
        Files.writeString(inbound.resolve("inv-10.edi.done"), "");
        Files.writeString(inbound.resolve("inv-11.edi"), "still uploading, no marker yet");
        List<PickedFile> marked = pickup.pickup(withMarkers, "invoice");

        assertThat(nothing).isEmpty();
        assertThat(marked).extracting(PickedFile::name).containsExactly("inv-10.edi");
        assertThat(waits).as("the marker proves the file whole; an empty drop has nothing to wait for").isEmpty();
    }

    @Test
    void filesLastWrittenLongerAgoThanTheIntervalByTheDropsClockNeedNoWait() throws Exception {
        Path settled = Files.writeString(inbound.resolve("inv-20.edi"), "dropped an hour before the run");
        Files.setLastModifiedTime(settled, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(Duration.ofHours(1))));
        List<Duration> waits = new ArrayList<>();
        FilePickup pickup = new FilePickup(new SftpConnector(Duration.ofSeconds(5), Duration.ofSeconds(10)), store,
                new InboundFiles(jdbc), Duration.ofSeconds(5), Clock.systemUTC(), 3,
                new FlowLatency(METERS, Clock.systemUTC()), waits::add);

        List<PickedFile> old = pickup.pickup(acme, "invoice");
        Files.writeString(inbound.resolve("inv-21.edi"), "dropped just now");
        List<PickedFile> fresh = pickup.pickup(acme, "invoice");

        assertThat(old).extracting(PickedFile::name).containsExactly("inv-20.edi");
        assertThat(fresh).extracting(PickedFile::name).containsExactly("inv-21.edi");
        assertThat(waits).as("only the file written within the interval waited").containsExactly(Duration.ofSeconds(5));
        assertThat(Files.list(server.home("acme").resolve("processing")))
                .noneMatch(p -> p.getFileName().toString().startsWith(".plantsync-clock-"));
    }

    private String state(long id) {
        return new InboundFiles(jdbc).stateOf(id);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
