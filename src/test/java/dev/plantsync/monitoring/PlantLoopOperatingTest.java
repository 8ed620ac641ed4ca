package dev.plantsync.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.util.List;

import dev.plantsync.operations.cli.PlantSyncCommand;
import dev.plantsync.support.ApiClient;
import dev.plantsync.support.ConsoleSession;
import dev.plantsync.support.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Operating the plant loop on the records its two jobs keep (seeded here as those jobs write them): an order Odoo
 * split (WH/MO/00017 -> -001 and backorder -002) traced as one family from any of its names, by the CLI, the API and
 * the console; the console's Production page shows a viewer what was released and what waits, escaped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"plantsync.scheduler.enabled=false", "plantsync.jobs.async=false"})
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlantLoopOperatingTest {

    @DynamicPropertySource
    static void users(DynamicPropertyRegistry registry) {
        TestUsers.register(registry, "vera", "VIEWER");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BusinessTrace trace;

    @Autowired
    ConfigurableApplicationContext context;

    @BeforeAll
    void aSplitOrderReleasedAndPartlyCompleted() {
        long v1 = releaseFile(501, "release-plant-1-501-20261201T0800.csv", "2026-12-01T08:00:00Z");
        long v2 = releaseFile(502, "release-plant-1-502-20261201T1000.csv", "2026-12-01T10:00:00Z");
        long bo = releaseFile(503, "release-plant-1-503-20261201T1010.csv", "2026-12-01T10:10:00Z");
        long acks = inbound("mes-ack", "acks-0001.csv", "2026-12-01T10:20:00Z");
        long completions = inbound("mes-completion", "completions-0001.csv", "2026-12-01T09:50:00Z");
        long later = inbound("mes-completion", "completions-0002.csv", "2026-12-01T10:30:00Z");
        release(v1, 1, 17, "WH/MO/00017", 1, "NEW", null, "ACCEPTED", null, acks);
        release(v1, 2, 99, "WH/MO/00099", 1, "NEW", null, null, null, null);
        release(v2, 1, 17, "WH/MO/00017-001", 2, "CHANGED", "name;quantity", "ACCEPTED", null, acks);
        release(bo, 1, 42, "WH/MO/00017-002", 1, "NEW", null, "REJECTED", "work centre <WC-9> unknown", acks);
        event("E-1", completions, 3, "WH/MO/00017", "PRODUCED", "6", "LOT-A", "2026-12-01T09:40:00Z", "APPLIED", null,
                17L, "2026-12-01T09:52:00Z");
        event("E-2", later, 2, "WH/MO/00017", "PRODUCED", "4", "LOT-B", "2026-12-01T10:25:00Z", "APPLIED", null, 42L,
                "2026-12-01T10:31:00Z");
        event("E-3", later, 3, "WH/MO/00017", "SCRAPPED", "2", null, "2026-12-01T10:26:00Z", "APPROVAL",
                "scrap value 40.00 EUR over tolerance", null, null);
        event("E-4", later, 4, "WH/MO/00017", "CONSUMED", "1.5", null, "2026-12-01T10:27:00Z", "EXCEPTION",
                "product <script>alert(1)</script> & co unknown", null, null);
        event("E-5", later, 5, "WH/MO/00099", "PRODUCED", "1", null, now(-3), "STAGED", null, null, null);
        jdbc.sql("""
                INSERT INTO mes_mo_map (plant, mes_name, odoo_mo_id, odoo_name, ordered_qty)
                VALUES ('plant-1', 'WH/MO/00017', 42, 'WH/MO/00017-002', 10),
                       ('plant-1', 'WH/MO/00099', 99, 'WH/MO/00099', 1)""").update();
    }

    @Test
    void anyNameOfASplitOrderTracesTheWholeFamilyFromReleaseToOdoo() {
        for (String name : List.of("WH/MO/00017", "WH/MO/00017-001", "WH/MO/00017-002")) {
            assertThat(trace.manufacturingOrder(name)).as(name).singleElement().satisfies(j -> {
                assertThat(j.key()).isEqualTo("WH/MO/00017");
                assertThat(j.partner()).isEqualTo("plant-1");
                assertThat(j.steps()).extracting(BusinessTrace.Step::at).isSorted();
                assertThat(j.steps()).extracting(BusinessTrace.Step::stage).containsSubsequence("released",
                        "MES event", "MES event staged", "applied in Odoo", "released", "released",
                        "MES acknowledged");
                assertThat(j.steps()).extracting(BusinessTrace.Step::detail)
                        .contains("WH/MO/00017-002 (Odoo id 42) version 1 NEW in release-plant-1-503-20261201T1010.csv"
                                        + " line 1 (release file " + fileId(503) + ", DELIVERED, run 503)",
                                "REJECTED version 1: work centre <WC-9> unknown (inbound file " + fileId("acks-0001.csv")
                                        + ")",
                                "event E-1 PRODUCED to WH/MO/00017-001 (Odoo id 17)",
                                "event E-2 PRODUCED to WH/MO/00017-002 (Odoo id 42)",
                                "event E-2 PRODUCED 4 Units of FG-1, lot LOT-B on WH/MO/00017",
                                "event E-2 PRODUCED from completions-0002.csv (inbound file "
                                        + fileId("completions-0002.csv") + ") line 2, run 7",
                                "event E-3 SCRAPPED: scrap value 40.00 EUR over tolerance",
                                "event E-4 CONSUMED: product <script>alert(1)</script> & co unknown",
                                "WH/MO/00017 -> WH/MO/00017-002 (Odoo id 42), the family ordered 10");
                assertThat(j.steps()).extracting(BusinessTrace.Step::stage)
                        .contains("MES event approval", "MES event exception");
                assertThat(j.steps()).noneSatisfy(s -> assertThat(s.detail()).contains("00099"));
            });
        }
        assertThat(trace.manufacturingOrder("WH/MO/0001")).isEmpty();
        assertThat(trace.manufacturingOrder("WH/MO/0001_")).as("a LIKE wildcard in the name is the name's own").isEmpty();
    }

    @Test
    void theCliPrintsTheJourneyAndExitsOneForAnOrderNeverSeen() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PlantSyncCommand.commandLine(() -> context).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err)).execute("trace", "mo", "WH/MO/00017-002");
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("manufacturing order WH/MO/00017 at plant-1")
                .contains("released", "MES acknowledged", "applied in Odoo", "event E-2 PRODUCED to WH/MO/00017-002");

        int unknown = PlantSyncCommand.commandLine(() -> context).setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(err)).execute("trace", "mo", "WH/MO/55555");
        assertThat(unknown).isEqualTo(1);
        assertThat(err.toString()).contains("PlantSync never released manufacturing order WH/MO/55555");
    }

    @Test
    void theApiAnswersTheFamilyByANameWithSlashes() throws Exception {
        HttpResponse<String> found = new ApiClient(port).get("vera", "/api/trace/mos/WH/MO/00017-001");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains("\"kind\":\"manufacturing order\"", "\"key\":\"WH/MO/00017\"",
                "\"partner\":\"plant-1\"", "\"stage\":\"applied in Odoo\"",
                "\"detail\":\"event E-1 PRODUCED to WH/MO/00017-001 (Odoo id 17)\"");
        assertThat(new ApiClient(port).get("vera", "/api/trace/mos/WH/MO/55555").statusCode()).isEqualTo(404);
    }

    @Test
    void aViewerSeesWhatWasReleasedAndWhatWaitsEscaped() throws Exception {
        ConsoleSession vera = new ConsoleSession(port).signIn("vera", "vera-secret");

        HttpResponse<String> page = vera.get("/console/production?plant=plant-1");

        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("href=\"/console/production\"", "<h1>Production");
        assertThat(section(html, "released")).contains("WH/MO/00017-002", "WH/MO/00017-001", "WH/MO/00099",
                "CHANGED (name;quantity)", "release-plant-1-502-20261201T1000.csv (DELIVERED)",
                "work centre &lt;WC-9&gt; unknown", "not acknowledged").doesNotContain("<WC-9>");
        assertThat(section(html, "open-events")).contains("E-3", "E-4", "E-5", "APPROVAL", "EXCEPTION", "STAGED",
                "scrap value 40.00 EUR over tolerance", "product &lt;script&gt;alert(1)&lt;/script&gt; &amp; co unknown",
                "completions-0002.csv, line 4").doesNotContain("E-1<", "E-2<");
        assertThat(html).doesNotContain("<script>alert(1)");
        assertThat(section(html, "settled-events")).contains("E-1", "E-2", "WH/MO/00017-002 (id 42)",
                "WH/MO/00017-001 (id 17)");
        assertThat(html).contains("id=\"count-APPROVAL\"><a href=\"/console/approvals\">1</a>",
                "id=\"count-EXCEPTION\">1<", "id=\"count-waiting\">1 (staged 1, being applied 0)<");
        assertThat(html).containsPattern("id=\"lag-waiting\">3 min \\d\\d s since it happened<");
        assertThat(html).as("E-1 and E-2 were applied days ago").contains("id=\"lag-applied\">no event applied<");

        HttpResponse<String> traced = vera.get("/console/trace?mo=WH/MO/00017-002");
        assertThat(traced.statusCode()).isEqualTo(200);
        assertThat(traced.body()).contains("manufacturing order WH/MO/00017", "at plant-1", "applied in Odoo",
                "product &lt;script&gt;alert(1)&lt;/script&gt; &amp; co unknown");
    }

    @Test
    void theLagOfTheLastDayIsMedianAndWorstOfWhatWasApplied() {
        PlantLoopStatus.Overview plant9 = context.getBean(PlantLoopStatus.class).overview("plant-9", 10, 10);
        assertThat(plant9.lag().applied()).isZero();
        assertThat(plant9.lag().oldestWaiting()).isNull();

        event("L-1", null, 1, "WH/MO/00200", "PRODUCED", "1", null, now(-20), "APPLIED", null, 200L, now(-10));
        event("L-2", null, 2, "WH/MO/00200", "PRODUCED", "1", null, now(-20), "APPLIED", null, 200L, now(-16));
        event("L-3", null, 3, "WH/MO/00200", "PRODUCED", "1", null, now(-20), "APPLIED", null, 200L, now(-18));
        PlantLoopStatus.Lag lag = context.getBean(PlantLoopStatus.class).overview("plant-1", 10, 10).lag();
        assertThat(lag.applied()).as("E-1 and E-2 were applied on 2026-12-01, before the last 24 hours").isEqualTo(3);
        assertThat(lag.appliedMedian().toSeconds()).isBetween(239L, 241L);
        assertThat(lag.appliedMax().toSeconds()).isBetween(599L, 601L);
        jdbc.sql("DELETE FROM mes_event WHERE event_id LIKE 'L-%'").update();
    }

    private static String section(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertThat(start).as("table " + id).isNotNegative();
        return html.substring(start, html.indexOf("</table>", start));
    }

    private String now(int minutes) {
        return jdbc.sql("SELECT to_char((now() + make_interval(mins => :m)) AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')").param("m", minutes).query(String.class).single();
    }

    private long fileId(long run) {
        return jdbc.sql("SELECT id FROM production_release_file WHERE job_instance_id = :run").param("run", run)
                .query(Long.class).single();
    }

    private long fileId(String name) {
        return jdbc.sql("SELECT id FROM inbound_file WHERE name = :name").param("name", name).query(Long.class)
                .single();
    }

    private long releaseFile(long run, String name, String delivered) {
        return jdbc.sql("""
                INSERT INTO production_release_file (job_instance_id, plant, partner, name, format, state, orders,
                       created_at, delivered_at)
                VALUES (:run, 'plant-1', 'mes-plant-1', :name, 'csv', 'DELIVERED', 1,
                        CAST(:at AS TIMESTAMPTZ) - interval '1 minute', CAST(:at AS TIMESTAMPTZ)) RETURNING id""")
                .param("run", run).param("name", name).param("at", delivered).query(Long.class).single();
    }

    private long inbound(String type, String name, String received) {
        return jdbc.sql("""
                INSERT INTO inbound_file (partner, document_type, name, size_bytes, sha256, state, received_at,
                       dropped_at)
                VALUES ('mes-plant-1', :type, :name, 10, md5(:name) || md5(:name), 'PROCESSED',
                        CAST(:at AS TIMESTAMPTZ), CAST(:at AS TIMESTAMPTZ)) RETURNING id""")
                .param("type", type).param("name", name).param("at", received).query(Long.class).single();
    }

    private void release(long file, int line, int moId, String name, int version, String change, String changes,
            String ack, String ackReason, Long ackFile) {
        jdbc.sql("""
                INSERT INTO production_release (file_id, line_no, plant, mo_id, mo_name, version, change, changes,
                       fingerprint, content, ack_status, ack_reason, ack_file_id, acked_at)
                SELECT :file, :line, 'plant-1', :mo, :name, :version, :change, :changes, md5(:name || :version),
                       '{}', :ack, :reason, :ackFile,
                       CASE WHEN CAST(:ack AS TEXT) IS NOT NULL THEN f.delivered_at + interval '5 minutes' END
                  FROM production_release_file f WHERE f.id = :file""")
                .param("file", file).param("line", line).param("mo", moId).param("name", name)
                .param("version", version).param("change", change).param("changes", changes).param("ack", ack)
                .param("reason", ackReason).param("ackFile", ackFile).update();
    }

    private void event(String id, Long file, int line, String mo, String type, String quantity, String lot,
            String happened, String state, String reason, Long odooMo, String applied) {
        jdbc.sql("""
                INSERT INTO mes_event (plant, event_id, inbound_file_id, line, mo_name, event_type, quantity, unit,
                       product_code, lot, event_time, fingerprint, state, state_reason, job_instance_id, odoo_mo_id,
                       staged_at, marked_at, applied_at)
                VALUES ('plant-1', :id, :file, :line, :mo, :type, CAST(:qty AS NUMERIC), 'Units', 'FG-1', :lot,
                        CAST(:at AS TIMESTAMPTZ), md5(:id), :state, :reason, 7, :odooMo,
                        CAST(:at AS TIMESTAMPTZ) + interval '1 minute',
                        CASE WHEN :state IN ('APPLIED', 'APPROVAL', 'EXCEPTION')
                             THEN CAST(:at AS TIMESTAMPTZ) + interval '2 minutes' END,
                        CAST(:applied AS TIMESTAMPTZ))""")
                .param("id", id).param("file", file).param("line", line).param("mo", mo).param("type", type)
                .param("qty", quantity).param("lot", lot).param("at", happened).param("state", state)
                .param("reason", reason).param("odooMo", odooMo).param("applied", applied).update();
    }
}
