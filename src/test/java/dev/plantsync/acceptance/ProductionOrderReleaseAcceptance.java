package dev.plantsync.acceptance;

import static dev.plantsync.acceptance.RealOdoo.display;
import static dev.plantsync.acceptance.RealOdoo.id;
import static dev.plantsync.acceptance.RealOdoo.values;
import static dev.plantsync.acceptance.RealWorld.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.plantsync.support.PlantSyncTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
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
 * Manufacturing-order release against a real Odoo: manufacturing orders of this run (their {@code origin} carries the
 * run's prefix) on demo products whose BoMs have operations (Drawer FURN_8855 / SEC-ASSEM with three, Table FURN_9666
 * with one), confirmed in warehouse WH, next to a draft one of the run and whatever the database holds already. The
 * release file must list each of the run's confirmed orders as NEW with exactly what Odoo holds (product, quantity,
 * unit, tracking, every component move's demand, every work order's work centre and expected minutes, start and
 * deadline), read back here by plain JSON-RPC, and nothing that is not an open order of the plant's warehouse. Nothing
 * changed: no file. A quantity changed with Odoo's own wizard and an order cancelled: the next file holds exactly that
 * order CHANGED (with what Odoo changed) and the other CANCELLED, nothing else of the run's.
 */
@PlantSyncTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ProductionOrderReleaseAcceptance {

    private static final String PARTNER = "mes-plant-1";
    private static final DateTimeFormatter ODOO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final AtomicInteger RUNS = new AtomicInteger();

    @Autowired
    JobOperator jobs;

    @Autowired
    @Qualifier("productionOrderRelease")
    Job job;

    abstract RealWorld world();

    /** Plant 1 on warehouse WH, CSV, no code mappings (Odoo's references and work-centre names go as they are). */
    static void wiring(RealWorld world, DynamicPropertyRegistry registry) {
        world.partner(PARTNER, world.prefix + "MES", world.code("MES"), "{mes-ack: [\"acks*.csv\"]}");
        registry.add("plantsync.production.plants.plant-1.partner", () -> PARTNER);
        registry.add("plantsync.production.plants.plant-1.warehouse", () -> "WH");
        registry.add("plantsync.production.plants.plant-1.format", () -> "csv");
        world.register(registry);
    }

    private RealWorld w;
    private RealOdoo odoo;
    /** The run's confirmed orders, by their origin: A (Drawer, quantity changed later), B (Drawer, cancelled), C. */
    private final Map<String, Integer> ours = new LinkedHashMap<>();
    /**
     * The run's orders that must never be released: a draft one. (An order in the demo's second warehouse cannot be
     * confirmed: it belongs to another company than the demo products' stock, "Incompatible companies on records";
     * the warehouse is checked on every order of the file instead.)
     */
    private final Map<String, Integer> neverReleased = new LinkedHashMap<>();
    /** What Odoo held of the run's orders when the first run started, as the release file must say it. */
    private final Map<Integer, List<String>> heldAtFirstRun = new LinkedHashMap<>();
    /** The open orders of WH's manufacturing types when the first run started (this run's and others). */
    private List<Integer> openInWarehouse;
    private List<Integer> warehouseTypes;
    /** The newest write_date (Odoo's clock) of this run's orders as the first run started. */
    private String lastWriteBeforeFirstRun;
    private JobExecution first;
    private Path firstFile;

    @BeforeAll
    void createConfirmedOrdersAndReleaseThem() throws Exception {
        w = world();
        odoo = w.odoo();
        int drawer = product("FURN_8855");
        int table = product("FURN_9666");
        int drawerBom = bomWithOperations(drawer);
        int tableBom = bomWithOperations(table);
        LocalDateTime tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).atTime(6, 0);
        ours.put(w.code("A"), order(drawer, drawerBom, 3, w.code("A"), tomorrow, tomorrow.plusDays(2).withHour(14)));
        ours.put(w.code("B"), order(drawer, drawerBom, 5, w.code("B"), tomorrow.plusHours(2), null));
        ours.put(w.code("C"), order(table, tableBom, 2, w.code("C"), tomorrow.plusDays(1), tomorrow.plusDays(3)));
        for (int mo : ours.values()) {
            odoo.call("mrp.production", "action_confirm", List.of(List.of(mo)));
        }
        neverReleased.put(w.code("DRAFT"), order(drawer, drawerBom, 1, w.code("DRAFT"), tomorrow, null));

        warehouseTypes = ids(odoo.searchRead("stock.picking.type", List.of(eq("code", "mrp_operation"),
                eq("warehouse_id.code", "WH")), List.of("name")));
        openInWarehouse = ids(odoo.searchRead("mrp.production", List.of(List.of("picking_type_id", "in",
                warehouseTypes), List.of("state", "in", List.of("confirmed", "progress"))), List.of("name")));
        for (int mo : ours.values()) {
            heldAtFirstRun.put(mo, held(mo));
        }
        lastWriteBeforeFirstRun = odoo.read("mrp.production", List.copyOf(ours.values()), List.of("write_date"),
                Map.of()).stream().map(m -> (String) m.get("write_date")).max(String::compareTo).orElseThrow();

        first = run();
        assertThat(first.getStatus()).as(first.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        List<Path> files = releases();
        assertThat(files).as("release files after the first run").hasSize(1);
        firstFile = files.get(0);
    }

    @Test
    @Order(1)
    void eachOfTheRunsConfirmedOrdersIsNewWithExactlyWhatOdooHolds() throws Exception {
        List<CSVRecord> rows = parse(firstFile);
        assertThat(firstFile.getFileName().toString()).matches("releases-plant-1-\\d{8}T\\d{6}-"
                + first.getJobInstance().getId() + "\\.csv");
        for (Map.Entry<String, Integer> mo : ours.entrySet()) {
            assertThat(lines(rows, mo.getValue())).as("release lines of " + mo.getKey() + " (mo_id " + mo.getValue()
                    + ")").containsExactlyElementsOf(released(heldAtFirstRun.get(mo.getValue()), mo.getValue(), 1, "NEW", ""));
        }
        // the Drawer's BoM has three operations on two work centres, the Table's one: all of them are in the file
        assertThat(rows).filteredOn(r -> r.get("record").equals("OPERATION")
                && Integer.parseInt(r.get("mo_id")) == ours.get(w.code("A"))).hasSize(3);
    }

    @Test
    @Order(2)
    void theFileHoldsEveryOpenOrderOfTheWarehouseAndNothingElse() throws Exception {
        List<CSVRecord> rows = parse(firstFile);
        List<Integer> released = rows.stream().filter(r -> r.get("record").equals("ORDER"))
                .map(r -> Integer.parseInt(r.get("mo_id"))).toList();
        assertThat(released).as("orders in the file").doesNotHaveDuplicates()
                .doesNotContainAnyElementsOf(neverReleased.values());
        for (Map<String, Object> mo : odoo.read("mrp.production", released, List.of("name", "state",
                "picking_type_id"), Map.of())) {
            assertThat(id(mo.get("picking_type_id"))).as("operation type of " + mo.get("name"))
                    .isIn(warehouseTypes);
            assertThat(mo.get("state")).as("state of " + mo.get("name")).isIn("confirmed", "progress");
        }
        assertThat(rows).filteredOn(r -> r.get("record").equals("ORDER")).allSatisfy(r -> {
            assertThat(r.get("change")).isEqualTo("NEW");
            assertThat(r.get("version")).isEqualTo("1");
        });
        // every order open in WH when the run started is there (unless its product has no reference: an exception)
        Set<Integer> unreleasable = new HashSet<>();
        for (Map<String, Object> mo : odoo.read("mrp.production", openInWarehouse, List.of("product_id"), Map.of())) {
            Object code = odoo.read("product.product", List.of(id(mo.get("product_id"))), List.of("default_code"),
                    Map.of()).get(0).get("default_code");
            if (!(code instanceof String)) {
                unreleasable.add(((Number) mo.get("id")).intValue());
            }
        }
        assertThat(released).as("open orders of WH when the run started").containsAll(openInWarehouse.stream()
                .filter(id -> !unreleasable.contains(id)).toList());
    }

    @Test
    @Order(3)
    void aSecondRunWithNothingChangedWritesNoFile() throws Exception {
        JobExecution again = run();

        assertThat(again.getStatus()).as(again.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        List<Path> files = releases();
        if (files.size() > 1) {
            // The database is shared: another user's order may have changed meanwhile. Then the file holds only
            // such orders, never one of this run's, nor one that was not written in Odoo since the first run.
            List<Integer> resent = ordersIn(parse(newest(files)));
            assertThat(resent).as("orders re-sent unchanged").doesNotContainAnyElementsOf(ours.values());
            for (Map<String, Object> mo : odoo.read("mrp.production", resent, List.of("name", "write_date"),
                    Map.of())) {
                assertThat((String) mo.get("write_date")).as("write_date of " + mo.get("name")
                        + ", in the second file").isGreaterThanOrEqualTo(lastWriteBeforeFirstRun);
            }
            assertThat(files).as("release files").hasSize(2);
        } else {
            assertThat(files).as("release files (no new one: nothing changed)").hasSize(1);
            assertThat(again.getExitStatus().getExitDescription()).contains("plant-1: nothing changed, no file");
        }
    }

    @Test
    @Order(4)
    void aQuantityChangedWithOdoosWizardIsChangedAndACancelledOrderIsCancelled() throws Exception {
        int a = ours.get(w.code("A"));
        int b = ours.get(w.code("B"));
        int wizard = odoo.create("change.production.qty", values("mo_id", a, "product_qty", 4.0));
        odoo.call("change.production.qty", "change_prod_qty", List.of(List.of(wizard)));
        odoo.call("mrp.production", "action_cancel", List.of(List.of(b)));
        assertThat(odoo.read("mrp.production", List.of(b), List.of("state"), Map.of()).get(0).get("state"))
                .isEqualTo("cancel");
        List<String> changedA = held(a);
        int before = releases().size();

        JobExecution run = run();

        assertThat(run.getStatus()).as(run.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        List<Path> files = releases();
        assertThat(files).hasSize(before + 1);
        List<CSVRecord> rows = parse(newest(files));
        assertThat(ordersIn(rows)).as("this run's orders in the file").filteredOn(ours.values()::contains)
                .containsExactlyInAnyOrder(a, b);
        String changes = String.join(";", changes(heldAtFirstRun.get(a), changedA));
        assertThat(changes).as("what Odoo's wizard changed").startsWith("quantity;components");
        assertThat(lines(rows, a)).as("order A after the quantity change")
                .containsExactlyElementsOf(released(changedA, a, 2, "CHANGED", changes));
        assertThat(lines(rows, b)).as("order B after its cancellation").containsExactly(
                "ORDER," + odooName(b) + "," + b + ",2,CANCELLED" + ",".repeat(12));
    }

    /**
     * The run's orders still open are cancelled: each run leaves the shop floor of the shared database as it found
     * it (open orders reserve the demo's lot-tracked components, and every first run of the job releases them all).
     */
    @AfterAll
    void cancelTheRunsOpenOrders() {
        if (odoo == null) {
            return;
        }
        List<Integer> mine = new ArrayList<>(ours.values());
        mine.addAll(neverReleased.values());
        List<Integer> open = odoo.read("mrp.production", mine, List.of("state"), Map.of()).stream()
                .filter(m -> !List.of("cancel", "done").contains(m.get("state")))
                .map(m -> ((Number) m.get("id")).intValue()).toList();
        if (!open.isEmpty()) {
            odoo.call("mrp.production", "action_cancel", List.of(open));
        }
    }

    // ---- Odoo, by plain JSON-RPC ------------------------------------------------------------------------------

    private int product(String code) {
        return ((Number) odoo.one("product.product", List.of(eq("default_code", code)), List.of("name")).get("id"))
                .intValue();
    }

    private int bomWithOperations(int product) {
        int template = id(odoo.read("product.product", List.of(product), List.of("product_tmpl_id"), Map.of()).get(0)
                .get("product_tmpl_id"));
        List<Map<String, Object>> boms = odoo.searchRead("mrp.bom", List.of(eq("product_tmpl_id", template),
                eq("active", true), eq("type", "normal"), List.of("operation_ids", "!=", false)), List.of("code"));
        assertThat(boms).as("demo BoMs with operations of product " + product).isNotEmpty();
        return ((Number) boms.get(0).get("id")).intValue();
    }

    private int order(int product, int bom, double quantity, String origin, LocalDateTime start,
            LocalDateTime deadline) {
        Map<String, Object> v = values("product_id", product, "product_qty", quantity, "bom_id", bom, "origin",
                origin, "date_start", ODOO_TIME.format(start));
        if (deadline != null) {
            v.put("date_deadline", ODOO_TIME.format(deadline));
        }
        return odoo.create("mrp.production", v);
    }

    private String odooName(int mo) {
        return (String) odoo.read("mrp.production", List.of(mo), List.of("name"), Map.of()).get(0).get("name");
    }

    /**
     * What Odoo holds of an order, as the release file's lines would carry it (without record, mo, mo_id, version,
     * change and changes): the ORDER's item, quantity, unit, tracking, start, deadline and origin, each COMPONENT
     * (moves not cancelled, by sequence then id), each OPERATION (work orders not cancelled, by their operation's
     * sequence then id). Prefixed by the record type and the order's name.
     */
    private List<String> held(int mo) {
        Map<String, Object> o = odoo.read("mrp.production", List.of(mo), List.of("name", "product_id", "product_qty",
                "product_uom_id", "date_start", "date_deadline", "origin", "move_raw_ids", "workorder_ids"), Map.of())
                .get(0);
        String name = (String) o.get("name");
        int qtyScale = digits("mrp.production", "product_qty");
        int moveScale = digits("stock.move", "product_uom_qty");
        Map<String, Object> product = productOf(id(o.get("product_id")));
        List<String> lines = new ArrayList<>();
        lines.add(String.join("|", "ORDER", name, (String) product.get("default_code"),
                decimal(o.get("product_qty"), qtyScale), display(o.get("product_uom_id")),
                (String) product.get("tracking"), utc(o.get("date_start")), utc(o.get("date_deadline")),
                text(o.get("origin"))));
        List<Map<String, Object>> moves = new ArrayList<>(odoo.read("stock.move", intList(o.get("move_raw_ids")),
                List.of("product_id", "product_uom_qty", "product_uom", "state", "sequence"), Map.of()));
        moves.removeIf(m -> "cancel".equals(m.get("state")));
        moves.sort(Comparator.comparingInt((Map<String, Object> m) -> ((Number) m.get("sequence")).intValue())
                .thenComparingInt(m -> ((Number) m.get("id")).intValue()));
        for (Map<String, Object> m : moves) {
            Map<String, Object> component = productOf(id(m.get("product_id")));
            lines.add(String.join("|", "COMPONENT", name, (String) component.get("default_code"),
                    decimal(m.get("product_uom_qty"), moveScale), display(m.get("product_uom")),
                    (String) component.get("tracking")));
        }
        record Step(int sequence, int id, String line) {
        }
        List<Step> steps = new ArrayList<>();
        for (Map<String, Object> wo : odoo.read("mrp.workorder", intList(o.get("workorder_ids")), List.of("name",
                "workcenter_id", "duration_expected", "operation_id", "state"), Map.of())) {
            if ("cancel".equals(wo.get("state"))) {
                continue;
            }
            int sequence = ((Number) odoo.read("mrp.routing.workcenter", List.of(id(wo.get("operation_id"))),
                    List.of("sequence"), Map.of()).get(0).get("sequence")).intValue();
            steps.add(new Step(sequence, ((Number) wo.get("id")).intValue(), String.join("|", "OPERATION", name,
                    (String) wo.get("name"), String.valueOf(sequence), display(wo.get("workcenter_id")),
                    decimal(wo.get("duration_expected"), 2))));
        }
        steps.stream().sorted(Comparator.comparingInt(Step::sequence).thenComparingInt(Step::id))
                .forEach(s -> lines.add(s.line()));
        return lines;
    }

    /** The release file's CSV lines for what Odoo holds (columns as jobs/production-files.md documents them). */
    private static List<String> released(List<String> held, int mo, int version, String change, String changes) {
        List<String> out = new ArrayList<>();
        String id = String.valueOf(mo);
        for (String line : held) {
            String[] f = line.split("\\|", -1);
            String csv = switch (f[0]) {
                // backorder_of empty: the run's orders are not backorders
                case "ORDER" -> String.join(",", "ORDER", f[1], id, String.valueOf(version), change, changes, f[2],
                        f[3], f[4], f[5], "", "", "", f[6], f[7], f[8], "");
                case "COMPONENT" -> String.join(",", "COMPONENT", f[1], id, String.valueOf(version), "", "", f[2],
                        f[3], f[4], f[5], "", "", "", "", "", "", "");
                default -> String.join(",", "OPERATION", f[1], id, String.valueOf(version), "", "", f[2], "", "",
                        "", f[3], f[4], f[5], "", "", "", "");
            };
            out.add(csv);
        }
        return out;
    }

    /** What differs between two of Odoo's states of an order, by the release file's column names, in its order. */
    private static List<String> changes(List<String> before, List<String> after) {
        String[] b = before.get(0).split("\\|", -1);
        String[] a = after.get(0).split("\\|", -1);
        List<String> changes = new ArrayList<>();
        String[] names = {"record", "mo", "item", "quantity", "unit", "tracking", "planned_start", "deadline",
                "origin"};
        for (int i = 1; i < names.length; i++) {
            if (!a[i].equals(b[i])) {
                changes.add(names[i]);
            }
        }
        if (!of(before, "COMPONENT").equals(of(after, "COMPONENT"))) {
            changes.add("components");
        }
        if (!of(before, "OPERATION").equals(of(after, "OPERATION"))) {
            changes.add("operations");
        }
        return changes;
    }

    private static List<String> of(List<String> lines, String record) {
        return lines.stream().filter(l -> l.startsWith(record + "|")).toList();
    }

    private Map<String, Object> productOf(int product) {
        return odoo.read("product.product", List.of(product), List.of("default_code", "tracking"), Map.of()).get(0);
    }

    private final Map<String, Integer> scales = new LinkedHashMap<>();

    /** The decimals Odoo stores a float field at (its decimal precision). */
    private int digits(String model, String field) {
        return scales.computeIfAbsent(model + "." + field, k -> {
            Map<?, ?> f = (Map<?, ?>) ((Map<?, ?>) odoo.call(model, "fields_get", List.of(List.of(field)),
                    Map.of("attributes", List.of("digits")))).get(field);
            return ((Number) ((List<?>) f.get("digits")).get(1)).intValue();
        });
    }

    private static String decimal(Object value, int scale) {
        return new BigDecimal(value.toString()).setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }

    private static String utc(Object odooTime) {
        return odooTime instanceof String s ? s.replace(' ', 'T') + "Z" : "";
    }

    private static String text(Object value) {
        return value instanceof String s ? s : "";
    }

    private static List<Integer> intList(Object value) {
        return ((List<?>) value).stream().map(v -> ((Number) v).intValue()).toList();
    }

    private static List<Integer> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> ((Number) r.get("id")).intValue()).toList();
    }

    // ---- the job and its drop ---------------------------------------------------------------------------------

    private JobExecution run() throws Exception {
        return jobs.start(job, new JobParametersBuilder().addString("plant", "plant-1")
                .addLocalDate("businessDate", LocalDate.now()).addLong("acceptanceRun", (long) RUNS.incrementAndGet())
                .toJobParameters());
    }

    private List<Path> releases() throws IOException {
        Path dir = w.temp().resolve("drops").resolve(PARTNER).resolve("outbound");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("releases-")
                    && !f.getFileName().toString().endsWith(".part")).sorted().toList();
        }
    }

    /** The newest release file: by the run id at the end of its name. */
    static Path newest(List<Path> files) {
        return files.stream().max(Comparator.comparingLong(ProductionOrderReleaseAcceptance::runOf)).orElseThrow();
    }

    private static long runOf(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(name.lastIndexOf('-') + 1, name.lastIndexOf('.')));
    }

    static List<CSVRecord> parse(Path file) throws IOException {
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(Files.readString(file,
                StandardCharsets.UTF_8))).setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .get()).get()) {
            return parser.getRecords();
        }
    }

    private static List<Integer> ordersIn(List<CSVRecord> rows) {
        return rows.stream().filter(r -> r.get("record").equals("ORDER")).map(r -> Integer.parseInt(r.get("mo_id")))
                .toList();
    }

    /** An order's lines in a release file, as CSV text (no value of these orders holds a comma or quote). */
    private static List<String> lines(List<CSVRecord> rows, int mo) {
        return rows.stream().filter(r -> Integer.parseInt(r.get("mo_id")) == mo)
                .map(r -> String.join(",", r.toList())).toList();
    }
}
