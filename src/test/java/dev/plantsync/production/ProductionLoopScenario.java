package dev.plantsync.production;

import static dev.plantsync.production.LoopPlant.BLACK;
import static dev.plantsync.production.LoopPlant.BLACK_LOT;
import static dev.plantsync.production.LoopPlant.CASE;
import static dev.plantsync.production.LoopPlant.CASE_LOT;
import static dev.plantsync.production.LoopPlant.DRAWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.plantsync.approvals.ApprovalRequest;
import dev.plantsync.approvals.Approvals;
import dev.plantsync.approvals.Decision;
import dev.plantsync.monitoring.BusinessTrace;
import dev.plantsync.platform.Actor;
import dev.plantsync.support.Resumed;
import dev.plantsync.support.SimulatedWorld;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The whole plant loop on one simulated Odoo version: an order of 10 Drawers created and confirmed as a planner does
 * it, released to plant 1's MES, then completed by completion files written here as the MES writes them
 * (jobs/production-completions.md): 4 produced (Odoo splits the order: -001 done, backorder -002), the next release
 * sending -002 once as NEW with backorder_of the name the MES has, then a scrap, the rest with one component 10 % over
 * plan (the plant allows 15 %). The same files again change nothing in Odoo. And a
 * second order produced 11 of 10 (the plant allows 10 % more), where Odoo's set_qty_producing leaves a line without
 * lot for the eleventh that the job must replace by the MES's lots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ProductionLoopScenario {

    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final String HEADER = "event_id,mo,event_type,final,quantity,unit,product,lot,time,work_centre,"
            + "operator,reason\n";

    @Autowired
    JobOperator jobs;

    @Autowired
    @Qualifier("productionOrderRelease")
    Job release;

    @Autowired
    @Qualifier("productionCompletionImport")
    Job completions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BusinessTrace trace;

    @Autowired
    Approvals approvals;

    @Autowired
    JobRepository repository;

    abstract LoopPlant plant();

    /** The state the tests of a class hand on: the order, its name as released, the files sent. */
    static final class Loop {
        int mo;
        String mesName;
        String file1;
        String file2;
        Map<String, Object> odooAfterSecondFile;
    }

    abstract Loop loop();

    /** Plant 1's MES drop as a local directory (releases out, completions in) and the plant's tolerances. */
    static void wire(SimulatedWorld world, DynamicPropertyRegistry registry) {
        world.register(registry);
        try {
            Files.createDirectories(world.temp.resolve("mes-plant-1").resolve("inbound"));
            Files.writeString(world.temp.resolve("partners.yml"), """
                      - id: mes-plant-1
                        localDirectory: %s
                        outbound: /to-mes
                        patterns: {mes-completion: ["completions*.csv", "completions*.json"], mes-ack: ["acks*.csv"]}
                    """.formatted(world.temp.resolve("mes-plant-1")), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("plantsync.production.plants.plant-1.partner", () -> "mes-plant-1");
        registry.add("plantsync.production.plants.plant-1.warehouse", () -> "WH");
        registry.add("plantsync.production.plants.plant-1.format", () -> "csv");
        registry.add("plantsync.production.plants.plant-1.work-centres[Assembly]", () -> "ASM-01");
        // 6.6 of 6 planned is 10 % over: within; 11 of 10 ordered is 10 % more: within
        registry.add("plantsync.production.plants.plant-1.consume-tolerance-percent", () -> "15");
        registry.add("plantsync.production.plants.plant-1.produce-tolerance-percent", () -> "10");
    }

    @Test
    @Order(1)
    void anOrderConfirmedInOdooIsReleasedToTheMesWithItsComponentsAndOperations() throws Exception {
        LoopPlant plant = plant();
        Loop loop = loop();
        loop.mo = plant.confirmedOrder(10);
        Map<String, Object> mo = order(loop.mo);
        assertThat(mo.get("state")).isEqualTo("confirmed");
        assertThat(mo.get("reservation_state")).isEqualTo("assigned");

        JobExecution run = release();

        assertThat(run.getStatus()).as(run.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        List<Path> files = releases();
        assertThat(files).hasSize(1);
        List<CSVRecord> rows = ProductionOrderReleaseScenario.parse(files.get(0));
        loop.mesName = rows.get(0).get("mo");
        assertThat(loop.mesName).isEqualTo(mo.get("name"));
        assertThat(rows).extracting(r -> r.get("record"), r -> r.get("mo_id"), r -> r.get("change"),
                r -> r.get("item"), r -> r.get("quantity"), r -> r.get("tracking"), r -> r.get("sequence"),
                r -> r.get("work_centre"))
                .containsExactly(tuple("ORDER", "" + loop.mo, "NEW", DRAWER, "10.00", "lot", "", ""),
                        tuple("COMPONENT", "" + loop.mo, "", BLACK, "10.00", "lot", "", ""),
                        tuple("COMPONENT", "" + loop.mo, "", CASE, "10.00", "lot", "", ""),
                        tuple("OPERATION", "" + loop.mo, "", "Cutting", "", "", "10", "Machining"),
                        tuple("OPERATION", "" + loop.mo, "", "Assembly", "", "", "20", "ASM-01"),
                        tuple("OPERATION", "" + loop.mo, "", "Packing", "", "", "30", "ASM-01"));
        assertThat(rows.get(0).get("backorder_of")).as("an order that is not a backorder").isEmpty();
        assertThat(run.getExitStatus().getExitDescription()).contains("1 orders (1 new, 0 changed, 0 cancelled)");
    }

    @Test
    @Order(2)
    void fourProducedSplitTheOrderIntoTheDoneOneAndABackorderOfSix() throws Exception {
        Loop loop = loop();
        loop.file1 = HEADER + """
                E-101,%1$s,CONSUMED,,4,Units,%2$s,%3$s,2026-12-03T08:00:00+01:00,ASSEMBLY,anna,
                E-102,%1$s,CONSUMED,,4,Units,%4$s,%5$s,2026-12-03T08:00:00+01:00,ASSEMBLY,anna,
                E-103,%1$s,PRODUCED,N,4,Units,%6$s,DRW-A,2026-12-03T08:05:00+01:00,ASSEMBLY,anna,
                """.formatted(loop.mesName, BLACK, BLACK_LOT, CASE, CASE_LOT, DRAWER);
        drop("completions-0001.csv", loop.file1);

        JobExecution run = complete();

        assertThat(run.getStatus()).as(run.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(run.getExitStatus().getExitDescription()).contains("mes events: applied 3");
        Map<String, Object> done = member("-001");
        Map<String, Object> backorder = member("-002");
        assertThat(family()).hasSize(2);
        assertThat(done.get("id")).isEqualTo(loop.mo);
        assertThat(done.get("state")).isEqualTo("done");
        assertThat(done.get("product_qty")).isEqualTo(4.0);
        assertThat(done.get("qty_produced")).isEqualTo(4.0);
        assertThat(finishedLot(done)).isEqualTo("DRW-A");
        assertThat(backorder.get("state")).isEqualTo("confirmed");
        assertThat(backorder.get("product_qty")).isEqualTo(6.0);
        assertThat(backorder.get("backorder_sequence")).isEqualTo(2);
        assertThat(consumed((Integer) done.get("id"))).isEqualTo(Map.of(BLACK + " " + BLACK_LOT, 4.0,
                CASE + " " + CASE_LOT, 4.0));
        assertThat(jdbc.sql("SELECT odoo_name FROM mes_mo_map WHERE plant = 'plant-1' AND mes_name = :name")
                .param("name", loop.mesName).query(String.class).single()).isEqualTo(loop.mesName + "-002");
    }

    /**
     * The schedule runs the release between the MES's files: the backorder Odoo opened is an open order, sent once as
     * NEW under its own name and id, and it names the order the MES has. The done -001 is not sent.
     */
    @Test
    @Order(3)
    void theNextReleaseSendsTheBackorderAsTheRestOfTheOrderTheMesHas() throws Exception {
        Loop loop = loop();
        Map<String, Object> backorder = member("-002");

        JobExecution run = release();

        assertThat(run.getStatus()).as(run.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        List<Path> files = releases();
        assertThat(files).hasSize(2);
        List<CSVRecord> rows = ProductionOrderReleaseScenario.parse(ProductionOrderReleaseScenario.newest(files));
        assertThat(rows).filteredOn(r -> r.get("record").equals("ORDER"))
                .extracting(r -> r.get("mo"), r -> r.get("mo_id"), r -> r.get("version"), r -> r.get("change"),
                        r -> r.get("quantity"), r -> r.get("backorder_of"))
                .containsExactly(tuple(loop.mesName + "-002", "" + backorder.get("id"), "1", "NEW", "6.00",
                        loop.mesName));
        assertThat(rows).filteredOn(r -> r.get("record").equals("COMPONENT"))
                .extracting(r -> r.get("item"), r -> r.get("quantity"), r -> r.get("backorder_of"))
                .containsExactly(tuple(BLACK, "6.00", ""), tuple(CASE, "6.00", ""));

        JobExecution again = release();

        assertThat(again.getExitStatus().getExitDescription()).as("released once")
                .contains("plant-1: nothing changed, no file");
        assertThat(releases()).hasSize(2);
    }

    @Test
    @Order(4)
    void theRestWithAScrapAndTenPercentOverPlanCompletesTheBackorderTheMesStillCallsByTheFirstName()
            throws Exception {
        Loop loop = loop();
        loop.file2 = HEADER + """
                E-104,%1$s,SCRAPPED,,1,Units,%4$s,%5$s,2026-12-03T09:00:00+01:00,ASSEMBLY,ben,dented case
                E-105,%1$s,CONSUMED,,6.6,Units,%2$s,%3$s,2026-12-03T11:00:00+01:00,ASSEMBLY,ben,
                E-106,%1$s,CONSUMED,,6,Units,%4$s,%5$s,2026-12-03T11:00:00+01:00,ASSEMBLY,ben,
                E-107,%1$s,PRODUCED,Y,6,Units,%6$s,DRW-B,2026-12-03T11:05:00+01:00,ASSEMBLY,ben,
                """.formatted(loop.mesName, BLACK, BLACK_LOT, CASE, CASE_LOT, DRAWER);
        drop("completions-0002.csv", loop.file2);

        JobExecution run = complete();

        assertThat(run.getStatus()).as(run.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(run.getExitStatus().getExitDescription()).contains("mes events: applied 4");
        Map<String, Object> backorder = member("-002");
        int backorderId = (Integer) backorder.get("id");
        assertThat(backorder.get("state")).isEqualTo("done");
        assertThat(backorder.get("qty_produced")).isEqualTo(6.0);
        assertThat(finishedLot(backorder)).isEqualTo("DRW-B");
        assertThat(consumed(backorderId)).isEqualTo(Map.of(BLACK + " " + BLACK_LOT, 6.6, CASE + " " + CASE_LOT,
                6.0));
        // the move itself: 6.6 booked against 6 planned (the consumption warning confirmed)
        assertThat(plant().odoo.searchRead("stock.move", List.of(List.of("raw_material_production_id", "=",
                backorderId), List.of("product_id", "=", plant().black), List.of("location_dest_id.usage", "=", "production")),
                List.of("state", "quantity", "product_uom_qty")))
                .extracting(m -> m.get("state"), m -> m.get("quantity"), m -> m.get("product_uom_qty"))
                .contains(tuple("done", 6.6, 6.0));
        List<Map<String, Object>> scraps = plant().odoo.searchRead("stock.scrap", List.of(), List.of("state",
                "scrap_qty", "production_id", "product_id", "lot_id", "origin"));
        assertThat(scraps).hasSize(1);
        Map<String, Object> scrap = scraps.get(0);
        assertThat(scrap.get("state")).isEqualTo("done");
        assertThat(scrap.get("scrap_qty")).isEqualTo(1.0);
        assertThat(((List<?>) scrap.get("production_id")).get(0)).isEqualTo(backorderId);
        assertThat(((List<?>) scrap.get("lot_id")).get(1)).isEqualTo(CASE_LOT);
        assertThat(scrap.get("origin")).isEqualTo("MES plant-1/E-104");
        assertThat(backorder.get("scrap_ids")).isEqualTo(List.of(scrap.get("id")));
        assertThat(finishedQuants()).isEqualTo(Map.of("DRW-A", 4.0, "DRW-B", 6.0));
        loop.odooAfterSecondFile = odooState();
    }

    @Test
    @Order(5)
    void theSameFilesAgainChangeNothingInOdoo() throws Exception {
        Loop loop = loop();
        Map<String, Integer> callsBefore = plant().odoo.calls();
        long eventsBefore = jdbc.sql("SELECT count(*) FROM mes_event").query(Long.class).single();
        long filesBefore = jdbc.sql("SELECT coalesce(max(id), 0) FROM inbound_file").query(Long.class).single();
        // the same names and bytes (duplicate files), and renamed copies with other bytes: the events are known by id
        drop("completions-0001.csv", loop.file1);
        drop("completions-0002.csv", loop.file2);
        drop("completions-0001-resent.csv", loop.file1 + "# sent again after the MES restarted\n");
        drop("completions-0002-resent.csv", loop.file2 + "# sent again after the MES restarted\n");

        JobExecution run = complete();

        assertThat(run.getStatus()).as(run.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(odooState()).isEqualTo(loop.odooAfterSecondFile);
        assertThat(plant().odoo.writesSince(callsBefore)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM mes_event").query(Long.class).single()).isEqualTo(eventsBefore);
        // the run: nothing of its own staged or applied, the copies recognised
        assertThat(run.getExitStatus().getExitDescription())
                .contains("mes events: none; 7 sent before, not applied again");
        StepExecution staging = run.getStepExecutions().stream().filter(s -> s.getStepName().endsWith("stage-files"))
                .findFirst().orElseThrow();
        assertThat(staging.getReadCount()).as("events read from the renamed copies").isEqualTo(7);
        assertThat(staging.getFilterCount()).as("events sent before").isEqualTo(7);
        assertThat(staging.getWriteCount()).isZero();
        assertThat(jdbc.sql("""
                SELECT name, state FROM inbound_file WHERE document_type = 'mes-completion' AND id > :before
                 ORDER BY name""").param("before", filesBefore)
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).list())
                .containsExactly("completions-0001-resent.csv PROCESSED", "completions-0001.csv DUPLICATE",
                        "completions-0002-resent.csv PROCESSED", "completions-0002.csv DUPLICATE");
    }

    @Test
    @Order(6)
    void everyEventWasAppliedOnceAndTheFamilyCanBeTraced() {
        Loop loop = loop();
        int done = (Integer) member("-001").get("id");
        int backorder = (Integer) member("-002").get("id");
        assertThat(jdbc.sql("""
                SELECT event_id || ' ' || event_type || ' ' || state || ' ' || odoo_mo_id
                  || coalesce(' with ' || (SELECT p.event_id FROM mes_event p WHERE p.id = e.produced_with), '')
                  FROM mes_event e WHERE plant = 'plant-1' AND mo_name = :name ORDER BY event_id""")
                .param("name", loop.mesName).query(String.class).list()).containsExactly(
                "E-101 CONSUMED APPLIED " + done + " with E-103", "E-102 CONSUMED APPLIED " + done + " with E-103",
                "E-103 PRODUCED APPLIED " + done, "E-104 SCRAPPED APPLIED " + backorder,
                "E-105 CONSUMED APPLIED " + backorder + " with E-107",
                "E-106 CONSUMED APPLIED " + backorder + " with E-107", "E-107 PRODUCED APPLIED " + backorder);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM mes_event WHERE plant = 'plant-1' AND mo_name = :name AND applied_at IS NOT NULL
                   AND marked_at IS NOT NULL""").param("name", loop.mesName).query(Long.class).single()).isEqualTo(7);
        // the ledger: one write per production and scrap, confirmed, none pending
        assertThat(jdbc.sql("""
                SELECT business_key || ' ' || state FROM odoo_write
                 WHERE job_name = 'production-completion-import' ORDER BY business_key""").query(String.class).list())
                .contains("MES plant-1/E-103 CONFIRMED", "MES plant-1/E-107 CONFIRMED")
                .noneMatch(w -> w.endsWith("PENDING"));
        assertThat(jdbc.sql("SELECT count(*) FROM exception_record WHERE job_name = 'production-completion-import'")
                .query(Long.class).single()).isZero();
        // trace by Odoo's name of the backorder: the release under the first name, the backorder's, the seven events
        List<BusinessTrace.Journey> journeys = trace.manufacturingOrder(loop.mesName + "-002");
        assertThat(journeys).hasSize(1);
        List<String> stages = journeys.get(0).steps().stream().map(BusinessTrace.Step::stage).toList();
        assertThat(stages).filteredOn("released"::equals).hasSize(2);
        assertThat(stages).filteredOn("applied in Odoo"::equals).hasSize(7);
        // each event named by the order Odoo booked it on, as Odoo named it then: the split order is -001 (the
        // release knew it by the first name, the MES's name points to -002 now)
        assertThat(journeys.get(0).steps()).extracting(BusinessTrace.Step::detail)
                .anyMatch(d -> d.startsWith("event E-103 PRODUCED to " + loop.mesName + "-001 (Odoo id " + done
                        + "): booked on " + loop.mesName + "-001"))
                .anyMatch(d -> d.startsWith("event E-101 CONSUMED to " + loop.mesName + "-001 (Odoo id " + done
                        + "): "))
                .anyMatch(d -> d.startsWith("event E-104 SCRAPPED to " + loop.mesName + "-002 (Odoo id " + backorder
                        + "), record "))
                .anyMatch(d -> d.startsWith("event E-107 PRODUCED to " + loop.mesName + "-002 (Odoo id " + backorder
                        + "): "));
    }

    @Test
    @Order(7)
    void odooAsksForALotForWhatSetQtyProducingAddsBeyondTheReservation() {
        // what the job meets producing more than ordered, shown on an order of its own
        LoopPlant plant = plant();
        int mo = plant.confirmedOrder(10);
        plant.odoo.call("mrp.production", "write", List.of(List.of(mo), Map.of("qty_producing", 11.0)), Map.of());
        plant.odoo.call("mrp.production", "set_qty_producing", List.of(List.of(mo)), Map.of());
        List<Map<String, Object>> lines = plant.odoo.searchRead("stock.move.line", List.of(List.of(
                "move_id.raw_material_production_id", "=", mo), List.of("product_id", "=", plant.black)),
                List.of("lot_id", "quantity"));
        assertThat(lines).extracting(l -> l.get("lot_id") instanceof List<?> lot ? lot.get(1) : l.get("lot_id"),
                l -> l.get("quantity")).containsExactly(tuple(BLACK_LOT, 10.0), tuple(false, 1.0));
        assertThatThrownBy(() -> plant.odoo.call("mrp.production", "button_mark_done", List.of(List.of(mo)),
                Map.of())).hasMessageContaining("You need to supply a Lot/Serial Number for product:\n- [FURN_2100]");
        assertThat(order(mo).get("state")).isEqualTo("progress");
        plant.odoo.call("mrp.production", "action_cancel", List.of(List.of(mo)), Map.of());
    }

    @Test
    @Order(8)
    void elevenOfTenWithinTheProduceToleranceAreBookedWithTheMesLotsOnly() throws Exception {
        LoopPlant plant = plant();
        int mo = plant.confirmedOrder(10);
        String name = (String) order(mo).get("name");
        JobExecution released = release();
        assertThat(released.getExitStatus().getExitDescription()).contains("1 orders (1 new");
        drop("completions-0003.csv", HEADER + """
                E-201,%1$s,CONSUMED,,11,Units,%2$s,%3$s,2026-12-03T13:00:00+01:00,ASSEMBLY,carl,
                E-202,%1$s,CONSUMED,,11,Units,%4$s,%5$s,2026-12-03T13:00:00+01:00,ASSEMBLY,carl,
                E-203,%1$s,PRODUCED,Y,11,Units,%6$s,DRW-O,2026-12-03T13:05:00+01:00,ASSEMBLY,carl,
                """.formatted(name, BLACK, BLACK_LOT, CASE, CASE_LOT, DRAWER));

        JobExecution run = complete();

        assertThat(run.getStatus()).as(run.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(run.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
        assertThat(run.getExitStatus().getExitDescription()).contains("mes events: applied 3")
                .doesNotContain("ODOO_REFUSED");
        Map<String, Object> after = order(mo);
        assertThat(after.get("name")).isEqualTo(name);
        assertThat(after.get("state")).isEqualTo("done");
        assertThat(after.get("qty_produced")).isEqualTo(11.0);
        assertThat(consumed(mo)).isEqualTo(Map.of(BLACK + " " + BLACK_LOT, 11.0, CASE + " " + CASE_LOT, 11.0));
        assertThat(finishedQuants()).containsEntry("DRW-O", 11.0);
        assertThat(plant.odoo.searchRead("mrp.production", List.of(List.of("name", "=like", name + "-%")),
                List.of("id"))).as("no backorder").isEmpty();
    }

    @Test
    @Order(9)
    void ordersFirstSeenInOneFileAreLookedUpInOneSearchAndEachBookedOnItsOwn() throws Exception {
        LoopPlant plant = plant();
        int first = plant.confirmedOrder(5);
        int second = plant.confirmedOrder(5);
        String a = (String) order(first).get("name");
        String b = (String) order(second).get("name");
        assertThat(release().getExitStatus().getExitDescription()).contains("2 orders (2 new");
        drop("completions-0004.csv", HEADER + """
                E-301,%1$s,CONSUMED,,2,Units,%3$s,%4$s,2026-12-03T14:00:00+01:00,ASSEMBLY,dana,
                E-302,%2$s,CONSUMED,,3,Units,%5$s,%6$s,2026-12-03T14:00:00+01:00,ASSEMBLY,dana,
                E-303,%1$s,PRODUCED,N,2,Units,%7$s,DRW-P,2026-12-03T14:05:00+01:00,ASSEMBLY,dana,
                E-304,%2$s,PRODUCED,N,3,Units,%7$s,DRW-Q,2026-12-03T14:05:00+01:00,ASSEMBLY,dana,
                """.formatted(a, b, BLACK, BLACK_LOT, CASE, CASE_LOT, DRAWER));
        Map<String, Integer> before = plant.odoo.calls();

        JobExecution run = complete();

        assertThat(run.getStatus()).as(run.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(run.getExitStatus().getExitDescription()).contains("mes events: applied 4");
        // each order split on its own: its quantity, its lot, its consumption; the MES's names point to the backorders
        Map<String, String> orders = new TreeMap<>();
        for (String name : List.of(a, b)) {
            plant.odoo.searchRead("mrp.production", List.of("|", List.of("name", "=", name), List.of("name", "=like",
                    name + "-%")), List.of("name", "state", "product_qty", "qty_produced"))
                    .forEach(m -> orders.put((String) m.get("name"), m.get("state") + " " + m.get("qty_produced")
                            + " of " + m.get("product_qty")));
        }
        assertThat(orders).isEqualTo(Map.of(a + "-001", "done 2.0 of 2.0", a + "-002", "confirmed 0.0 of 3.0",
                b + "-001", "done 3.0 of 3.0", b + "-002", "confirmed 0.0 of 2.0"));
        assertThat(consumed(first)).isEqualTo(Map.of(BLACK + " " + BLACK_LOT, 2.0, CASE + " " + CASE_LOT, 2.0));
        assertThat(consumed(second)).isEqualTo(Map.of(BLACK + " " + BLACK_LOT, 3.0, CASE + " " + CASE_LOT, 3.0));
        assertThat(finishedQuants()).containsEntry("DRW-P", 2.0).containsEntry("DRW-Q", 3.0);
        assertThat(jdbc.sql("""
                SELECT mes_name || ' -> ' || odoo_name FROM mes_mo_map WHERE plant = 'plant-1' AND mes_name IN (:a, :b)
                 ORDER BY mes_name""").param("a", a).param("b", b).query(String.class).list())
                .containsExactly(a + " -> " + a + "-002", b + " -> " + b + "-002");
        // What Odoo was asked to read (each a round trip): both families in one search, then per production its
        // family with the order before the calls (state, tolerance, what was produced), once more after the
        // mark-done (done, the -001 and -002 names), its component moves once, and what the order is producing
        // before the mark-done.
        Map<String, Integer> reads = new TreeMap<>();
        for (String call : List.of("mrp.production.search_read", "mrp.production.read", "stock.move.read")) {
            reads.put(call, plant.odoo.calls().getOrDefault(call, 0) - before.getOrDefault(call, 0));
        }
        assertThat(reads).isEqualTo(Map.of("mrp.production.search_read", 1 + 2 * 2, "mrp.production.read", 2,
                "stock.move.read", 2));
        assertThat(trace.manufacturingOrder(a).get(0).steps()).extracting(BusinessTrace.Step::detail)
                .anyMatch(d -> d.startsWith("event E-303 PRODUCED to " + a + "-001 (Odoo id " + first + "): "))
                .anyMatch(d -> d.startsWith("event E-301 CONSUMED to " + a + "-001 (Odoo id " + first + "): "));
    }

    @Test
    @Order(10)
    void whatOdooWouldAcceptSilentlyWaitsForAnApproverBeforeAnyCallAndAnUnknownOrderIsAnException()
            throws Exception {
        LoopPlant plant = plant();
        Loop loop = loop();
        int over = plant.confirmedOrder(2);
        String overName = (String) order(over).get("name");
        // released with the backorders the last test left open (Odoo opened them: NEW to the MES)
        assertThat(release().getExitStatus().getExitDescription()).contains("3 orders (3 new");
        Map<String, Object> doneBefore = member("-002");
        // one more on the order the MES still calls by its first name (both its parts done), 3 of 2 ordered (the plant
        // allows 10 % more) with its components, and an order Odoo does not have
        drop("completions-0005.csv", HEADER + """
                E-401,%1$s,PRODUCED,Y,1,Units,%3$s,DRW-LATE,2026-12-03T15:00:00+01:00,ASSEMBLY,erik,
                E-402,%2$s,CONSUMED,,3,Units,%4$s,%5$s,2026-12-03T15:00:00+01:00,ASSEMBLY,erik,
                E-403,%2$s,CONSUMED,,3,Units,%6$s,%7$s,2026-12-03T15:00:00+01:00,ASSEMBLY,erik,
                E-404,%2$s,PRODUCED,Y,3,Units,%3$s,DRW-OVER,2026-12-03T15:05:00+01:00,ASSEMBLY,erik,
                E-405,WH/MO/NO-SUCH,PRODUCED,Y,1,Units,%3$s,DRW-NONE,2026-12-03T15:05:00+01:00,ASSEMBLY,erik,
                """.formatted(loop.mesName, overName, DRAWER, BLACK, BLACK_LOT, CASE, CASE_LOT));

        JobExecution stopped = complete();

        assertThat(stopped.getExitStatus().getExitCode()).as(stopped.getExitStatus().getExitDescription())
                .isEqualTo("AWAITING_APPROVAL");
        Map<String, String> asked = new TreeMap<>();
        for (ApprovalRequest r : approvals.pending()) {
            if (r.jobInstanceId() == stopped.getJobInstance().getId()) {
                asked.put(r.subject().replaceAll(".* event (\\S+) .*", "$1"), r.reasonCode());
            }
        }
        assertThat(asked).isEqualTo(Map.of("E-401", "MO_DONE", "E-404", "PRODUCE_OVER_TOLERANCE"));
        // nothing sent to Odoo for either before the approver decided
        assertThat(order(over).get("state")).isEqualTo("confirmed");
        assertThat(plant.odoo.searchRead("stock.lot", List.of(List.of("name", "in", List.of("DRW-LATE", "DRW-OVER",
                "DRW-NONE"))), List.of("name"))).isEmpty();
        assertThat(jdbc.sql("""
                SELECT reason_code FROM exception_record WHERE job_name = 'production-completion-import'
                   AND business_key = 'MES plant-1/E-405'""").query(String.class).list()).containsExactly("UNKNOWN_MO");

        for (ApprovalRequest r : approvals.pending()) {
            if (r.jobInstanceId() == stopped.getJobInstance().getId()) {
                approvals.decide(r.id(), Decision.approve("counted on the line"), new Actor("petra", "test"));
            }
        }
        JobExecution resumed = Resumed.await(repository, stopped);

        assertThat(resumed.getStatus()).as(resumed.getExitStatus().getExitDescription())
                .isEqualTo(BatchStatus.COMPLETED);
        // approved over the tolerance: booked as the MES reported it
        assertThat(order(over)).containsEntry("state", "done").containsEntry("qty_produced", 3.0);
        assertThat(consumed(over)).isEqualTo(Map.of(BLACK + " " + BLACK_LOT, 3.0, CASE + " " + CASE_LOT, 3.0));
        // approved on a done order: acknowledged, never booked (Odoo would have accepted it on the done order)
        assertThat(member("-002")).isEqualTo(doneBefore);
        assertThat(plant.odoo.searchRead("stock.lot", List.of(List.of("name", "in", List.of("DRW-LATE",
                "DRW-NONE"))), List.of("name"))).isEmpty();
        assertThat(jdbc.sql("""
                SELECT event_id || ' ' || state FROM mes_event WHERE event_id LIKE 'E-40_' ORDER BY event_id""")
                .query(String.class).list())
                .containsExactly("E-401 SKIPPED", "E-402 APPLIED", "E-403 APPLIED", "E-404 APPLIED", "E-405 EXCEPTION");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    JobExecution release() throws Exception {
        return jobs.start(release, new JobParametersBuilder().addString("plant", "plant-1")
                .addLocalDate("businessDate", LocalDate.of(2026, 12, 3))
                .addString("fireTime", Instant.parse("2026-12-03T06:00:00Z").plusSeconds(300L * RUNS.incrementAndGet())
                        .toString())
                .toJobParameters());
    }

    JobExecution complete() throws Exception {
        return jobs.start(completions, new JobParametersBuilder().addString("run", "loop-" + RUNS.incrementAndGet())
                .toJobParameters());
    }

    void drop(String name, String content) throws IOException {
        Files.writeString(plant().world.temp.resolve("mes-plant-1/inbound").resolve(name), content);
    }

    List<Path> releases() throws IOException {
        return ProductionOrderReleaseScenario.names(plant().world.temp.resolve("mes-plant-1/to-mes")).stream()
                .filter(n -> n.startsWith("releases-") && !n.endsWith(".part")).sorted()
                .map(n -> plant().world.temp.resolve("mes-plant-1/to-mes").resolve(n)).toList();
    }

    Map<String, Object> order(int id) {
        return plant().odoo.searchRead("mrp.production", List.of(List.of("id", "=", id)), List.of("name", "state",
                "reservation_state", "product_qty", "qty_produced")).get(0);
    }

    /** The family of the released order, as Odoo holds it. */
    List<Map<String, Object>> family() {
        String name = loop().mesName;
        return plant().odoo.searchRead("mrp.production", List.of("|", List.of("name", "=", name), List.of("name",
                "=like", name + "-%")), List.of("name", "state", "product_qty", "qty_produced", "backorder_sequence",
                plant().odoo.version() >= 19 ? "lot_producing_ids" : "lot_producing_id", "move_raw_ids",
                "move_finished_ids", "scrap_ids", "is_locked"));
    }

    Map<String, Object> member(String suffix) {
        return family().stream().filter(r -> (loop().mesName + suffix).equals(r.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + loop().mesName + suffix + " in " + family()));
    }

    String finishedLot(Map<String, Object> mo) {
        Object lot = plant().odoo.version() >= 19 ? ((List<?>) mo.get("lot_producing_ids")).get(0)
                : ((List<?>) mo.get("lot_producing_id")).get(0);
        return (String) plant().odoo.searchRead("stock.lot", List.of(List.of("id", "=", lot)), List.of("name")).get(0)
                .get("name");
    }

    /** Component quantities an order consumed (done lines into production), by product code and lot. */
    Map<String, Double> consumed(int mo) {
        Map<String, Double> consumed = new TreeMap<>();
        for (Map<String, Object> line : plant().odoo.searchRead("stock.move.line", List.of(
                List.of("move_id.raw_material_production_id", "=", mo), List.of("location_dest_id.usage", "=", "production"),
                List.of("state", "=", "done")), List.of("product_id", "lot_id", "quantity"))) {
            String product = (String) ((List<?>) line.get("product_id")).get(1);
            Object lot = line.get("lot_id") instanceof List<?> l ? l.get(1) : line.get("lot_id");
            consumed.merge(product.substring(1, product.indexOf(']')) + " " + lot,
                    ((Number) line.get("quantity")).doubleValue(), Double::sum);
        }
        return consumed;
    }

    /** The Drawer's quants in WH/Stock by finished lot (quantity not 0). */
    Map<String, Double> finishedQuants() {
        Map<String, Double> quants = new TreeMap<>();
        for (Map<String, Object> q : plant().odoo.searchRead("stock.quant", List.of(List.of("product_id", "=",
                plant().drawer), List.of("location_id", "=", plant().stock), List.of("lot_id", "!=", false)),
                List.of("lot_id", "quantity"))) {
            if (((Number) q.get("quantity")).doubleValue() != 0) {
                quants.merge((String) ((List<?>) q.get("lot_id")).get(1), ((Number) q.get("quantity")).doubleValue(),
                        Double::sum);
            }
        }
        return quants;
    }

    /** What a repeated booking would change: the orders, every move, move line, quant, lot and scrap. */
    Map<String, Object> odooState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("family", family());
        state.put("moves", all("stock.move", "product_id", "state", "quantity", "product_uom_qty", "picked",
                "raw_material_production_id", "production_id"));
        state.put("lines", all("stock.move.line", "move_id", "lot_id", "quantity", "location_id", "location_dest_id"));
        state.put("quants", all("stock.quant", "product_id", "location_id", "lot_id", "quantity",
                "reserved_quantity"));
        state.put("lots", all("stock.lot", "name", "product_id"));
        state.put("scraps", all("stock.scrap", "name", "state", "scrap_qty", "production_id"));
        return state;
    }

    private List<Map<String, Object>> all(String model, String... fields) {
        return new ArrayList<>(plant().odoo.searchRead(model, List.of(), List.of(fields)));
    }
}
