package dev.plantsync.acceptance;

import static dev.plantsync.acceptance.RealOdoo.values;
import static dev.plantsync.acceptance.RealWorld.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.plantsync.support.PlantSyncTest;
import org.apache.commons.csv.CSVRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The whole plant loop chained on a real Odoo, the MES played by hand from what PlantSync sent it: an order of 10
 * Drawers (demo FURN_8855, BoM SEC-ASSEM, two lot-tracked components with stock of this run) confirmed in Odoo, released
 * to plant-1's drop, and the MES's completions written from the release file alone (the order's name and its
 * component codes and demands as the file says them): 4 produced on lot A with their consumption, the release run
 * again (the schedule does that between the MES's files), then the last 6 on lot B, still under the name the MES got.
 * Odoo must hold -001 done with 4 on lot A, the backorder -002 done with 6 on lot B, each component consumed as the
 * MES reported it; the release never sends the done orders again. The backorder -002 is a new open order while the
 * MES works on it: the release in between sends it as NEW (its own id, quantity 6) with backorder_of the name the MES
 * got first, asserted here exactly.
 */
@PlantSyncTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ProductionLoopAcceptance {

    static final String PARTNER = "mes-plant-1";
    static final String DRAWER = "FURN_8855";
    static final String BLACK = "FURN_2100";
    static final String CASE = "FURN_5623";

    @Autowired
    JobOperator jobs;

    @Autowired
    @Qualifier("productionOrderRelease")
    Job release;

    @Autowired
    @Qualifier("productionCompletionImport")
    Job completion;

    abstract RealWorld world();

    /** One drop for plant-1 both ways: releases out, completions (and acknowledgements) in; CSV releases. */
    static void wiring(RealWorld world, DynamicPropertyRegistry registry) {
        world.partner(PARTNER, world.prefix + "MES", world.code("MES"),
                "{mes-completion: [\"completions*.csv\"], mes-ack: [\"acks*.csv\"]}");
        registry.add("plantsync.production.plants.plant-1.partner", () -> PARTNER);
        registry.add("plantsync.production.plants.plant-1.warehouse", () -> "WH");
        registry.add("plantsync.production.plants.plant-1.format", () -> "csv");
        registry.add("plantsync.production.plants.plant-1.consume-tolerance-percent", () -> "10");
        registry.add("plantsync.production.plants.plant-1.produce-tolerance-percent", () -> "0");
        world.register(registry);
    }

    private RealWorld w;
    private RealOdoo odoo;
    private int mo;
    private String confirmedName;
    /** The order's name and components as the MES read them in the first release file. */
    private String mesName;
    /** backorder_of of the order's line in the first release file (empty: not a backorder). */
    private String backorderOfReleased;
    private final Map<String, BigDecimal> demandReleased = new LinkedHashMap<>();
    private final Map<String, String> trackingReleased = new LinkedHashMap<>();
    private List<String> operationsReleased;
    /** The release runs after each completion file: our family's lines in the file it wrote (none when no file). */
    private List<CSVRecord> releasedAfterPartial;
    private List<CSVRecord> releasedAfterFinal;
    private JobExecution afterPartial;
    private JobExecution afterFinal;
    private final List<JobExecution> completions = new ArrayList<>();
    private int runs;

    @BeforeAll
    void releaseAnOrderOfTenThenCompleteItFromTheReleaseFileInTwoParts() throws Exception {
        w = world();
        odoo = w.odoo();
        OdooFixtures f = new OdooFixtures(odoo);
        int drawer = product(DRAWER);
        int bom = ((Number) odoo.one("mrp.bom", List.of(eq("code", "SEC-ASSEM"), eq("product_tmpl_id",
                templateOf(drawer))), List.of("id")).get("id")).intValue();
        int stock = RealOdoo.id(odoo.one("stock.warehouse", List.of(eq("code", "WH"), eq("company_id", 1)),
                List.of("lot_stock_id")).get("lot_stock_id"));
        // A lot of each component named after its code, with stock enough for the order.
        for (String component : List.of(BLACK, CASE)) {
            int product = product(component);
            int lot = odoo.create("stock.lot", values("name", w.code(component), "product_id", product));
            f.onHand(product, stock, 20, lot);
        }
        mo = odoo.create("mrp.production", values("product_id", drawer, "product_qty", 10.0, "bom_id", bom,
                "origin", w.code("MO")));
        odoo.call("mrp.production", "action_confirm", List.of(List.of(mo)));
        confirmedName = (String) odoo.read("mrp.production", List.of(mo), List.of("name"), Map.of()).get(0)
                .get("name");

        // 1. Released: the MES gets the order.
        JobExecution first = release();
        assertThat(first.getStatus()).as(first.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        List<CSVRecord> ours = linesOf(ProductionOrderReleaseAcceptance.parse(newestRelease()), mo);
        assertThat(ours).as("release lines of mo_id " + mo).isNotEmpty();
        CSVRecord order = ours.get(0);
        assertThat(order.get("record")).isEqualTo("ORDER");
        assertThat(order.get("change")).isEqualTo("NEW");
        mesName = order.get("mo");
        backorderOfReleased = order.get("backorder_of");
        for (CSVRecord line : ours) {
            if (line.get("record").equals("COMPONENT")) {
                demandReleased.merge(line.get("item"), new BigDecimal(line.get("quantity")), BigDecimal::add);
                trackingReleased.put(line.get("item"), line.get("tracking"));
            }
        }
        operationsReleased = ours.stream().filter(l -> l.get("record").equals("OPERATION"))
                .map(l -> l.get("item") + "@" + l.get("work_centre")).toList();
        BigDecimal ordered = new BigDecimal(order.get("quantity"));

        // 2. The MES makes 4 with their consumption (the file's demand per unit), lot A, not the last.
        w.write(PARTNER, "completions-1.csv", completionFile("1", ordered, new BigDecimal("4"), false, "A"));
        completions.add(completion("1"));
        afterPartial = release();
        releasedAfterPartial = familyLines(afterPartial);

        // 3. ... and the last 6, lot B, under the name it got at release.
        w.write(PARTNER, "completions-2.csv", completionFile("2", ordered, new BigDecimal("6"), true, "B"));
        completions.add(completion("2"));
        afterFinal = release();
        releasedAfterFinal = familyLines(afterFinal);
    }

    /** Consumption of every released component for {@code quantity} (its demand per unit), then the production. */
    private String completionFile(String file, BigDecimal ordered, BigDecimal quantity, boolean last, String lot) {
        String time = OffsetDateTime.now(ZoneOffset.ofHours(1)).minusMinutes(5).truncatedTo(ChronoUnit.SECONDS)
                .toString();
        StringBuilder csv = new StringBuilder("event_id,mo,event_type,final,quantity,unit,product,lot,time,"
                + "work_centre,operator,reason\n");
        int n = 0;
        for (Map.Entry<String, BigDecimal> c : demandReleased.entrySet()) {
            csv.append(String.join(",", w.code(file + "-" + ++n), mesName, "CONSUMED", "",
                    consumption(c.getValue(), ordered, quantity).toPlainString(), "Units", c.getKey(),
                    w.code(c.getKey()), time, "ASSEMBLY", "anna", "")).append('\n');
        }
        csv.append(String.join(",", w.code(file + "-" + ++n), mesName, "PRODUCED", last ? "Y" : "N",
                quantity.toPlainString(), "Units", DRAWER, w.code(lot), time, "ASSEMBLY", "anna", "")).append('\n');
        return csv.toString();
    }

    private static BigDecimal consumption(BigDecimal demand, BigDecimal ordered, BigDecimal produced) {
        return demand.multiply(produced).divide(ordered, MathContext.DECIMAL64).stripTrailingZeros();
    }

    @Test
    @Order(1)
    void theReleaseFileToldTheMesTheOrderAndItsLotTrackedComponents() {
        assertThat(mesName).as("the order's name in the release file").isEqualTo(confirmedName);
        assertThat(backorderOfReleased).as("backorder_of of an order that is not a backorder").isEmpty();
        assertThat(trackingReleased).containsOnlyKeys(BLACK, CASE).containsValues("lot");
        assertThat(demandReleased.values()).allSatisfy(q -> assertThat(q).isPositive());
        assertThat(completions).allSatisfy(e -> assertThat(e.getStatus())
                .as(e.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED));
    }

    @Test
    @Order(2)
    void odooHoldsTheFirstFourOnMinus001AndTheLastSixOnItsBackorder() {
        SoftAssertions soft = new SoftAssertions();
        List<Map<String, Object>> family = family();
        soft.assertThat(family).extracting(m -> m.get("name")).containsExactlyInAnyOrder(mesName + "-001",
                mesName + "-002");
        Map<String, Object> done = member(family, "-001");
        Map<String, Object> backorder = member(family, "-002");
        soft.assertThat(((Number) done.get("id")).intValue()).as("-001 is the order released").isEqualTo(mo);
        soft.assertThat(done.get("state")).isEqualTo("done");
        soft.assertThat(((Number) done.get("product_qty")).doubleValue()).isEqualTo(4.0);
        soft.assertThat(((Number) done.get("qty_produced")).doubleValue()).isEqualTo(4.0);
        soft.assertThat(lotOf(done)).isEqualTo(w.code("A"));
        soft.assertThat(backorder.get("state")).isEqualTo("done");
        soft.assertThat(((Number) backorder.get("product_qty")).doubleValue()).isEqualTo(6.0);
        soft.assertThat(((Number) backorder.get("qty_produced")).doubleValue()).isEqualTo(6.0);
        soft.assertThat(lotOf(backorder)).isEqualTo(w.code("B"));
        soft.assertAll();
    }

    @Test
    @Order(3)
    void eachComponentIsConsumedFromItsLotAsTheMesReportedIt() {
        List<Map<String, Object>> family = family();
        BigDecimal ordered = BigDecimal.TEN;
        Map<String, Double> first = new TreeMap<>();
        Map<String, Double> rest = new TreeMap<>();
        demandReleased.forEach((code, demand) -> {
            first.put(code + " " + w.code(code), consumption(demand, ordered, new BigDecimal("4")).doubleValue());
            rest.put(code + " " + w.code(code), consumption(demand, ordered, new BigDecimal("6")).doubleValue());
        });
        assertThat(consumed(((Number) member(family, "-001").get("id")).intValue())).as("consumed by -001")
                .isEqualTo(first);
        assertThat(consumed(((Number) member(family, "-002").get("id")).intValue())).as("consumed by -002")
                .isEqualTo(rest);
    }

    /**
     * While the MES works on it, the backorder is an open order Odoo created: the release sends it as NEW, by its own
     * id and name, for the 6 left with the rest of the demand and the same operations, and names the order the MES
     * has in backorder_of. The order released first is
     * done by then (Odoo renamed it -001 and marked it done in one go) and never sent again.
     */
    @Test
    @Order(4)
    void theReleaseBetweenTheFilesSendsTheOpenBackorderAsNewAndNothingElseOfTheFamily() {
        int backorder = ((Number) member(family(), "-002").get("id")).intValue();
        assertThat(releasedAfterPartial).as("our family's lines in the release after the first completions")
                .isNotEmpty().allSatisfy(l -> assertThat(Integer.parseInt(l.get("mo_id"))).isEqualTo(backorder));
        CSVRecord order = releasedAfterPartial.get(0);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(order.get("record")).isEqualTo("ORDER");
        soft.assertThat(order.get("mo")).isEqualTo(mesName + "-002");
        soft.assertThat(order.get("change")).isEqualTo("NEW");
        soft.assertThat(order.get("version")).isEqualTo("1");
        soft.assertThat(order.get("backorder_of")).as("the order the MES has, that -002 is the rest of")
                .isEqualTo(mesName);
        soft.assertThat(order.get("item")).isEqualTo(DRAWER);
        soft.assertThat(new BigDecimal(order.get("quantity"))).isEqualByComparingTo("6");
        Map<String, BigDecimal> demand = new LinkedHashMap<>();
        releasedAfterPartial.stream().filter(l -> l.get("record").equals("COMPONENT"))
                .forEach(l -> demand.merge(l.get("item"), new BigDecimal(l.get("quantity")), BigDecimal::add));
        soft.assertThat(demand).containsOnlyKeys(demandReleased.keySet());
        demandReleased.forEach((code, q) -> soft.assertThat(demand.get(code)).as("demand of " + code + " on -002")
                .isEqualByComparingTo(consumption(q, BigDecimal.TEN, new BigDecimal("6"))));
        soft.assertThat(releasedAfterPartial.stream().filter(l -> l.get("record").equals("OPERATION"))
                .map(l -> l.get("item") + "@" + l.get("work_centre")).toList()).isEqualTo(operationsReleased);
        soft.assertAll();
    }

    @Test
    @Order(5)
    void onceAllIsDoneTheReleaseSaysNothingOfTheFamily() {
        assertThat(afterFinal.getStatus()).as(afterFinal.getExitStatus().getExitDescription())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(releasedAfterFinal).as("our family's lines in the release after the last completions").isEmpty();
    }

    /** Each order of this run still open is cancelled: the shared database's shop floor as the run found it. */
    @AfterAll
    void cancelWhatIsLeftOpen() {
        if (odoo == null || confirmedName == null) {
            return;
        }
        if (mesName == null) {
            mesName = confirmedName;
        }
        List<Integer> open = family().stream().filter(m -> !List.of("cancel", "done").contains(m.get("state")))
                .map(m -> ((Number) m.get("id")).intValue()).toList();
        if (!open.isEmpty()) {
            odoo.call("mrp.production", "action_cancel", List.of(open));
        }
    }

    // ---- the jobs and the drop ------------------------------------------------------------------------------------

    private JobExecution release() throws Exception {
        return jobs.start(release, new JobParametersBuilder().addString("plant", "plant-1")
                .addLocalDate("businessDate", LocalDate.now()).addString("run", w.prefix + "-r" + ++runs)
                .toJobParameters());
    }

    private JobExecution completion(String file) throws Exception {
        JobExecution run = jobs.start(completion, new JobParametersBuilder().addString("run", w.prefix + "-c" + file)
                .toJobParameters());
        assertThat(run.getStatus()).as("completion run " + file + ": " + run.getExitStatus().getExitDescription())
                .isEqualTo(BatchStatus.COMPLETED);
        return run;
    }

    private List<Path> releases() throws IOException {
        Path dir = w.temp().resolve("drops").resolve(PARTNER).resolve("outbound");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("releases-")
                    && !f.getFileName().toString().endsWith(".part")).toList();
        }
    }

    private Path newestRelease() throws IOException {
        return ProductionOrderReleaseAcceptance.newest(releases());
    }

    /** The lines of the file a release run wrote about the order or any of its family (none when it wrote none). */
    private List<CSVRecord> familyLines(JobExecution run) throws IOException {
        assertThat(run.getStatus()).as(run.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        Path newest = releases().isEmpty() ? null : newestRelease();
        if (newest == null || !newest.getFileName().toString().endsWith("-" + run.getJobInstance().getId() + ".csv")) {
            return List.of();
        }
        return ProductionOrderReleaseAcceptance.parse(newest).stream().filter(l -> Integer.parseInt(l.get("mo_id"))
                == mo || l.get("mo").equals(mesName) || l.get("mo").startsWith(mesName + "-")).toList();
    }

    private static List<CSVRecord> linesOf(List<CSVRecord> rows, int mo) {
        return rows.stream().filter(r -> Integer.parseInt(r.get("mo_id")) == mo).toList();
    }

    // ---- Odoo, by plain JSON-RPC (as ProductionCompletionAcceptance reads it) -------------------------------------

    private int product(String code) {
        return ((Number) odoo.one("product.product", List.of(eq("default_code", code)), List.of("id")).get("id"))
                .intValue();
    }

    private int templateOf(int product) {
        return RealOdoo.id(odoo.read("product.product", List.of(product), List.of("product_tmpl_id"), Map.of()).get(0)
                .get("product_tmpl_id"));
    }

    private List<Map<String, Object>> family() {
        return odoo.searchRead("mrp.production", List.of("|", eq("name", mesName), List.of("name", "=like",
                mesName + "-%")), List.of("name", "state", "product_qty", "qty_produced",
                odoo.version >= 19 ? "lot_producing_ids" : "lot_producing_id"));
    }

    private Map<String, Object> member(List<Map<String, Object>> family, String suffix) {
        return family.stream().filter(r -> (mesName + suffix).equals(r.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + mesName + suffix + " in " + family));
    }

    private String lotOf(Map<String, Object> mo) {
        Object lot = odoo.version >= 19 ? ((List<?>) mo.get("lot_producing_ids")).get(0)
                : RealOdoo.id(mo.get("lot_producing_id"));
        return (String) odoo.read("stock.lot", List.of(((Number) lot).intValue()), List.of("name"), Map.of()).get(0)
                .get("name");
    }

    /** Component quantities consumed by an order (done lines into production), by product code and lot. */
    private Map<String, Double> consumed(int mo) {
        Map<String, Double> consumed = new TreeMap<>();
        for (Map<String, Object> line : odoo.searchRead("stock.move.line", List.of(
                eq("move_id.raw_material_production_id", mo), eq("state", "done"),
                eq("location_dest_id.usage", "production")), List.of("product_id", "lot_id", "quantity"))) {
            String product = RealOdoo.display(line.get("product_id"));
            consumed.merge(product.substring(1, product.indexOf(']')) + " " + RealOdoo.display(line.get("lot_id")),
                    ((Number) line.get("quantity")).doubleValue(), Double::sum);
        }
        return consumed;
    }
}
