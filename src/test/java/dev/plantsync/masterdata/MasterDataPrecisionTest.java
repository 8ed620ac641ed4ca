package dev.plantsync.masterdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.approvals.Approvals;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.support.PlantSyncTest;
import dev.plantsync.support.SimulatedWorld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Files with more decimals than Odoo keeps (a weight of 1.245 where 'Stock Weight' keeps 2, BOM quantities of 1.125):
 * Odoo stores them rounded half-up, so the plan compares them rounded. A re-run of the identical data plans nothing,
 * writes nothing and holds nothing as a broken export; the file's extra decimals are reported once per file and
 * column. A BOM whose one line changed gets that line written, its other lines untouched.
 */
@PlantSyncTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MasterDataPrecisionTest extends MasterDataNights {

    private static final SimulatedWorld WORLD = SimulatedWorld.start(19, "plm", "PLM", "PLM");
    private static final OdooSimulator ODOO = WORLD.odoo;
    private static final int PRODUCTS = 25;
    private static final int BOMS = 20;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        WORLD.register(registry);
    }

    @AfterAll
    static void stop() {
        WORLD.close();
    }

    @Autowired
    Approvals approvals;

    @Test
    @Order(1)
    void aFirstLoadStoresWhatOdooKeepsAndSaysOnceThatTheFileHadMoreDecimals() throws Exception {
        drop(1, false, "0.333");

        JobExecution run = run(1);

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(run.getExitStatus().getExitDescription()).contains(
                "products: " + PRODUCTS + " created", "boms: " + BOMS + " created",
                "more decimals than Odoo keeps: products-1.csv weight, boms-1.csv quantity");
        assertThat(ODOO.searchRead("product.product", List.of(List.of("default_code", "=", "PD-003")),
                List.of("weight")).get(0)).containsEntry("weight", 3.25); // 3.245, half-up at 2 decimals
        assertThat(lines("PD-003").values()).containsExactlyInAnyOrder("PS-C001 x 1.13", "PS-R004 x 0.33");
        assertThat(jdbc.sql("""
                SELECT location, business_key, reason_code, message FROM exception_record
                 WHERE job_execution_id = :execution ORDER BY id""").param("execution", run.getId())
                .query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list())
                .containsExactly(
                        tuple("products-1.csv", "weight", "MORE_DECIMALS_THAN_ODOO_KEEPS", "products-1.csv: weight has "
                                + "more decimals than Odoo keeps for product.product.weight (2): values are stored "
                                + "rounded half-up, e.g. line 2 (PD-001) 1.245 is stored as 1.25"),
                        tuple("boms-1.csv", "quantity", "MORE_DECIMALS_THAN_ODOO_KEEPS", "boms-1.csv: quantity has "
                                + "more decimals than Odoo keeps for mrp.bom.line.product_qty (2): values are stored "
                                + "rounded half-up, e.g. line 2 (PD-001) 1.125 is stored as 1.13"));
    }

    @Test
    @Order(2)
    void theIdenticalDataAgainPlansNothingWritesNothingAndHoldsNothing() throws Exception {
        drop(2, true, "0.333");
        Map<String, Integer> before = new HashMap<>(ODOO.calls());

        JobExecution run = run(2);

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(run.getExitStatus().getExitDescription()).contains(
                "products: 0 created, 0 updated, 0 deactivated, " + PRODUCTS + " unchanged, 0 awaiting approval",
                "boms: 0 created, 0 updated, 0 deactivated, " + BOMS + " unchanged, 0 awaiting approval");
        assertThat(ODOO.writesSince(before)).isEmpty();
        assertThat(approvals.pending()).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM md_change WHERE job_instance_id = :run AND action <> 'UNCHANGED'")
                .param("run", run.getJobInstance().getId()).query(Integer.class).single()).isZero();
    }

    @Test
    @Order(3)
    void oneChangedBomLineIsTheOnlyLineWritten() throws Exception {
        Map<Integer, Object> writtenBefore = writeDates();
        Map<Integer, String> linesBefore = lines("PD-003");
        Thread.sleep(1100); // write dates are to the second
        drop(3, false, "0.5"); // PD-003's PS-R004 line: 0.333 -> 0.5; everything else as before
        Map<String, Integer> before = new HashMap<>(ODOO.calls());

        JobExecution run = run(3);

        assertThat(run.getExitStatus().getExitDescription()).contains(
                "boms: 0 created, 1 updated, 0 deactivated, " + (BOMS - 1) + " unchanged");
        assertThat(ODOO.writesSince(before)).containsExactlyEntriesOf(Map.of("mrp.bom.write", 1));
        Map<Integer, String> linesAfter = lines("PD-003");
        assertThat(linesAfter.keySet()).as("the same line records, none deleted and recreated")
                .isEqualTo(linesBefore.keySet());
        assertThat(linesAfter.values()).containsExactlyInAnyOrder("PS-C001 x 1.13", "PS-R004 x 0.5");
        Map<Integer, Object> writtenAfter = writeDates();
        List<Integer> rewritten = new ArrayList<>();
        writtenAfter.forEach((id, date) -> {
            if (!date.equals(writtenBefore.get(id))) {
                rewritten.add(id);
            }
        });
        int changedLine = linesAfter.entrySet().stream().filter(e -> e.getValue().startsWith("PS-R004"))
                .findFirst().orElseThrow().getKey();
        assertThat(rewritten).containsExactly(changedLine);
    }

    @Test
    @Order(4)
    void aComponentSwappedOnABomRemovesItsLineAndAddsTheNewOneLeavingTheOtherAlone() throws Exception {
        Map<Integer, String> before = lines("PD-004");
        int kept = before.entrySet().stream().filter(e -> e.getValue().startsWith("PS-C001")).findFirst()
                .orElseThrow().getKey();
        Files.writeString(WORLD.sftp.home("plm").resolve("inbound/boms-4.csv"), """
                product,bom_qty,type,component,quantity,uom,operation,workcenter,minutes
                PD-004,1,normal,PS-C001,1.125,Units,,,
                PD-004,,,PS-C002,2,Units,,,
                PD-004,,,,,,Assembly,Assembly,15
                """);
        Map<String, Integer> calls = new HashMap<>(ODOO.calls());

        JobExecution run = run(4);

        assertThat(run.getExitStatus().getExitDescription()).contains("boms: 0 created, 1 updated");
        assertThat(ODOO.writesSince(calls)).containsExactlyEntriesOf(Map.of("mrp.bom.write", 1));
        Map<Integer, String> after = lines("PD-004");
        assertThat(after.values()).containsExactlyInAnyOrder("PS-C001 x 1.13", "PS-C002 x 2.0");
        assertThat(after).containsEntry(kept, "PS-C001 x 1.13");
        assertThat(ODOO.searchRead("mrp.bom.line", List.of(List.of("id", "in", List.copyOf(before.keySet()))),
                List.of("id"))).as("the PS-R004 line is gone").hasSize(1);
    }

    /** PD-001..025 with weights of three decimals; BOMs for the first 20, two lines and an operation each. */
    private static void drop(int night, boolean reversed, String pd003Quantity) throws Exception {
        List<String> products = new ArrayList<>();
        List<String> boms = new ArrayList<>();
        for (int k = 1; k <= PRODUCTS; k++) {
            int i = reversed ? PRODUCTS + 1 - k : k;
            products.add("PD-%03d,Part %d,storable,Units,All / Components,%d.245,,true,none,10".formatted(i, i, i));
            if (i <= BOMS) {
                String raw = i == 3 ? pd003Quantity : "0.333";
                List<String> rows = new ArrayList<>(List.of("PD-%03d,1,normal,PS-C001,1.125,Units,,,".formatted(i),
                        "PD-%03d,,,PS-R004,%s,Units,,,".formatted(i, raw)));
                if (reversed) {
                    java.util.Collections.reverse(rows);
                    rows.set(0, rows.get(0).replace(",,,PS-R004", ",1,normal,PS-R004"));
                    rows.set(1, rows.get(1).replace(",1,normal,PS-C001", ",,,PS-C001"));
                }
                boms.addAll(rows);
                boms.add("PD-%03d,,,,,,Assembly,Assembly,15".formatted(i));
            }
        }
        Files.writeString(WORLD.sftp.home("plm").resolve("inbound/products-" + night + ".csv"),
                "default_code,name,type,uom,category,weight,barcode,active,tracking,standard_price\n"
                        + String.join("\n", products) + "\n");
        Files.writeString(WORLD.sftp.home("plm").resolve("inbound/boms-" + night + ".csv"),
                "product,bom_qty,type,component,quantity,uom,operation,workcenter,minutes\n"
                        + String.join("\n", boms) + "\n");
    }

    /** A BOM's lines by id, as "component x quantity". */
    private static Map<Integer, String> lines(String code) {
        int bom = (Integer) ODOO.searchRead("mrp.bom", List.of(List.of("product_tmpl_id.default_code", "=", code)),
                List.of("id")).get(0).get("id");
        Map<Integer, String> lines = new LinkedHashMap<>();
        ODOO.searchRead("mrp.bom.line", List.of(List.of("bom_id", "=", bom)), List.of("product_id", "product_qty"))
                .forEach(l -> lines.put((Integer) l.get("id"), ((String) ((List<?>) l.get("product_id")).get(1))
                        .replaceAll("^\\[([^\\]]+)\\].*", "$1") + " x " + l.get("product_qty")));
        return lines;
    }

    /** write_date of every line of the test's BOMs, by line id. */
    private static Map<Integer, Object> writeDates() {
        Map<Integer, Object> dates = new HashMap<>();
        ODOO.searchRead("mrp.bom.line", List.of(List.of("bom_id.product_tmpl_id.default_code", "=like", "PD-%")),
                List.of("write_date")).forEach(l -> dates.put((Integer) l.get("id"), l.get("write_date")));
        return dates;
    }
}
