package dev.plantsync.acceptance;

import static dev.plantsync.acceptance.RealOdoo.values;
import static dev.plantsync.acceptance.RealWorld.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.approvals.ApprovalRequest;
import dev.plantsync.approvals.Approvals;
import dev.plantsync.approvals.Decision;
import dev.plantsync.platform.Actor;
import dev.plantsync.support.PlantSyncTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * MES completions booked into a real Odoo (issue 23): an order of 10 Drawers (demo FURN_8855, BoM SEC-ASSEM, two
 * lot-tracked components) created here, and a completion file as a plant's MES writes it: 4 produced with their
 * consumption (Odoo splits the order: -001 done with 4, backorder -002), a component scrapped on what the MES still
 * calls the original order, then the rest, 6, with one component consumed 10 % over plan (the plant allows 10 %),
 * the order closed, and one event for an order Odoo does not know. Two events wait for an approver before any Odoo
 * call: one more production on the order after it is done (Odoo would book it silently on the done order) and 11
 * produced on a second order of 10 (tolerance 0). Odoo must hold exactly what the MES reported and the approver let
 * through; the same events sent again, and an event marked as if the job had died after Odoo booked it, change
 * nothing.
 */
@PlantSyncTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ProductionCompletionAcceptance {

    static final String DRAWER = "FURN_8855";
    static final String BLACK = "FURN_2100";
    static final String CASE = "FURN_5623";

    @Autowired
    JobOperator jobs;

    @Autowired
    @Qualifier("productionCompletionImport")
    Job job;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Approvals approvals;

    @Autowired
    JobRepository repository;

    abstract RealWorld world();

    /** The MES drop of plant-1 (a local directory here) and the plant's tolerances. */
    static void wiring(RealWorld world, DynamicPropertyRegistry registry) {
        world.partner("mes", "MES", "MES", "{mes-completion: [\"completions*.csv\", \"completions*.json\"]}");
        registry.add("plantsync.production.plants.plant-1.partner", () -> "mes");
        registry.add("plantsync.production.plants.plant-1.warehouse", () -> "WH");
        registry.add("plantsync.production.plants.plant-1.consume-tolerance-percent", () -> "10");
        registry.add("plantsync.production.plants.plant-1.produce-tolerance-percent", () -> "0");
        world.register(registry);
    }

    private RealOdoo odoo;
    private RealWorld w;
    private String moName;
    private final Map<String, Object> afterFirstRun = new LinkedHashMap<>();
    private JobExecution first;
    private JobExecution again;
    private JobExecution resumed;
    private String overName;
    private final Map<String, ApprovalRequest> asked = new LinkedHashMap<>();
    private final Map<String, Object> overBeforeApproval = new LinkedHashMap<>();

    @BeforeAll
    void anOrderOfTenProducedInTwoPartsWithAScrapThenTheSameEventsAgain() throws Exception {
        w = world();
        odoo = w.odoo();
        OdooFixtures f = new OdooFixtures(odoo);
        int drawer = product(DRAWER);
        int black = product(BLACK);
        int caseBlack = product(CASE);
        int bom = ((Number) odoo.one("mrp.bom", List.of(eq("code", "SEC-ASSEM"), eq("product_tmpl_id",
                templateOf(drawer))), List.of("id")).get("id")).intValue();
        int stock = RealOdoo.id(odoo.one("stock.warehouse", List.of(eq("code", "WH"), eq("company_id", 1)),
                List.of("lot_stock_id")).get("lot_stock_id"));
        // Component lots of this run, with stock enough for the order and the scrap.
        int blackLot = odoo.create("stock.lot", values("name", w.code("BLK"), "product_id", black));
        int caseLot = odoo.create("stock.lot", values("name", w.code("CASE"), "product_id", caseBlack));
        f.onHand(black, stock, 20, blackLot);
        f.onHand(caseBlack, stock, 20, caseLot);

        int mo = odoo.create("mrp.production", values("product_id", drawer, "product_qty", 10.0, "bom_id", bom,
                "origin", w.code("MO")));
        odoo.call("mrp.production", "action_confirm", List.of(List.of(mo)));
        moName = (String) odoo.read("mrp.production", List.of(mo), List.of("name"), Map.of()).get(0).get("name");
        int over = odoo.create("mrp.production", values("product_id", drawer, "product_qty", 10.0, "bom_id", bom,
                "origin", w.code("OVER")));
        odoo.call("mrp.production", "action_confirm", List.of(List.of(over)));
        overName = (String) odoo.read("mrp.production", List.of(over), List.of("name"), Map.of()).get(0).get("name");

        String t = OffsetDateTime.now(ZoneOffset.ofHours(1)).minusMinutes(30).truncatedTo(ChronoUnit.SECONDS)
                .toString();
        String p = w.prefix;
        String completions = """
                event_id,mo,event_type,final,quantity,unit,product,lot,time,work_centre,operator,reason
                %1$s-1,%2$s,CONSUMED,,4,Units,%3$s,%4$s,%6$s,ASSEMBLY,anna,
                %1$s-2,%2$s,CONSUMED,,4,Units,%5$s,%7$s,%6$s,ASSEMBLY,anna,
                %1$s-3,%2$s,PRODUCED,N,4,Units,%8$s,%1$s-A,%6$s,ASSEMBLY,anna,
                %1$s-4,%2$s,SCRAPPED,,1,Units,%5$s,%7$s,%6$s,ASSEMBLY,ben,dented case
                %1$s-5,%2$s,CONSUMED,,6.6,Units,%3$s,%4$s,%6$s,ASSEMBLY,ben,
                %1$s-6,%2$s,CONSUMED,,6,Units,%5$s,%7$s,%6$s,ASSEMBLY,ben,
                %1$s-7,%2$s,PRODUCED,Y,6,Units,%8$s,%1$s-B,%6$s,ASSEMBLY,ben,
                %1$s-8,%2$s,CLOSED,,,,,,%6$s,ASSEMBLY,ben,
                %1$s-9,%1$s/NO-SUCH-MO,PRODUCED,Y,1,Units,%8$s,%1$s-Z,%6$s,ASSEMBLY,ben,
                %1$s-10,%2$s,PRODUCED,Y,1,Units,%8$s,%1$s-C,%6$s,ASSEMBLY,ben,
                %1$s-11,%9$s,CONSUMED,,11,Units,%3$s,%4$s,%6$s,ASSEMBLY,carl,
                %1$s-12,%9$s,CONSUMED,,11,Units,%5$s,%7$s,%6$s,ASSEMBLY,carl,
                %1$s-13,%9$s,PRODUCED,Y,11,Units,%8$s,%1$s-O,%6$s,ASSEMBLY,carl,
                """.formatted(p, moName, BLACK, w.code("BLK"), CASE, t, w.code("CASE"), DRAWER, overName);
        w.write("mes", "completions-1.csv", completions);

        first = jobs.start(job, new JobParametersBuilder().addString("run", p + "-1").toJobParameters());
        assertThat(first.getExitStatus().getExitCode()).as(first.getExitStatus().getExitDescription())
                .isEqualTo("AWAITING_APPROVAL");
        overBeforeApproval.putAll(overOrder());
        for (ApprovalRequest r : approvals.pending()) {
            if (r.jobInstanceId() == first.getJobInstance().getId()) {
                asked.put(r.subject().replaceAll(".* event (\\S+) .*", "$1"), r);
            }
        }
        // The approver lets the over-production through and acknowledges the production after the end.
        for (ApprovalRequest r : asked.values()) {
            approvals.decide(r.id(), Decision.approve("counted again on the line"), new Actor("petra", "acceptance"));
        }
        resumed = OdooFixtures.resumed(repository, first);
        assertThat(resumed.getStatus()).as(resumed.getExitStatus().getExitDescription())
                .isEqualTo(BatchStatus.COMPLETED);
        afterFirstRun.putAll(odooState());

        // The same events again: the same bytes under another name (a duplicate file) and in a file of their own
        // (other bytes: the events are recognised by their ids, not by the file).
        w.write("mes", "completions-2.csv", completions);
        w.write("mes", "completions-3.csv", completions + "# sent again by the MES after its restart\n");
        // And the job as if it had died after Odoo booked the final production but before it recorded that.
        jdbc.sql("""
                UPDATE mes_event SET state = 'MARKED', marked_at = now() - interval '1 hour', applied_at = NULL
                 WHERE event_id IN (:ids)""").param("ids", List.of(p + "-5", p + "-6", p + "-7")).update();
        again = jobs.start(job, new JobParametersBuilder().addString("run", p + "-2").toJobParameters());
        assertThat(again.getStatus()).as(again.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
    }

    private int product(String code) {
        return ((Number) odoo.one("product.product", List.of(eq("default_code", code)), List.of("id")).get("id"))
                .intValue();
    }

    private int templateOf(int product) {
        return RealOdoo.id(odoo.read("product.product", List.of(product), List.of("product_tmpl_id"), Map.of()).get(0)
                .get("product_tmpl_id"));
    }

    /** The order's family, its consumption, its scraps and its finished lots, as Odoo holds them. */
    private Map<String, Object> odooState() {
        Map<String, Object> state = new LinkedHashMap<>();
        List<Map<String, Object>> family = family();
        state.put("family", family);
        for (Map<String, Object> mo : family) {
            state.put("consumed " + mo.get("name"), consumed(((Number) mo.get("id")).intValue()));
        }
        state.put("scraps", scraps());
        state.put("lots", odoo.searchRead("stock.lot", List.of(List.of("name", "=like", w.prefix + "-_")),
                List.of("name", "product_qty")));
        return state;
    }

    /** Component quantities consumed by an order (done lines into production), by product code and lot. */
    private Map<String, Double> consumed(int mo) {
        Map<String, Double> consumed = new java.util.TreeMap<>();
        for (Map<String, Object> line : odoo.searchRead("stock.move.line", List.of(
                eq("move_id.raw_material_production_id", mo), eq("state", "done"),
                eq("location_dest_id.usage", "production")), List.of("product_id", "lot_id", "quantity"))) {
            String product = RealOdoo.display(line.get("product_id"));
            consumed.merge(product.substring(1, product.indexOf(']')) + " " + RealOdoo.display(line.get("lot_id")),
                    ((Number) line.get("quantity")).doubleValue(), Double::sum);
        }
        return consumed;
    }

    private List<Map<String, Object>> scraps() {
        return odoo.searchRead("stock.scrap", List.of("|", List.of("origin", "=like", "MES plant-1/" + w.prefix + "-%"),
                List.of("production_id.name", "=like", moName + "%")), List.of("state", "scrap_qty", "production_id",
                "lot_id", "product_id", "origin"));
    }

    private Map<String, Object> overOrder() {
        return odoo.searchRead("mrp.production", List.of(eq("name", overName)), List.of("state", "qty_produced",
                "qty_producing")).get(0);
    }

    private List<Map<String, Object>> family() {
        return odoo.searchRead("mrp.production", List.of("|", eq("name", moName), List.of("name", "=like",
                moName + "-%")), List.of("name", "state", "product_qty", "qty_produced", "backorder_sequence",
                odoo.version >= 19 ? "lot_producing_ids" : "lot_producing_id", "move_raw_ids", "scrap_ids"));
    }

    private Map<String, Object> member(String suffix) {
        return family().stream().filter(r -> (moName + suffix).equals(r.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + moName + suffix + " in " + family()));
    }

    private String lotOf(Map<String, Object> mo) {
        Object lot = odoo.version >= 19 ? ((List<?>) mo.get("lot_producing_ids")).get(0)
                : RealOdoo.id(mo.get("lot_producing_id"));
        return (String) odoo.read("stock.lot", List.of(((Number) lot).intValue()), List.of("name"), Map.of()).get(0)
                .get("name");
    }

    @Test
    @Order(1)
    void theFirstFourAreDoneOnTheRenamedOrderAndTheRestOnItsBackorder() {
        SoftAssertions soft = new SoftAssertions();
        Map<String, Object> done = member("-001");
        Map<String, Object> backorder = member("-002");
        soft.assertThat(family()).as("the family of " + moName).hasSize(2);
        soft.assertThat(done.get("state")).isEqualTo("done");
        soft.assertThat(((Number) done.get("product_qty")).doubleValue()).isEqualTo(4.0);
        soft.assertThat(((Number) done.get("qty_produced")).doubleValue()).isEqualTo(4.0);
        soft.assertThat(lotOf(done)).isEqualTo(w.prefix + "-A");
        soft.assertThat(backorder.get("state")).isEqualTo("done");
        soft.assertThat(((Number) backorder.get("qty_produced")).doubleValue()).isEqualTo(6.0);
        soft.assertThat(lotOf(backorder)).isEqualTo(w.prefix + "-B");
        soft.assertAll();
    }

    @Test
    @Order(2)
    void theReportedConsumptionIsBookedWithItsLotsTenPercentOverPlanOnTheBackorder() {
        assertThat(consumed(((Number) member("-001").get("id")).intValue())).isEqualTo(Map.of(
                BLACK + " " + w.code("BLK"), 4.0, CASE + " " + w.code("CASE"), 4.0));
        assertThat(consumed(((Number) member("-002").get("id")).intValue())).isEqualTo(Map.of(
                BLACK + " " + w.code("BLK"), 6.6, CASE + " " + w.code("CASE"), 6.0));
    }

    @Test
    @Order(3)
    void theScrapIsDoneOnTheOrderTheMesStillCallsByItsFirstName() {
        List<Map<String, Object>> scraps = scraps();
        assertThat(scraps).hasSize(1);
        assertThat(scraps.get(0).get("state")).isEqualTo("done");
        assertThat(((Number) scraps.get(0).get("scrap_qty")).doubleValue()).isEqualTo(1.0);
        assertThat(RealOdoo.display(scraps.get(0).get("production_id"))).isEqualTo(moName + "-002");
        assertThat(RealOdoo.display(scraps.get(0).get("lot_id"))).isEqualTo(w.code("CASE"));
        assertThat(scraps.get(0).get("origin")).isEqualTo("MES plant-1/" + w.prefix + "-4");
    }

    @Test
    @Order(4)
    void theUnknownOrderIsAnExceptionWithFileAndLineAndTheRestApplied() {
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT x.reason_code, x.location, f.name AS file, x.message FROM exception_record x
                  LEFT JOIN inbound_file f ON f.id = x.inbound_file_id
                 WHERE x.job_name = 'production-completion-import'""").query().listOfRows();
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.get("reason_code")).isEqualTo("UNKNOWN_MO");
            assertThat(r.get("file")).isEqualTo("completions-1.csv");
            assertThat((String) r.get("location")).startsWith("line 10 ");
        });
        Map<String, Object> states = new LinkedHashMap<>();
        jdbc.sql("SELECT event_id, state FROM mes_event ORDER BY id").query()
                .listOfRows().forEach(r -> states.put((String) r.get("event_id"), r.get("state")));
        assertThat(states.values()).containsExactly("APPLIED", "APPLIED", "APPLIED", "APPLIED", "APPLIED", "APPLIED",
                "APPLIED", "APPLIED", "EXCEPTION", "SKIPPED", "APPLIED", "APPLIED", "APPLIED");
    }

    @Test
    @Order(5)
    void theSameEventsAgainAndARestartAfterOdooBookedChangeNothing() {
        assertThat(odooState()).isEqualTo(afterFirstRun);
        assertThat(jdbc.sql("SELECT state FROM inbound_file WHERE name = 'completions-2.csv'").query(String.class)
                .single()).isEqualTo("DUPLICATE");
        assertThat(jdbc.sql("SELECT count(*) FROM mes_event").query(Integer.class).single()).isEqualTo(13);
        assertThat(jdbc.sql("SELECT count(*) FROM exception_record WHERE job_execution_id = :e")
                .param("e", again.getId()).query(Integer.class).single()).isZero();
    }

    @Test
    @Order(6)
    void whatOdooWouldAcceptSilentlyWaitedForAnApproverBeforeAnyCall() {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(asked.keySet()).containsExactlyInAnyOrder(w.prefix + "-10", w.prefix + "-13");
        ApprovalRequest done = asked.get(w.prefix + "-10");
        ApprovalRequest over = asked.get(w.prefix + "-13");
        if (done != null) {
            soft.assertThat(done.reasonCode()).isEqualTo("MO_DONE");
            soft.assertThat(done.impactQuantity()).isEqualByComparingTo("1");
            soft.assertThat(done.impactAmount()).isNotNull();
        }
        if (over != null) {
            soft.assertThat(over.reasonCode()).isEqualTo("PRODUCE_OVER_TOLERANCE");
            soft.assertThat(over.impactQuantity()).isEqualByComparingTo("1");
            soft.assertThat(over.reason()).contains("11 of 10 ordered");
        }
        // nothing was sent for the over-production before the approval
        soft.assertThat(overBeforeApproval.get("state")).isEqualTo("confirmed");
        soft.assertThat(((Number) overBeforeApproval.get("qty_producing")).doubleValue()).isZero();
        // approved: booked as the MES reported it
        Map<String, Object> after = overOrder();
        soft.assertThat(after.get("state")).isEqualTo("done");
        soft.assertThat(((Number) after.get("qty_produced")).doubleValue()).isEqualTo(11.0);
        // acknowledged, never booked on the done order
        soft.assertThat(odoo.searchRead("stock.lot", List.of(eq("name", w.prefix + "-C")), List.of("id"))).isEmpty();
        soft.assertThat(((Number) member("-002").get("qty_produced")).doubleValue()).isEqualTo(6.0);
        soft.assertAll();
    }

    @Test
    @Order(7)
    void theLagFromTheMesEventToItsStockMoveIsMeasured() {
        Timer produced = meters.find("plantsync.mes.event.lag").tag("plant", "plant-1").tag("type", "PRODUCED")
                .timer();
        assertThat(produced).isNotNull();
        // two productions and the approved over-production, the final one verified again in the second run
        assertThat(produced.count()).isEqualTo(4);
        assertThat(produced.max(java.util.concurrent.TimeUnit.MINUTES)).isBetween(29.0, 60.0);
    }
}
