package dev.plantsync.costing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.approvals.ApprovalRequest;
import dev.plantsync.approvals.Decision;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.platform.Actor;
import dev.plantsync.support.PlantSyncTest;
import dev.plantsync.support.Resumed;
import dev.plantsync.support.SimulatedWorld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On Odoo 18 a standard price written with stock on hand makes Odoo book a revaluation (a valuation layer and a
 * stock-journal entry): what the report announced before anything was written must be what Odoo books, product by
 * product.
 */
@PlantSyncTest
class CostRollupOdoo18Test extends CostRollupNights {

    private static final SimulatedWorld WORLD = SimulatedWorld.start(18);
    private static final OdooSimulator ODOO = WORLD.odoo;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        WORLD.register(registry);
    }

    @AfterAll
    static void stop() {
        WORLD.close();
    }

    @Test
    void theRevaluationOdooBooksIsTheOneTheReportAnnounced() throws Exception {
        JobExecution run = run(1);
        assertThat(run.getExitStatus().getExitCode()).isEqualTo("AWAITING_APPROVAL");
        for (ApprovalRequest r : approvals.pending()) {
            approvals.decide(r.id(), Decision.approve("roll-up checked"), new Actor("fiona", "test"));
        }
        assertThat(Resumed.await(repository, run).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        Map<String, BigDecimal> announced = new HashMap<>();
        jdbc.sql("""
                SELECT code, revaluation FROM cost_rollup_line
                 WHERE job_instance_id = :run AND state = 'APPLIED' AND revaluation <> 0""")
                .param("run", run.getJobInstance().getId())
                .query(rs -> { announced.put(rs.getString(1), rs.getBigDecimal(2)); });
        Map<String, BigDecimal> booked = new HashMap<>();
        for (Map<String, Object> layer : ODOO.searchRead("stock.valuation.layer", List.of(List.of("description",
                "=like", "Product value manually modified%")), List.of("product_id", "value", "account_move_id"))) {
            String product = (String) ((List<?>) layer.get("product_id")).get(1);
            booked.put(product.substring(1, product.indexOf(']')), new BigDecimal(layer.get("value").toString()));
            assertThat(layer.get("account_move_id")).as("a posted stock-journal entry").isNotEqualTo(false);
        }
        // C001 (24 on hand): 11.00 -> 25.02 (K001 9.20 with 5 % scrap on R004, machining 60/h 12.00) = 336.48
        assertThat(announced).containsEntry("PS-C001", new BigDecimal("336.48")).hasSizeGreaterThan(10);
        assertThat(booked.keySet()).containsExactlyInAnyOrderElementsOf(announced.keySet());
        announced.forEach((code, value) -> assertThat(booked.get(code)).as(code).isEqualByComparingTo(value));
    }
}
