package dev.plantsync.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.plantsync.support.SimulatedWorld;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The release of manufacturing orders to plant 1's MES (CSV, local drop) and plant 2's (JSON), on one Odoo version:
 * what the first run sends, that nothing changed sends nothing, a changed and a cancelled order, a crash between
 * upload and commit, and the MES's acknowledgements. Orders are seeded as records ({@link PlantFloor}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ProductionOrderReleaseScenario {

    private static final AtomicInteger FIRES = new AtomicInteger();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JobOperator jobs;

    @Autowired
    @Qualifier("productionOrderRelease")
    Job job;

    @Autowired
    JdbcClient jdbc;

    abstract PlantFloor floor();

    /** plantsync.production.release-chunk of the class. */
    abstract int chunk();

    /** Plant 1's MES drop (CSV, acknowledges) and plant 2's (JSON, no acknowledgements) as local directories. */
    static void wire(SimulatedWorld world, DynamicPropertyRegistry registry) {
        world.register(registry);
        try {
            for (String plant : List.of("mes-plant-1", "mes-plant-2")) {
                Files.createDirectories(world.temp.resolve(plant).resolve("inbound"));
            }
            Files.writeString(world.temp.resolve("partners.yml"), """
                      - id: mes-plant-1
                        localDirectory: %s
                        outbound: /to-mes
                        patterns: {mes-ack: ["acks*.csv", "acks*.json"]}
                      - id: mes-plant-2
                        localDirectory: %s
                        outbound: /to-mes
                    """.formatted(world.temp.resolve("mes-plant-1"), world.temp.resolve("mes-plant-2")),
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        registry.add("plantsync.production.plants.plant-1.partner", () -> "mes-plant-1");
        registry.add("plantsync.production.plants.plant-1.warehouse", () -> "WH");
        registry.add("plantsync.production.plants.plant-1.format", () -> "csv");
        registry.add("plantsync.production.plants.plant-1.products[PS-F001]", () -> "MES-F1");
        registry.add("plantsync.production.plants.plant-1.work-centres[Assembly]", () -> "ASM-01");
        registry.add("plantsync.production.plants.plant-2.partner", () -> "mes-plant-2");
        registry.add("plantsync.production.plants.plant-2.warehouse", () -> "WH2");
        registry.add("plantsync.production.plants.plant-2.format", () -> "json");
    }

    @Test
    @Order(1)
    void theFirstRunReleasesTheOpenOrdersOfThePlantsWarehouseAsDocumented() throws Exception {
        PlantFloor floor = floor();
        int c001 = floor.world.demo.product("PS-C001");
        int r001 = floor.world.demo.product("PS-R001");
        int r009 = floor.world.demo.product("PS-R009");
        int r017 = floor.world.demo.product("PS-R017");
        Map<String, Object> cancelledMove = PlantFloor.component(r017, 5, 3);
        cancelledMove.put("state", "cancel");
        floor.order("WH/MO/00001", "confirmed", "PS-F001", 10, floor.mainManufacturing, "2026-12-04 06:00:00",
                "2026-12-05 14:00:00", "S00042", List.of(PlantFloor.component(c001, 10, 1),
                        PlantFloor.component(r001, 5, 2), cancelledMove),
                // created out of routing order: the file lists them by the operation's sequence
                List.of(PlantFloor.workorder("Final test", floor.assembly, floor.testStep, 60),
                        PlantFloor.workorder("Assembly", floor.assembly, floor.assemblyStep, 300)));
        floor.order("WH/MO/00002", "progress", "PS-C001", 4, floor.mainManufacturing, "2026-12-04 08:00:00", null,
                null, List.of(PlantFloor.component(r001, 8, 1), PlantFloor.component(r009, 6, 2)),
                List.of(PlantFloor.workorder("Machining", floor.machining, floor.machiningStep, 48)));
        // not plant 1's: a draft, a done and a cancelled order, and an order of the other warehouse
        floor.order("WH/MO/00003", "draft", "PS-F002", 3, floor.mainManufacturing, "2026-12-04 06:00:00", null, null,
                List.of(), List.of());
        floor.order("WH/MO/00004", "done", "PS-F002", 3, floor.mainManufacturing, "2026-12-01 06:00:00", null, null,
                List.of(), List.of());
        floor.order("WH/MO/00005", "cancel", "PS-F002", 3, floor.mainManufacturing, "2026-12-01 06:00:00", null, null,
                List.of(), List.of());
        floor.order("WH2/MO/00001", "confirmed", "PS-F003", 7, floor.secondManufacturing, "2026-12-06 06:00:00",
                null, "S00077", List.of(PlantFloor.component(c001, 7, 1)), List.of());
        floor.odoo.resetCalls();

        JobExecution run = run("plant-1");

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Path file = single(releases("mes-plant-1"));
        assertThat(file.getFileName().toString()).matches("releases-plant-1-\\d{8}T\\d{6}-"
                + run.getJobInstance().getId() + "\\.csv");
        // written by hand from jobs/production-files.md
        assertThat(Files.readString(file)).isEqualTo("""
                record,mo,mo_id,version,change,changes,item,quantity,unit,tracking,sequence,work_centre,expected_minutes,planned_start,deadline,origin,backorder_of
                ORDER,WH/MO/00001,%1$d,1,NEW,,MES-F1,10.00,Units,lot,,,,2026-12-04T06:00:00Z,2026-12-05T14:00:00Z,S00042,
                COMPONENT,WH/MO/00001,%1$d,1,,,PS-C001,10.00,Units,none,,,,,,,
                COMPONENT,WH/MO/00001,%1$d,1,,,PS-R001,5.00,Units,lot,,,,,,,
                OPERATION,WH/MO/00001,%1$d,1,,,Assembly,,,,10,ASM-01,300.00,,,,
                OPERATION,WH/MO/00001,%1$d,1,,,Final test,,,,20,ASM-01,60.00,,,,
                ORDER,WH/MO/00002,%2$d,1,NEW,,PS-C001,4.00,Units,none,,,,2026-12-04T08:00:00Z,,,
                COMPONENT,WH/MO/00002,%2$d,1,,,PS-R001,8.00,Units,lot,,,,,,,
                COMPONENT,WH/MO/00002,%2$d,1,,,PS-R009,6.00,Units,none,,,,,,,
                OPERATION,WH/MO/00002,%2$d,1,,,Machining,,,,5,Machining,48.00,,,,
                """.formatted(mo("WH/MO/00001"), mo("WH/MO/00002")));
        // and read back by the documented columns
        List<CSVRecord> rows = parse(file);
        assertThat(rows.get(0).getParser().getHeaderNames()).isEqualTo(documentedColumns());
        assertThat(rows).filteredOn(r -> r.get("record").equals("ORDER"))
                .extracting(r -> r.get("mo"), r -> r.get("change"), r -> r.get("item"), r -> r.get("quantity"))
                .containsExactly(tuple("WH/MO/00001", "NEW", "MES-F1", "10.00"),
                        tuple("WH/MO/00002", "NEW", "PS-C001", "4.00"));
        assertThat(released()).containsExactly("WH/MO/00001 v1 NEW", "WH/MO/00002 v1 NEW");
        assertThat(partFiles("mes-plant-1")).isEmpty();
        // batched: one read of a page's moves and one of its work orders, never one call per order; with pages of
        // one order, a commit and a read position per order
        int pages = (2 + chunk() - 1) / chunk();
        assertThat(floor.odoo.calls("stock.move", "read")).isEqualTo(pages);
        assertThat(floor.odoo.calls("mrp.workorder", "read")).isEqualTo(pages);
        assertThat(run.getExitStatus().getExitDescription()).contains("plant-1: " + file.getFileName()
                + " delivered, 2 orders (2 new, 0 changed, 0 cancelled)");
    }

    @Test
    @Order(2)
    void aRunWithNothingChangedWritesNoFile() throws Exception {
        JobExecution run = run("plant-1");

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(releases("mes-plant-1")).hasSize(1);
        assertThat(released()).hasSize(2);
        assertThat(run.getExitStatus().getExitDescription()).contains("plant-1: nothing changed, no file");
    }

    @Test
    @Order(3)
    void aChangedQuantityIsSentAsChangedWithWhatChanged() throws Exception {
        PlantFloor floor = floor();
        int mo1 = mo("WH/MO/00001");
        // as Odoo's change.production.qty does: the order and its component demands
        floor.odoo.write("mrp.production", mo1, Map.of("product_qty", 12.0));
        floor.odoo.write("stock.move", floor.moves(mo1).get("PS-C001"), Map.of("product_uom_qty", 12.0));
        floor.odoo.write("stock.move", floor.moves(mo1).get("PS-R001"), Map.of("product_uom_qty", 6.0));
        // the MES started order 2: its state is no news to the MES
        floor.odoo.write("mrp.production", mo("WH/MO/00002"), Map.of("state", "progress", "origin", false));

        JobExecution run = run("plant-1");

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<CSVRecord> rows = parse(newest(releases("mes-plant-1")));
        assertThat(rows).extracting(r -> r.get("record") + " " + r.get("mo") + " v" + r.get("version") + " "
                + r.get("change") + " " + r.get("changes") + " " + r.get("item") + " " + r.get("quantity"))
                .containsExactly("ORDER WH/MO/00001 v2 CHANGED quantity;components MES-F1 12.00",
                        "COMPONENT WH/MO/00001 v2   PS-C001 12.00", "COMPONENT WH/MO/00001 v2   PS-R001 6.00",
                        "OPERATION WH/MO/00001 v2   Assembly ", "OPERATION WH/MO/00001 v2   Final test ");
    }

    @Test
    @Order(4)
    void aCancelledOrderIsWithdrawnAndOneNeverReleasedIsNotMentioned() throws Exception {
        PlantFloor floor = floor();
        floor.odoo.write("mrp.production", mo("WH/MO/00002"), Map.of("state", "cancel"));
        floor.order("WH/MO/00006", "cancel", "PS-F002", 3, floor.mainManufacturing, "2026-12-01 06:00:00", null,
                null, List.of(), List.of());
        // a product without internal reference: the MES would have no code for it
        int nameless = floor.odoo.create("product.product", PlantFloor.map("name", "Prototype housing"));
        floor.order("WH/MO/00007", "confirmed", nameless, 1, floor.mainManufacturing, "2026-12-04 10:00:00", null,
                null, List.of(), List.of());

        JobExecution run = run("plant-1");

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<CSVRecord> rows = parse(newest(releases("mes-plant-1")));
        assertThat(rows).extracting(r -> r.get("record") + " " + r.get("mo") + " v" + r.get("version") + " "
                + r.get("change") + " [" + r.get("item") + "]")
                .containsExactly("ORDER WH/MO/00002 v2 CANCELLED []");
        assertThat(run.getExitStatus().getExitDescription()).contains("1 orders (0 new, 0 changed, 1 cancelled)",
                "1 exception (UNRELEASABLE_ORDER 1)");
        assertThat(jdbc.sql("""
                SELECT business_key || ' | ' || message FROM exception_record WHERE reason_code = 'UNRELEASABLE_ORDER'""")
                .query(String.class).list()).containsExactly("WH/MO/00007 | plant plant-1: WH/MO/00007 cannot be "
                        + "released: product Prototype housing (id " + nameless + ") has no internal reference, so the"
                        + " MES has no code for it; it is released with the next change of the order once this is put"
                        + " right");
    }

    @Test
    @Order(5)
    void aCrashBetweenUploadAndCommitDeliversTheSameFileOnce() throws Exception {
        PlantFloor floor = floor();
        int mo1 = mo("WH/MO/00001");
        floor.odoo.write("mrp.production", mo1, Map.of("date_deadline", "2026-12-06 14:00:00"));
        jdbc.sql("""
                CREATE FUNCTION crash_after_upload() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'simulated crash after the upload'; END $$ LANGUAGE plpgsql""").update();
        jdbc.sql("""
                CREATE TRIGGER crash_after_upload BEFORE UPDATE ON production_release_file FOR EACH ROW
                WHEN (NEW.state = 'DELIVERED') EXECUTE FUNCTION crash_after_upload()""").update();
        int before = releases("mes-plant-1").size();

        JobExecution crashed = run("plant-1");

        assertThat(crashed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(releases("mes-plant-1")).hasSize(before + 1);
        Path uploaded = newest(releases("mes-plant-1"));
        byte[] sent = Files.readAllBytes(uploaded);
        jdbc.sql("DROP TRIGGER crash_after_upload ON production_release_file").update();
        jdbc.sql("DROP FUNCTION crash_after_upload()").update();
        // Odoo moves on meanwhile: the restart still finishes the release it had, the change is the next run's
        floor.odoo.write("mrp.production", mo1, Map.of("product_qty", 15.0));

        JobExecution restarted = jobs.restart(crashed);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(releases("mes-plant-1")).hasSize(before + 1);
        assertThat(Files.readAllBytes(uploaded)).isEqualTo(sent);
        assertThat(parse(uploaded)).filteredOn(r -> r.get("record").equals("ORDER"))
                .extracting(r -> r.get("mo") + " v" + r.get("version") + " " + r.get("changes") + " "
                        + r.get("quantity"))
                .containsExactly("WH/MO/00001 v3 deadline 12.00");
        assertThat(jdbc.sql("SELECT state, sha256 FROM production_release_file WHERE job_instance_id = :run")
                .param("run", crashed.getJobInstance().getId())
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).single())
                .isEqualTo("DELIVERED " + ReleaseFingerprint.sha256(sent));

        JobExecution next = run("plant-1");

        assertThat(next.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(parse(newest(releases("mes-plant-1")))).filteredOn(r -> r.get("record").equals("ORDER"))
                .extracting(r -> r.get("mo") + " v" + r.get("version") + " " + r.get("changes") + " "
                        + r.get("quantity"))
                .containsExactly("WH/MO/00001 v4 quantity 15.00");
    }

    @Test
    @Order(6)
    void theMesAcknowledgementsAreRecordedAndARejectionIsAnException() throws Exception {
        Path inbound = floor().world.temp.resolve("mes-plant-1/inbound");
        Files.writeString(inbound.resolve("acks-0001.csv"), """
                mo,version,status,reason
                WH/MO/00001,1,ACCEPTED,
                WH/MO/00002,1,rejected,"routing step 20 unknown on line 3, please re-release"
                WH/MO/09999,1,ACCEPTED,
                WH/MO/00001,two,ACCEPTED,
                """);

        JobExecution run = run("plant-1");

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("""
                SELECT mo_name || ' v' || version || ' ' || ack_status || coalesce(' ' || ack_reason, '')
                  FROM production_release WHERE ack_status IS NOT NULL ORDER BY mo_name, version""")
                .query(String.class).list()).containsExactly("WH/MO/00001 v1 ACCEPTED",
                        "WH/MO/00002 v1 REJECTED routing step 20 unknown on line 3, please re-release");
        assertThat(jdbc.sql("""
                SELECT reason_code || ' | ' || location || ' | ' || message FROM exception_record
                 WHERE job_name = 'production-order-release' AND job_execution_id = :execution ORDER BY id""")
                .param("execution", run.getId()).query(String.class).list()).containsExactly(
                "ACK_LINE_INVALID | acks-0001.csv: line 5 | acks-0001.csv, line 5: field version: 'two' is not a "
                        + "whole number",
                "MES_REJECTED | acks-0001.csv: line 3 | the MES of plant plant-1 rejected WH/MO/00002 version 1"
                        + " (released in " + firstReleaseName() + "): routing step 20 unknown on line 3, please"
                        + " re-release",
                "ACK_UNKNOWN_RELEASE | acks-0001.csv: line 4 | acks-0001.csv: line 4: plant plant-1 was never sent"
                        + " WH/MO/09999 version 1");
        assertThat(run.getExitStatus().getExitDescription()).contains("acknowledgements read: 1 accepted, 1 rejected",
                "3 exceptions");
        assertThat(names(inbound)).isEmpty();
        assertThat(names(inbound.resolveSibling("archive"))).anyMatch(n -> n.endsWith("acks-0001.csv"));
    }

    @Test
    @Order(7)
    void aJsonPlantGetsItsOwnWarehousesOrdersAsDocumented() throws Exception {
        JobExecution run = run("plant-2");

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Path file = single(releases("mes-plant-2"));
        JsonNode root = JSON.readTree(file.toFile());
        assertThat(root.path("plant").asString()).isEqualTo("plant-2");
        assertThat(root.path("file").asString()).isEqualTo(file.getFileName().toString());
        assertThat(root.path("orders")).hasSize(1);
        JsonNode order = root.path("orders").get(0);
        assertThat(order.propertyNames()).containsExactly("mo", "mo_id", "version", "change", "changes", "item",
                "quantity", "unit", "tracking", "planned_start", "deadline", "origin", "backorder_of", "components",
                "operations");
        assertThat(order.path("mo").asString()).isEqualTo("WH2/MO/00001");
        assertThat(order.path("mo_id").asInt()).isEqualTo(mo("WH2/MO/00001"));
        assertThat(order.path("change").asString()).isEqualTo("NEW");
        assertThat(order.path("quantity").asString()).isEqualTo("7.00");
        assertThat(order.path("deadline").isNull()).isTrue();
        assertThat(order.path("origin").asString()).isEqualTo("S00077");
        assertThat(order.path("backorder_of").isNull()).as("not a backorder").isTrue();
        assertThat(order.path("components").get(0).propertyNames()).containsExactly("item", "quantity", "unit",
                "tracking");
        assertThat(order.path("components").get(0).path("item").asString()).isEqualTo("PS-C001");
        assertThat(order.path("operations")).isEmpty();
    }

    /**
     * Odoo split WH/MO/00008 after the MES reported 4 of 10, as flow 08 recorded it on 18 and 19: the order keeps its
     * id, is renamed -001 (backorder_sequence 1) and is done; the rest is a new order -002 (backorder_sequence 2). And
     * WH/MO/00009 was split before any release: the MES never had that order.
     */
    @Test
    @Order(8)
    void aBackorderIsNewOnceAndNamesTheOrderTheMesWasReleased() throws Exception {
        PlantFloor floor = floor();
        int c001 = floor.world.demo.product("PS-C001");
        int original = floor.order("WH/MO/00008", "confirmed", "PS-F001", 10, floor.mainManufacturing,
                "2026-12-04 09:00:00", null, "S00051", List.of(PlantFloor.component(c001, 10, 1)),
                List.of(PlantFloor.workorder("Assembly", floor.assembly, floor.assemblyStep, 300)));
        JobExecution first = run("plant-1");
        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(orderLines(newest(releases("mes-plant-1")))).containsExactly("WH/MO/00008 v1 NEW [] of []");

        split(original, "WH/MO/00008", 4, 6);
        int neverReleased = floor.order("WH/MO/00009-001", "done", "PS-F001", 3, floor.mainManufacturing,
                "2026-12-04 09:30:00", null, null, List.of(), List.of());
        floor.odoo.write("mrp.production", neverReleased, Map.of("backorder_sequence", 1));
        int restOfNeverReleased = floor.order("WH/MO/00009-002", "confirmed", "PS-F001", 2, floor.mainManufacturing,
                "2026-12-04 09:30:00", null, null, List.of(), List.of());
        floor.odoo.write("mrp.production", restOfNeverReleased, Map.of("backorder_sequence", 2));

        JobExecution afterSplit = run("plant-1");

        assertThat(afterSplit.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Path file = newest(releases("mes-plant-1"));
        // the done -001 is not sent; the rest is NEW under its own name and id, naming the order the MES has
        assertThat(orderLines(file)).containsExactly("WH/MO/00008-002 v1 NEW [] of [WH/MO/00008]",
                "WH/MO/00009-002 v1 NEW [] of []");
        assertThat(parse(file)).filteredOn(r -> r.get("mo").equals("WH/MO/00008-002"))
                .extracting(r -> r.get("record") + " " + r.get("mo_id") + " " + r.get("quantity") + " ["
                        + r.get("backorder_of") + "]")
                .containsExactly("ORDER " + mo("WH/MO/00008-002") + " 6.00 [WH/MO/00008]",
                        "COMPONENT " + mo("WH/MO/00008-002") + " 6.00 []",
                        "OPERATION " + mo("WH/MO/00008-002") + "  []");

        JobExecution nothingChanged = run("plant-1");

        assertThat(nothingChanged.getExitStatus().getExitDescription()).as("released once")
                .contains("plant-1: nothing changed, no file");

        int rest = mo("WH/MO/00008-002");
        floor.odoo.write("mrp.production", rest, Map.of("date_deadline", "2026-12-07 14:00:00"));
        JobExecution changed = run("plant-1");

        assertThat(changed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(orderLines(newest(releases("mes-plant-1")))).as("every version names the order")
                .containsExactly("WH/MO/00008-002 v2 CHANGED [deadline] of [WH/MO/00008]");

        // the MES reported part of the backorder too: Odoo splits it again, -002 done, the rest -003
        split(rest, "WH/MO/00008", 2, 4);
        JobExecution again = run("plant-1");

        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(orderLines(newest(releases("mes-plant-1")))).as("the name the MES was first released")
                .containsExactly("WH/MO/00008-003 v1 NEW [] of [WH/MO/00008]");
    }

    @Test
    @Order(9)
    void aJsonPlantsBackorderNamesItsOrderToo() throws Exception {
        split(mo("WH2/MO/00001"), "WH2/MO/00001", 3, 4);

        JobExecution run = run("plant-2");

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        JsonNode orders = JSON.readTree(newest(releases("mes-plant-2")).toFile()).path("orders");
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0).path("mo").asString()).isEqualTo("WH2/MO/00001-002");
        assertThat(orders.get(0).path("change").asString()).isEqualTo("NEW");
        assertThat(orders.get(0).path("backorder_of").asString()).isEqualTo("WH2/MO/00001");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /**
     * What Odoo's backorder wizard leaves (flow 08): the order renamed {@code <root>-NNN} when first split
     * (backorder_sequence 1), done with what was produced; the rest a new confirmed order with the family's next
     * backorder_sequence and name, its component demand scaled.
     */
    void split(int order, String root, double produced, double rest) {
        PlantFloor floor = floor();
        Map<String, Object> mo = floor.odoo.searchRead("mrp.production", List.of(List.of("id", "=", order)),
                List.of("name", "backorder_sequence", "product_id", "picking_type_id", "date_start", "origin"))
                .get(0);
        int sequence = ((Number) mo.get("backorder_sequence")).intValue();
        if (sequence == 0) {
            sequence = 1;
            floor.odoo.write("mrp.production", order, Map.of("name", root + "-001", "backorder_sequence", 1));
        }
        floor.odoo.write("mrp.production", order, Map.of("state", "done", "product_qty", produced));
        int next = floor.odoo.searchRead("mrp.production", List.of(List.of("name", "=like", root + "-%")),
                List.of("backorder_sequence")).stream().mapToInt(r -> ((Number) r.get("backorder_sequence"))
                .intValue()).max().orElse(sequence) + 1;
        String product = (String) ((List<?>) mo.get("product_id")).get(1);
        int backorder = floor.order(root + String.format("-%03d", next), "confirmed",
                product.substring(1, product.indexOf(']')), rest, (Integer) ((List<?>) mo.get("picking_type_id")).get(0),
                (String) mo.get("date_start"), null, mo.get("origin") instanceof String o ? o : null,
                List.of(PlantFloor.component(floor.world.demo.product("PS-C001"), rest, 1)),
                List.of(PlantFloor.workorder("Assembly", floor.assembly, floor.assemblyStep, 30 * rest)));
        floor.odoo.write("mrp.production", backorder, Map.of("backorder_sequence", next));
    }

    /** The ORDER lines of a release file: name, version, change, [changes] of [backorder_of]. */
    static List<String> orderLines(Path file) throws IOException {
        return parse(file).stream().filter(r -> r.get("record").equals("ORDER")).map(r -> r.get("mo") + " v"
                + r.get("version") + " " + r.get("change") + " [" + r.get("changes") + "] of ["
                + r.get("backorder_of") + "]").toList();
    }


    JobExecution run(String plant) throws Exception {
        return jobs.start(job, new JobParametersBuilder().addString("plant", plant)
                .addLocalDate("businessDate", LocalDate.of(2026, 12, 4))
                .addString("fireTime", Instant.parse("2026-12-04T06:00:00Z").plusSeconds(300L * FIRES.incrementAndGet())
                        .toString())
                .toJobParameters());
    }

    int mo(String name) {
        return (Integer) floor().odoo.searchRead("mrp.production", List.of(List.of("name", "=", name)),
                List.of("id")).get(0).get("id");
    }

    List<String> released() {
        return jdbc.sql("""
                SELECT r.mo_name || ' v' || r.version || ' ' || r.change FROM production_release r
                  JOIN production_release_file f ON f.id = r.file_id
                 WHERE f.state = 'DELIVERED' AND r.plant = 'plant-1' ORDER BY r.id""").query(String.class).list();
    }

    String firstReleaseName() {
        return jdbc.sql("""
                SELECT name FROM production_release_file WHERE plant = 'plant-1' AND state = 'DELIVERED'
                 ORDER BY id LIMIT 1""").query(String.class).single();
    }

    List<Path> releases(String partner) throws IOException {
        Path dir = floor().world.temp.resolve(partner).resolve("to-mes");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("releases-")
                    && !f.getFileName().toString().endsWith(".part")).sorted().toList();
        }
    }

    List<String> partFiles(String partner) throws IOException {
        try (Stream<Path> files = Files.list(floor().world.temp.resolve(partner).resolve("to-mes"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".part")).toList();
        }
    }

    /** The newest release: names sort by time, then run id. */
    static Path newest(List<Path> files) {
        return files.stream().max((a, b) -> runOf(a) - runOf(b)).orElseThrow();
    }

    private static int runOf(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1, name.lastIndexOf('.')));
    }

    static Path single(List<Path> files) {
        assertThat(files).hasSize(1);
        return files.get(0);
    }

    static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    static List<CSVRecord> parse(Path file) throws IOException {
        CSVParser parser = CSVParser.builder().setReader(new StringReader(Files.readString(file,
                StandardCharsets.UTF_8))).setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .get()).get();
        return parser.getRecords();
    }

    /** The release CSV's columns as jobs/production-files.md lists them (its "CSV layout" table). */
    static List<String> documentedColumns() throws IOException {
        List<String> doc = Files.readAllLines(Path.of("jobs", "production-files.md"));
        int start = doc.indexOf("## Release file (PlantSync -> MES), job `production-order-release`");
        List<String> columns = new ArrayList<>();
        for (String line : doc.subList(start, doc.size())) {
            if (line.startsWith("## Acknowledgement")) {
                break;
            }
            if (line.startsWith("| `")) {
                columns.add(line.substring(3, line.indexOf('`', 3)));
            }
        }
        return columns;
    }
}
