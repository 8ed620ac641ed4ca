package dev.plantsync.costing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.approvals.ApprovalRequest;
import dev.plantsync.approvals.Decision;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.platform.Actor;
import dev.plantsync.support.ApiClient;
import dev.plantsync.support.TestUsers;
import dev.plantsync.support.Resumed;
import dev.plantsync.support.SimulatedWorld;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo company's standard costs rolled up on a simulated Odoo 19, with two planted changes: machining got dearer
 * (60 -> 75 per hour) and raw material 3 was last bought at 0.78 instead of 0.75. Policy (jobs/cost-rollup.yml):
 * latest PO price, then vendor price list (the demo lists every raw material at 98 % of its cost), then standard; 5 %
 * scrap on PS-R004; above 5 % variance or 500 revaluation waits for an approver.
 *
 * <p>By hand, each line in cents as Odoo's BoM report has it: kit K001 = 4 x R004 1.00 x 1.05 + 4 x R005 1.25 =
 * 9.20. C001 = 2 x R001 0.25 (PO) + 1.5 x R009 2.21 (list: 2.205 rounded) = 3.315 -> 3.32 + 1 kit 9.20 + 12 min at
 * 75/h 15.00 = 28.02. C002 = 2 x 0.50 + 1.5 x R010 2.45 = 3.675 -> 3.68 + 9.20 + 15.00 = 28.88. F001 = C001 28.02 + 2
 * C002 exploded (2.00 + 7.35 + 2 kits 18.40 + 2 cycles 30.00 = 57.75) + 0.5 x R017 4.17 (list: 4.165) = 2.085 -> 2.09
 * + 30 min at 40/h 20.00 = 107.86, valued at average cost: reported, never written. The kit is written without an
 * approver: it has no stock of its own to revalue.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"plantsync.scheduler.enabled=false", "plantsync.jobs.async=false"})
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CostRollupJobTest extends CostRollupNights {

    private static final SimulatedWorld WORLD = SimulatedWorld.start(19);
    private static final OdooSimulator ODOO = WORLD.odoo;
    private static final Actor FINANCE = new Actor("fiona", "test");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        WORLD.register(registry);
        TestUsers.register(registry, "vera", "VIEWER");
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stop() {
        WORLD.close();
    }

    @Test
    @Order(1)
    void smallChangesAreWrittenLargeOnesWaitAndOnlyStandardCostProductsAreTouched() throws Exception {
        int machining = (Integer) ODOO.searchRead("mrp.workcenter", List.of(List.of("name", "=", "Machining")),
                List.of("id")).get(0).get("id");
        ODOO.write("mrp.workcenter", machining, Map.of("costs_hour", 75.0));
        // the kit's components tracked in stock: Odoo then shows the kits they make as the kit's on hand
        ODOO.write("product.product", WORLD.demo.product("PS-R004"), Map.of("is_storable", true));
        ODOO.write("product.product", WORLD.demo.product("PS-R005"), Map.of("is_storable", true));
        ODOO.create("purchase.order", Map.of("partner_id", WORLD.demo.baltic(), "name", "PO-BALTIC-0002", "state",
                "purchase", "order_line", List.of(List.of(0, 0, Map.of("product_id", WORLD.demo.product("PS-R003"),
                        "product_qty", 40.0, "price_unit", 0.78, "product_uom_id", 1, "name", "line")))));
        Map<String, Integer> before = ODOO.calls();

        JobExecution run = run(1);

        assertThat(run.getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(run.getExitStatus().getExitCode()).isEqualTo("AWAITING_APPROVAL");
        long instance = run.getJobInstance().getId();
        // the kit: Odoo shows what its components could make as its on hand, but it has no stock to revalue, so its
        // cost is written without asking anyone
        assertThat(line(instance, "PS-K001")).containsExactly("bom", "9.20", "3.00", "APPLIED");
        assertThat(ODOO.searchRead("product.product", List.of(List.of("default_code", "=", "PS-K001")),
                List.of("qty_available")).get(0).get("qty_available")).isNotEqualTo(0.0);
        assertThat(jdbc.sql("""
                SELECT revaluation FROM cost_rollup_line WHERE job_instance_id = :run AND code = 'PS-K001'""")
                .param("run", instance).query(BigDecimal.class).single()).isZero();
        assertThat(line(instance, "PS-C001")).containsExactly("bom", "28.02", "11.00", "AWAITING_APPROVAL");
        assertThat(line(instance, "PS-C002")).containsExactly("bom", "28.88", "12.00", "AWAITING_APPROVAL");
        // as Odoo's BoM report: C001 and C002 exploded with each line in cents (C001's 1.5 x 2.21 = 3.315 -> 3.32)
        assertThat(line(instance, "PS-F001")).containsExactly("bom", "107.86", "110.00", "NOT_WRITTEN");
        assertThat(line(instance, "PS-R003")).containsExactly("latest-po", "0.78", "0.75", "APPLIED");
        assertThat(line(instance, "PS-R007")).containsExactly("vendor-pricelist", "1.71", "1.75", "APPLIED");
        assertThat(line(instance, "PS-R001")).containsExactly("latest-po", "0.25", "0.25", "UNCHANGED");
        // written: the small changes, in one load; Odoo 19 records each price change as a product.value
        assertThat(cost("PS-R003")).isEqualTo(0.78);
        assertThat(cost("PS-R007")).isEqualTo(1.71);
        assertThat(cost("PS-K001")).isEqualTo(9.2);
        assertThat(cost("PS-C001")).isEqualTo(11.0);
        assertThat(cost("PS-F001")).isEqualTo(110.0);
        assertThat(ODOO.searchRead("product.value", List.of(List.of("product_id", "=", WORLD.demo.product("PS-R003"))),
                List.of("value", "description"))).singleElement().satisfies(v -> assertThat(v)
                        .containsEntry("value", 0.78)
                        .containsEntry("description", "Price update from 0.75 to 0.78 by Mitchell Admin"));
        assertThat(ODOO.writesSince(before)).containsExactlyEntriesOf(Map.of("product.product.load", 1));
        assertThat(jdbc.sql("SELECT written_values ->> 'standard_price' FROM odoo_write WHERE business_key = 'PS-R003'")
                .query(String.class).single()).isEqualTo("0.78");
        // one request per large change, with the revaluation it would book
        assertThat(approvals.pending()).extracting(ApprovalRequest::businessKey).hasSize(8)
                .doesNotContain(String.valueOf(WORLD.demo.product("PS-K001")));
        ApprovalRequest c001 = pending("PS-C001");
        assertThat(c001.subject()).isEqualTo("PS-C001: standard cost 11.00 -> 28.02 (+154.73 %)");
        assertThat(c001.reason()).startsWith("variance 154.73% is above 5%");
        assertThat(run.getExitStatus().getExitDescription()).contains("8 awaiting approval",
                "4 not at standard cost (report only)");
    }

    @Test
    @Order(2)
    void approvedCostsAreWrittenCorrectedOnesAtTheApproversPriceRejectedOnesNever() throws Exception {
        JobExecution stopped = latest(1);
        approvals.decide(pending("PS-C002").id(), Decision.reject("routing is being re-timed"), FINANCE);
        approvals.decide(pending("PS-C001").id(), new Decision(Decision.Kind.APPROVED_WITH_CORRECTION,
                "rounded for the price list", new BigDecimal("28.00"), null), FINANCE);
        for (ApprovalRequest r : approvals.pending()) {
            approvals.decide(r.id(), Decision.approve("new routing times"), FINANCE);
        }

        JobExecution resumed = Resumed.await(repository, stopped);

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(cost("PS-K001")).isEqualTo(9.2);
        assertThat(cost("PS-C001")).isEqualTo(28.0);
        assertThat(cost("PS-C002")).isEqualTo(12.0);
        assertThat(cost("PS-C003")).isNotEqualTo(13.0);
        assertThat(cost("PS-F001")).isEqualTo(110.0);
        assertThat(jdbc.sql("SELECT business_key, reason_code FROM exception_record WHERE job_name = 'cost-rollup'")
                .query((rs, n) -> tuple(rs.getString(1), rs.getString(2))).list())
                .containsExactly(tuple("PS-C002", "REJECTED_BY_APPROVER"));
    }

    @Test
    @Order(3)
    void theNextNightWithNothingChangedWritesNothing() throws Exception {
        Map<String, Integer> before = ODOO.calls();

        JobExecution run = run(2);

        assertThat(ODOO.writesSince(before)).isEmpty();
        long instance = run.getJobInstance().getId();
        assertThat(line(instance, "PS-K001")).containsExactly("bom", "9.20", "9.20", "UNCHANGED");
        assertThat(line(instance, "PS-R003")).containsExactly("latest-po", "0.78", "0.78", "UNCHANGED");
        // an approver's correction stands while the roll-up gives the same cost; a rejected change is asked again
        assertThat(line(instance, "PS-C001")).containsExactly("bom", "28.02", "28.00", "UNCHANGED");
        assertThat(approvals.pending()).extracting(ApprovalRequest::subject)
                .containsExactly("PS-C002: standard cost 12.00 -> 28.88 (+140.67 %)"); // lines rounded as Odoo's report
    }

    @Test
    @Order(4)
    void theReportListsEveryProductsBreakdownBiggestImpactFirst() throws Exception {
        long instance = latest(1).getJobInstance().getId();
        ApiClient api = new ApiClient(port);

        HttpResponse<String> summary = api.get("vera", "/api/costing/runs/" + instance);
        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(summary.body()).contains("\"componentCost\":\"latest-po, vendor-pricelist, standard\"",
                "{\"state\":\"REJECTED\",\"products\":1,\"revaluation\":422.00}"); // 25 on hand x 16.88

        HttpResponse<String> csv = api.get("vera", "/api/costing/runs/" + instance + "/products.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> rows = csv.body().lines().toList();
        assertThat(rows.get(0)).isEqualTo("code,cost_source,source_reference,bom_id,material,operations,overhead,"
                + "new_cost,old_cost,variance,variance_percent,cost_method,on_hand,revaluation,state,written_cost,reason");
        assertThat(rows).hasSize(1 + jdbc.sql("SELECT count(*) FROM cost_rollup_line WHERE job_instance_id = :run")
                .param("run", instance).query(Integer.class).single());
        // C001: material 2 x 0.25 + 1.5 x 2.21 (3.32 in cents) + kit 9.20 = 13.02, operations 15.00; approved at
        // 28.00 instead of 28.02
        assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("PS-C001,bom,,").contains(",13.02,15.00,0.00,28.02,11")
                .contains(",APPLIED,28.00,"));
        List<java.math.BigDecimal> impacts = rows.subList(1, rows.size()).stream()
                .map(r -> new java.math.BigDecimal(r.split(",")[13]).abs()).toList();
        assertThat(impacts).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        HttpResponse<byte[]> xlsx = api.download("vera", "/api/costing/runs/" + instance + "/products.xlsx?sort=code");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(book.getSheet("products").getRow(1).getCell(0).getStringCellValue()).isEqualTo("PS-C001");
            assertThat(book.getSheet("products").getLastRowNum()).isEqualTo(rows.size() - 1);
        }
        assertThat(api.get("vera", "/api/costing/runs/" + instance + "/products.csv?sort=price").statusCode())
                .isEqualTo(400);
        assertThat(api.get("vera", "/api/costing/runs/999999").statusCode()).isEqualTo(404);
    }

    /** {cost source, new cost, old cost, state} of the product in the run's results. */
    private List<String> line(long instance, String code) {
        return jdbc.sql("""
                SELECT cost_source, new_cost, round(old_cost, 2) AS old_cost, state FROM cost_rollup_line
                 WHERE job_instance_id = :run AND code = :code""").param("run", instance).param("code", code)
                .query((rs, n) -> List.of(rs.getString(1), rs.getBigDecimal(2).toPlainString(),
                        rs.getBigDecimal(3).toPlainString(), rs.getString(4))).single();
    }

    private static double cost(String code) {
        return ((Number) ODOO.searchRead("product.product", List.of(List.of("default_code", "=", code)),
                List.of("standard_price")).get(0).get("standard_price")).doubleValue();
    }
}
