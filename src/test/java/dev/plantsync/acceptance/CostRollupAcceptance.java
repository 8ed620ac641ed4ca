package dev.plantsync.acceptance;

import static dev.plantsync.acceptance.RealOdoo.values;
import static dev.plantsync.acceptance.RealWorld.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.approvals.ApprovalRequest;
import dev.plantsync.approvals.Approvals;
import dev.plantsync.approvals.Decision;
import dev.plantsync.platform.Actor;
import dev.plantsync.support.PlantSyncTest;
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
 * Cost roll-up against a real Odoo: a two-level product structure of this run (a sub-assembly of two bought parts
 * with an operation, and a top product using two of it, another part and an operation on a work center with setup
 * and clean-up time). Every rolled cost must equal Odoo's own BoM cost report
 * ({@code report.mrp.report_bom_structure}) for the product, and once approved be the standard price Odoo holds.
 * Every change waits for an approver (limits 0) so the roll-up never writes the costs of products that are not this
 * run's (the database is shared): this run's are approved, the others rejected.
 */
@PlantSyncTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class CostRollupAcceptance {

    @Autowired
    JobOperator jobs;

    @Autowired
    @Qualifier("costRollup")
    Job job;

    @Autowired
    JobRepository repository;

    @Autowired
    Approvals approvals;

    @Autowired
    JdbcClient jdbc;

    abstract RealWorld world();

    static void wiring(RealWorld world, DynamicPropertyRegistry registry) {
        registry.add("plantsync.costing.component-cost[0]", () -> "standard");
        registry.add("plantsync.costing.overhead-percent", () -> "0");
        registry.add("plantsync.costing.variance-percent", () -> "0");
        registry.add("plantsync.costing.revaluation-amount", () -> "0");
        world.register(registry);
    }

    private RealWorld w;
    private RealOdoo odoo;
    private JobExecution run;
    /** Odoo's own BoM cost report and the rolled cost, by product code. */
    private final Map<String, BigDecimal> odoos = new LinkedHashMap<>();
    private final Map<String, BigDecimal> rolled = new LinkedHashMap<>();

    @BeforeAll
    void buildTwoLevelsAndRollUp() throws Exception {
        w = world();
        odoo = w.odoo();
        OdooFixtures f = new OdooFixtures(odoo);
        int plain = odoo.create("mrp.workcenter", values("name", w.prefix + " Prep", "costs_hour", 60.0));
        int setup = odoo.create("mrp.workcenter", values("name", w.prefix + " Assembly", "costs_hour", 45.0,
                "time_start", 6.0, "time_stop", 4.0));
        int bolt = f.storable(w.code("BOLT"), w.prefix + " Bolt", 2.0, 0, null);
        int sheet = f.storable(w.code("SHEET"), w.prefix + " Sheet", 3.5, 0, null);
        int sub = f.storable(w.code("SUB"), w.prefix + " Sub-assembly", 0.0, 0, null);
        int top = f.storable(w.code("TOP"), w.prefix + " Top", 0.0, 0, null);
        Map<String, Integer> boms = new LinkedHashMap<>();
        // SUB: 3 bolts + 1 sheet + 12 min at 60/h
        boms.put(w.code("SUB"), bom(odoo, sub, List.of(List.of(bolt, 3.0), List.of(sheet, 1.0)), "Prep", plain, 12.0));
        // TOP: 2 SUB + 0.5 sheet + 30 min at 45/h, plus 6 + 4 min setup and clean-up on that work center
        boms.put(w.code("TOP"), bom(odoo, top, List.of(List.of(sub, 2.0), List.of(sheet, 0.5)), "Assemble", setup,
                30.0));

        run = jobs.start(job, new JobParametersBuilder().addLocalDate("businessDate", LocalDate.now())
                .toJobParameters());

        assertThat(run.getExitStatus().getExitCode()).as(run.getExitStatus().getExitDescription())
                .isIn("AWAITING_APPROVAL", "COMPLETED");
        boms.forEach((code, bom) -> odoos.put(code, bomCost(odoo, bom)));
        jdbc.sql("SELECT code, new_cost FROM cost_rollup_line WHERE job_instance_id = :run AND code LIKE :prefix")
                .param("run", run.getJobInstance().getId()).param("prefix", w.prefix + "-%")
                .query(rs -> { rolled.put(rs.getString(1), rs.getBigDecimal(2)); });
    }

    @Test
    @Order(1)
    void aProductOfBoughtPartsAndAnOperationCostsWhatOdoosBomReportSays() {
        // 3 x 2.00 + 3.50 + 12 min at 60/h = 21.50
        assertThat(odoos.get(w.code("SUB"))).as("Odoo's own BoM report").isEqualByComparingTo("21.50");
        assertThat(rolled.get(w.code("SUB"))).as("rolled cost").isNotNull()
                .isEqualByComparingTo(odoos.get(w.code("SUB")));
    }

    /** Issue 20: the work center's setup and clean-up time are part of an operation's cost, as in Odoo's report. */
    @Test
    @Order(2)
    void aProductOfASubAssemblyAndAnOperationWithSetupTimeCostsWhatOdoosBomReportSays() {
        // 2 x 21.50 + 0.5 x 3.50 + (30 + 6 + 4) min at 45/h = 74.75
        assertThat(odoos.get(w.code("TOP"))).as("Odoo's own BoM report").isEqualByComparingTo("74.75");
        assertThat(rolled.get(w.code("TOP"))).as("rolled cost").isNotNull()
                .isEqualByComparingTo(odoos.get(w.code("TOP")));
    }

    @Test
    @Order(3)
    void approvedCostsAreTheStandardPricesOdooHoldsAndNoOtherProductIsWritten() throws Exception {
        if ("AWAITING_APPROVAL".equals(run.getExitStatus().getExitCode())) {
            for (ApprovalRequest r : approvals.pending()) {
                boolean ours = r.subject().startsWith(w.prefix + "-");
                approvals.decide(r.id(), ours ? Decision.approve("checked against Odoo's BoM report")
                        : Decision.reject("not a product of this acceptance run"), new Actor("fiona", "acceptance"));
            }
            JobExecution resumed = OdooFixtures.resumed(repository, run);
            assertThat(resumed.getStatus()).as(resumed.getExitStatus().getExitDescription())
                    .isEqualTo(BatchStatus.COMPLETED);
        }
        for (String code : rolled.keySet()) {
            Object price = odoo.one("product.product", List.of(eq("default_code", code)), List.of("standard_price"))
                    .get("standard_price");
            assertThat(new BigDecimal(price.toString())).as("standard_price of " + code + " in Odoo")
                    .isEqualByComparingTo(rolled.get(code));
        }
        assertThat(jdbc.sql("""
                SELECT count(*) FROM cost_rollup_line
                 WHERE job_instance_id = :run AND state = 'APPLIED' AND code NOT LIKE :prefix
                   AND coalesce(reason, '') NOT LIKE 'kit (phantom BOM)%'""")
                .param("run", run.getJobInstance().getId()).param("prefix", w.prefix + "-%").query(Integer.class)
                .single()).as("costs written to products that are not this run's (kits excepted: their cost moves"
                        + " no stock value, so it is written without an approver, in the shared database too)")
                .isZero();
    }

    private static int bom(RealOdoo odoo, int product, List<List<Number>> lines, String operation, int workcenter,
            double minutes) {
        int template = RealOdoo.id(odoo.read("product.product", List.of(product), List.of("product_tmpl_id"), Map.of())
                .get(0).get("product_tmpl_id"));
        return odoo.create("mrp.bom", values("product_tmpl_id", template, "product_id", product, "product_qty", 1.0,
                "type", "normal",
                "bom_line_ids", lines.stream().map(l -> List.of(0, 0, values("product_id", l.get(0),
                        "product_qty", l.get(1)))).toList(),
                "operation_ids", List.of(List.of(0, 0, values("name", operation, "workcenter_id", workcenter,
                        "time_mode", "manual", "time_cycle_manual", minutes)))));
    }

    /** What Odoo's BoM structure report says one unit costs (components and operations, sub-BoMs rolled up). */
    private static BigDecimal bomCost(RealOdoo odoo, int bom) {
        Map<?, ?> report = (Map<?, ?>) odoo.call("report.mrp.report_bom_structure", "get_html", List.of(),
                Map.of("bom_id", bom, "searchQty", 1));
        return new BigDecimal(((Map<?, ?>) report.get("lines")).get("bom_cost").toString());
    }
}
