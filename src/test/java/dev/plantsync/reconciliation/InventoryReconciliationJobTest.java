package dev.plantsync.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.sim.SimFaults;
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

    private static final InventoryScenario SCENARIO = new InventoryScenario();

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        SCENARIO.wiring(registry);
    }

    @AfterAll
    static void stop() {
        SCENARIO.close();
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
        List<String> lines = SCENARIO.snapshot();
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
        List<String> fixed = SCENARIO.snapshot().stream().map(l -> l.replace("MAIN,A-01,PS-C001,,25,", "MAIN,A-01,PS-C001,,20,"))
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

        SCENARIO.drop(LocalDate.of(2026, 11, 23), "snapshot-23.csv", SCENARIO.snapshot());
        JobExecution restarted = jobs.restart(night);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getExitStatus().getExitDescription()).contains("breaks 8", "new 1", "resolved 0");
    }

    @Test
    @Order(4)
    void aFileThatIsNoSnapshotIsQuarantinedWithItsReason() throws Exception {
        JobExecution night = runNight(LocalDate.of(2026, 11, 24), "wrong.csv",
                List.of("site,location,item,lot,qty,uom", "MAIN,A-01,PS-C001,,20,EA"));

        assertThat(night.getStatus()).isEqualTo(BatchStatus.FAILED); // nothing to compare against
        assertThat(exceptions(night)).containsExactly("wrong.csv: missing column 'quantity' in the header");
        assertThat(Files.list(SCENARIO.sftp.home("wms").resolve("error")).map(f -> f.getFileName().toString()))
                .anyMatch(n -> n.contains("wrong.csv"));
    }

    @Test
    @Order(5)
    void theLastSnapshotDroppedSpeaksAndAVariantSharingACodeCountsUnderIt() throws Exception {
        // A second variant coded PS-C001 with 5 on shelf 1: Odoo holds 20 + 5 of the code there.
        int variant = SCENARIO.odoo.create("product.product", Map.of("name", "Cable, grey", "default_code", "PS-C001",
                "standard_price", 11.0));
        SCENARIO.odoo.create("stock.quant", Map.of("product_id", variant, "location_id", SCENARIO.demo.shelf1(),
                "quantity", 5.0));
        // PS-R002 is among the first ids, its new variant the last: products are read in two id ranges, and the
        // lower range's product must still speak for the code.
        int lateVariant = SCENARIO.odoo.create("product.product", Map.of("name", "Raw material 2, recycled",
                "default_code", "PS-R002", "standard_price", 99.0));
        List<String> counted = new ArrayList<>(SCENARIO.snapshot().stream()
                .filter(l -> !l.startsWith("MAIN,A-01,PS-C001,,")).toList());
        counted.add("MAIN,A-01,PS-C001,,12,EA," + InventoryScenario.TIME);   // two lines of the same stock: 25 in all
        counted.add("MAIN,A-01,PS-C001,,13,EA," + InventoryScenario.TIME);
        LocalDate night = LocalDate.of(2026, 11, 25);
        SCENARIO.drop(night, "snapshot-25-early.csv", List.of(counted.get(0),
                "MAIN,A-01,PS-C001,,999,EA," + InventoryScenario.TIME));
        Path early = SCENARIO.sftp.home("wms").resolve("inbound/snapshot-25-early.csv");
        Files.setLastModifiedTime(early, FileTime.from(Instant.now().minusSeconds(600)));

        JobExecution run = runNight(night, "snapshot-25-late.csv", counted);

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(breaks(run)).extracting(b -> b.toList().get(0) + " " + b.toList().get(2)).containsExactlyInAnyOrder(
                "QTY_MISMATCH PS-R011", "MISSING_IN_ODOO PS-C002", "MISSING_IN_WMS PS-F001", "LOT_MISMATCH PS-R001",
                "LOT_MISMATCH PS-R001", "UNMAPPED_LOCATION PS-R003", "UNMAPPED_ITEM XX-404");
        assertThat(run.getExitStatus().getExitDescription()).contains("snapshot rows " + (counted.size() - 1));
        long instance = run.getJobInstance().getId();
        assertThat(jdbc.sql("SELECT product_id, representative_id FROM inventory_recon_product_alias"
                + " WHERE job_instance_id = :run").param("run", instance).query((rs, n) -> tuple(rs.getInt(1),
                        rs.getInt(2))).list()).containsExactlyInAnyOrder(
                                tuple(variant, SCENARIO.demo.product("PS-C001")),
                                tuple(lateVariant, SCENARIO.demo.product("PS-R002")));
        assertThat(jdbc.sql("SELECT DISTINCT product_id FROM inventory_recon_stock_r" + instance
                + "_w WHERE item IN ('PS-C001', 'PS-R002')").query(Integer.class).list())
                .containsExactlyInAnyOrder(SCENARIO.demo.product("PS-C001"), SCENARIO.demo.product("PS-R002"));
    }

    @Test
    @Order(6)
    void onlyTheSitesLatestRunsKeepTheirStagedRows() {
        List<Long> staged = jdbc.sql("""
                SELECT substring(c.relname FROM 'r([0-9]+)$')::bigint
                  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                 WHERE p.relname = 'inventory_recon_stock'""").query(Long.class).list();
        Map<LocalDate, Long> runs = new java.util.HashMap<>();
        jdbc.sql("SELECT run_date, job_instance_id FROM inventory_recon_run WHERE site = 'MAIN'")
                .query((rs, n) -> runs.put(rs.getObject(1, LocalDate.class), rs.getLong(2))).list();

        // keep-staged-runs 2: when the night of the 25th started, the 22nd and 23rd were the latest compared (the
        // 24th failed and may still be restarted); the 20th and 21st were dropped.
        assertThat(staged).doesNotContain(runs.get(LocalDate.of(2026, 11, 20)), runs.get(LocalDate.of(2026, 11, 21)))
                .contains(runs.get(LocalDate.of(2026, 11, 22)), runs.get(LocalDate.of(2026, 11, 23)),
                        runs.get(LocalDate.of(2026, 11, 25)));
        assertThat(jdbc.sql("SELECT count(*) FROM inventory_recon_stock WHERE job_instance_id = :run")
                .param("run", runs.get(LocalDate.of(2026, 11, 20))).query(Integer.class).single()).isZero();
        // Written once, analyzed by the comparison, dropped two runs later: autovacuum has nothing to do there.
        long latest = runs.get(LocalDate.of(2026, 11, 25));
        assertThat(jdbc.sql("SELECT relname || ' ' || array_to_string(reloptions, ',') FROM pg_class WHERE relname IN ("
                + "'inventory_recon_stock_r" + latest + "_o', 'inventory_recon_stock_r" + latest + "_w', "
                + "'inventory_recon_product_r" + latest + "')").query(String.class).list()).containsExactlyInAnyOrder(
                        "inventory_recon_stock_r" + latest + "_o autovacuum_enabled=false",
                        "inventory_recon_stock_r" + latest + "_w autovacuum_enabled=false",
                        "inventory_recon_product_r" + latest + " autovacuum_enabled=false");
    }

    @Test
    @Order(7)
    void aRestartResolvesTheSnapshotStagedBeforeAgainstOdoosProductsAsTheyAreThen() throws Exception {
        // Odoo's quants cannot be read tonight (every attempt answered 503): the snapshot is staged all the same.
        SCENARIO.odoo.faults().inject("stock.quant", "search_read", SimFaults.Kind.HTTP_503, 100);
        JobExecution night = runNight(LocalDate.of(2026, 11, 26), "snapshot-26.csv", SCENARIO.snapshot());
        SCENARIO.odoo.faults().clear();
        assertThat(night.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(breaks(night)).isEmpty();

        // Before the restart, the unknown item gets its product in Odoo: the line staged last night now resolves to it.
        int widget = SCENARIO.odoo.create("product.product", Map.of("name", "Widget", "default_code", "XX-404",
                "standard_price", 2.0));
        JobExecution restarted = jobs.restart(night);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(breaks(restarted)).extracting(b -> b.toList().get(0) + " " + b.toList().get(2) + " " + b.toList().get(4))
                .contains("MISSING_IN_ODOO XX-404 4.00")   // 2 at 2.00, no longer UNMAPPED_ITEM
                .noneMatch(b -> b.startsWith("UNMAPPED_ITEM"));
        long instance = night.getJobInstance().getId();
        assertThat(jdbc.sql("SELECT DISTINCT resolved_by FROM inventory_recon_stock_r" + instance + "_w")
                .query(Long.class).list()).containsExactly(restarted.getId());
        assertThat(jdbc.sql("SELECT product_id FROM inventory_recon_stock_r" + instance + "_w WHERE item = 'XX-404'")
                .query(Integer.class).list()).containsExactly(widget);
        assertThat(jdbc.sql("SELECT count(*) FROM inbound_file WHERE name = 'snapshot-26.csv'").query(Integer.class)
                .single()).isEqualTo(1); // the file was not picked up twice: its staged lines were resolved again
    }

    @Test
    @Order(8)
    void aNightWhoseQuantsOneReaderCouldNotReadFailsAndItsRestartStagesEachQuantOnce() throws Exception {
        // Both id ranges' readers share one COPY: the first call answers, every later one is a 503, so one range is
        // staged and the other fails. The night fails on the 503, and its restart reads Odoo's side anew, once.
        SCENARIO.odoo.faults().injectAfter("stock.quant", "search_read", 1, SimFaults.Kind.HTTP_503, 100);
        JobExecution night = runNight(LocalDate.of(2026, 11, 27), "snapshot-27.csv", SCENARIO.snapshot());
        SCENARIO.odoo.faults().clear();
        assertThat(night.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(night.getStepExecutions()).filteredOn(s -> s.getStepName().equals("stage-odoo-quants"))
                .singleElement().satisfies(step -> assertThat(step.getFailureExceptions()).isNotEmpty()
                        .allSatisfy(e -> assertThat(e).hasStackTraceContaining("503")));

        JobExecution restarted = jobs.restart(night);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long instance = night.getJobInstance().getId();
        // The same stock and snapshot as the night before: the same quants compared and the same breaks found.
        List<Long> runs = jdbc.sql("SELECT previous_job_instance_id, job_instance_id FROM inventory_recon_run"
                + " WHERE job_instance_id = :run").param("run", instance)
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2))).single();
        String rowsAndBreaks = """
                SELECT r.odoo_rows || ' ' || b.category || ' ' || b.location || ' ' || b.item || ' ' || b.lot || ' '
                       || b.difference
                  FROM inventory_recon_run r JOIN inventory_break b ON b.job_instance_id = r.job_instance_id
                 WHERE r.job_instance_id = :run""";
        List<String> before = jdbc.sql(rowsAndBreaks).param("run", runs.get(0)).query(String.class).list();
        assertThat(before).isNotEmpty();
        assertThat(jdbc.sql(rowsAndBreaks).param("run", runs.get(1)).query(String.class).list())
                .containsExactlyInAnyOrderElementsOf(before);
    }

    private JobExecution runNight(LocalDate date, String file, List<String> lines) throws Exception {
        SCENARIO.drop(date, file, lines);
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
}
