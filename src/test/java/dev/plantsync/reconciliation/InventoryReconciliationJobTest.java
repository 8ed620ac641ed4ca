package dev.plantsync.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.sim.DemoCompany;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.odoo.sim.SimUsers;
import dev.plantsync.sftp.EmbeddedSftpServer;
import dev.plantsync.support.PlantSyncTest;
import org.junit.jupiter.api.AfterAll;
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
import org.springframework.test.context.DynamicPropertySource;

/**
 * Three nights of one site against the demo company: a snapshot equal to Odoo's stock with one planted discrepancy of
 * every category, tolerances, a unit conversion and bad lines; then the breaks age, one resolved, the rest flagged.
 */
@PlantSyncTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InventoryReconciliationJobTest {

    private static final Path TEMP;
    private static final OdooSimulator ODOO = OdooSimulator.start(19);
    private static final DemoCompany.Ids DEMO = DemoCompany.seed(ODOO);
    private static final EmbeddedSftpServer SFTP;
    private static final Map<String, String> EXTERNAL_LOCATION = Map.of("WH/Stock/Shelf 1", "A-01",
            "WH/Stock/Shelf 2", "A-02", "WH/Stock", "STOCK");

    static {
        try {
            TEMP = Files.createTempDirectory("inventory-recon");
            SFTP = EmbeddedSftpServer.start(Files.createDirectories(TEMP.resolve("sftp")));
            SFTP.writePartners(TEMP, "wms", "WMS", "WMS");
            Files.writeString(TEMP.resolve("odoo.key"), SimUsers.ADMIN_API_KEY);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("plantsync.odoo.url", () -> ODOO.url().toString());
        registry.add("plantsync.odoo.database", () -> OdooSimulator.DATABASE);
        registry.add("plantsync.odoo.login", () -> SimUsers.ADMIN_LOGIN);
        registry.add("plantsync.odoo.api-key-file", () -> TEMP.resolve("odoo.key").toString());
        registry.add("plantsync.sftp.partners-file", () -> TEMP.resolve("partners.yml").toString());
        registry.add("plantsync.sftp.data-dir", () -> TEMP.resolve("data").toString());
        registry.add("plantsync.sftp.stability-interval", () -> "PT0.1S");
        registry.add("plantsync.inventory.sites[0].site", () -> "MAIN");
        registry.add("plantsync.inventory.sites[0].partner", () -> "wms");
        int i = 0;
        for (Map.Entry<String, String> location : EXTERNAL_LOCATION.entrySet()) {
            registry.add("plantsync.inventory.locations[" + i + "].external", location::getValue);
            registry.add("plantsync.inventory.locations[" + i++ + "].odoo", location::getKey);
        }
        registry.add("plantsync.inventory.units[0].external", () -> "DZ");
        registry.add("plantsync.inventory.units[0].odoo", () -> "Dozens");
        registry.add("plantsync.inventory.tolerances[0].category", () -> category("PS-R010"));
        registry.add("plantsync.inventory.tolerances[0].absolute", () -> "1");
        registry.add("plantsync.inventory.tolerances[0].percent", () -> "0.5");
        registry.add("plantsync.inventory.flag-after-nights", () -> "3");
    }

    @AfterAll
    static void stop() {
        SFTP.close();
        ODOO.close();
    }

    @Autowired
    JobOperator jobs;

    @Autowired
    @Qualifier("inventoryReconciliation")
    Job job;

    @Autowired
    JdbcClient jdbc;

    @Test
    @Order(1)
    void firstNightReportsEveryPlantedBreakWithItsValue() throws Exception {
        ODOO.write("stock.quant", quant("PS-C001", "WH/Stock/Shelf 1"), Map.of("quantity", 20.0));
        ODOO.write("stock.quant", quant("PS-R011", "WH/Stock/Shelf 1"), Map.of("quantity", 40.0));
        ODOO.write("stock.quant", quant("PS-R012", "WH/Stock/Shelf 1"), Map.of("quantity", 24.0));
        ODOO.write("stock.quant", quant("PS-F001", "WH/Stock"), Map.of("quantity", 3.0));

        List<String> lines = snapshot();
        lines.add("MAIN,A-01,PS-R013,,twelve,EA,2026-11-20T23:00:00");   // line: not a number
        lines.add("EAST,A-01,PS-R014,,5,EA,2026-11-20T23:00:00");        // line: another site's stock
        JobExecution night = runNight(LocalDate.of(2026, 11, 20), "snapshot-20.csv", lines);

        assertThat(night.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(breaks(night)).containsExactlyInAnyOrder(
                tuple("QTY_MISMATCH", "WH/Stock/Shelf 1", "PS-C001", "", "55.00", 1, false),      // 25 vs 20 at 11.00
                tuple("QTY_MISMATCH", "WH/Stock/Shelf 1", "PS-R011", "", "8.25", 1, false),       // +3 over a tolerance of 1
                tuple("MISSING_IN_ODOO", "WH/Stock/Shelf 2", "PS-C002", "", "48.00", 1, false),   // 4 at 12.00
                tuple("MISSING_IN_WMS", "WH/Stock", "PS-F001", "", "-330.00", 1, false),          // 3 at 110.00
                tuple("LOT_MISMATCH", "WH/Stock/Shelf 1", "PS-R001", "PS-R001-LOT1", "-12.50", 1, false),
                tuple("LOT_MISMATCH", "WH/Stock/Shelf 1", "PS-R001", "PS-R001-LOT9", "12.50", 1, false),
                tuple("UNMAPPED_LOCATION", "Z-99", "PS-R003", "", "5.25", 1, false),              // 7 at 0.75
                tuple("UNMAPPED_ITEM", "WH/Stock/Shelf 1", "XX-404", "", null, 1, false));
        assertThat(exceptions(night)).containsExactlyInAnyOrder(
                "snapshot-20.csv:" + (lines.size() - 1) + ": field quantity: 'twelve' is not a number",
                "snapshot-20.csv:" + lines.size() + ": field site: 'EAST' is not site MAIN");
        assertThat(night.getExitStatus().getExitDescription()).contains("breaks 8", "new 8", "resolved 0");
    }

    @Test
    @Order(2)
    void breaksAgeAcrossNightsAndResolvedOnesDisappear() throws Exception {
        List<String> fixed = snapshot().stream().map(l -> l.replace("MAIN,A-01,PS-C001,,25,", "MAIN,A-01,PS-C001,,20,"))
                .toList();
        JobExecution second = runNight(LocalDate.of(2026, 11, 21), "snapshot-21.csv", fixed);
        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(second.getExitStatus().getExitDescription()).contains("breaks 7", "new 0", "resolved 1");

        JobExecution third = runNight(LocalDate.of(2026, 11, 22), "snapshot-22.csv", fixed);
        assertThat(third.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(breaks(third)).hasSize(7).allSatisfy(b -> {
            assertThat(b.toList().get(5)).isEqualTo(3);   // nights open
            assertThat(b.toList().get(6)).isEqualTo(true); // flagged after three nights
        });
        assertThat(jdbc.sql("SELECT DISTINCT first_seen FROM inventory_break WHERE job_instance_id = :run")
                .param("run", third.getJobInstance().getId()).query(LocalDate.class).list())
                .containsExactly(LocalDate.of(2026, 11, 20));
    }

    @Test
    @Order(3)
    void aNightWithoutSnapshotFailsLoudlyAndRestartsOnceItArrives() throws Exception {
        JobExecution night = jobs.start(job, new JobParametersBuilder()
                .addLocalDate("businessDate", LocalDate.of(2026, 11, 23)).addString("site", "MAIN").toJobParameters());
        assertThat(night.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(night.getExitStatus().getExitDescription()).contains("no stock snapshot was staged");
        assertThat(jdbc.sql("SELECT count(*) FROM inventory_break WHERE job_instance_id = :run")
                .param("run", night.getJobInstance().getId()).query(Integer.class).single()).isZero();

        Files.write(SFTP.home("wms").resolve("inbound/snapshot-23.csv"), snapshot().stream()
                .map(l -> l.replace("2026-11-20T23:00:00", "2026-11-23T23:00:00")).toList());
        JobExecution restarted = jobs.restart(night);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getExitStatus().getExitDescription()).contains("breaks 8", "new 1", "resolved 0");
    }

    /** Odoo's own stock as the warehouse would report it, with the planted differences. */
    private static List<String> snapshot() {
        Map<Integer, String> codes = new HashMap<>();
        ODOO.searchRead("product.product", List.of(), List.of("default_code"))
                .forEach(p -> codes.put((Integer) p.get("id"), String.valueOf(p.get("default_code"))));
        List<String> lines = new ArrayList<>(List.of("site,location,item,lot,quantity,uom,snapshot_time"));
        for (Map<String, Object> q : ODOO.searchRead("stock.quant", List.of(List.of("location_id.usage", "=", "internal")),
                List.of("product_id", "location_id", "lot_id", "quantity"))) {
            String item = codes.get(id(q.get("product_id")));
            String location = EXTERNAL_LOCATION.get(name(q.get("location_id")));
            String lot = q.get("lot_id") instanceof List<?> l ? (String) l.get(1) : "";
            BigDecimal quantity = BigDecimal.valueOf(((Number) q.get("quantity")).doubleValue());
            String unit = "EA";
            switch (item) {
                case "PS-F001" -> {
                    continue;                                            // MISSING_IN_WMS
                }
                case "PS-C001" -> quantity = quantity.add(BigDecimal.valueOf(5));      // QTY_MISMATCH
                case "PS-R010" -> quantity = quantity.add(new BigDecimal("0.5"));      // within tolerance
                case "PS-R011" -> quantity = quantity.add(BigDecimal.valueOf(3));      // beyond tolerance
                case "PS-R012" -> {
                    quantity = new BigDecimal("2");                      // 2 dozen = Odoo's 24 units
                    unit = "DZ";
                }
                default -> {
                }
            }
            if (lot.equals("PS-R001-LOT1")) {
                lot = "PS-R001-LOT9";                                    // LOT_MISMATCH
            }
            lines.add(String.join(",", "MAIN", location, item, lot, quantity.stripTrailingZeros().toPlainString(),
                    unit, "2026-11-20T23:00:00"));
        }
        lines.add("MAIN,A-02,PS-C002,,4,EA,2026-11-20T23:00:00");        // MISSING_IN_ODOO
        lines.add("MAIN,Z-99,PS-R003,,7,EA,2026-11-20T23:00:00");        // UNMAPPED_LOCATION
        lines.add("MAIN,A-01,XX-404,,2,EA,2026-11-20T23:00:00");         // UNMAPPED_ITEM
        return lines;
    }

    private JobExecution runNight(LocalDate date, String file, List<String> lines) throws Exception {
        // Each night's snapshot carries its own time, as a real one does (an identical file is refused as a duplicate).
        Files.write(SFTP.home("wms").resolve("inbound/" + file),
                lines.stream().map(l -> l.replace("2026-11-20T23:00:00", date + "T23:00:00")).toList());
        return jobs.start(job, new JobParametersBuilder().addLocalDate("businessDate", date)
                .addString("site", "MAIN").toJobParameters());
    }

    private List<org.assertj.core.groups.Tuple> breaks(JobExecution run) {
        return jdbc.sql("""
                SELECT category, location, item, lot, value, nights_open, flagged FROM inventory_break
                 WHERE job_instance_id = :run""").param("run", run.getJobInstance().getId())
                .query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5) == null ? null : rs.getBigDecimal(5).toPlainString(), rs.getInt(6),
                        rs.getBoolean(7)))
                .list();
    }

    private List<String> exceptions(JobExecution run) {
        return jdbc.sql("SELECT message FROM exception_record WHERE job_execution_id = :id")
                .param("id", run.getId()).query(String.class).list();
    }

    private static int quant(String code, String location) {
        return ODOO.searchRead("stock.quant", List.of(List.of("product_id", "=", DEMO.product(code)),
                List.of("location_id", "=", location.equals("WH/Stock") ? DEMO.stock() : DEMO.shelf1())), List.of("id"))
                .stream()
                .map(q -> (Integer) q.get("id")).findFirst().orElseThrow(() -> new IllegalStateException(
                        "no quant of " + code + " in " + location));
    }

    private static String category(String code) {
        return name(ODOO.searchRead("product.product", List.of(List.of("id", "=", DEMO.product(code))),
                List.of("categ_id")).get(0).get("categ_id"));
    }

    private static int id(Object many2one) {
        return (Integer) ((List<?>) many2one).get(0);
    }

    private static String name(Object many2one) {
        return (String) ((List<?>) many2one).get(1);
    }
}
