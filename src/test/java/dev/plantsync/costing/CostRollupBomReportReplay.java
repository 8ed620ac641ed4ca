package dev.plantsync.costing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.support.SimulatedWorld;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;

/**
 * The cost roll-up job on a simulator holding what real Odoo held when its BoM report was recorded (flow 06b: the demo
 * BOMs, and a PSD- fixture with setup, cleanup, efficiency, a per-product capacity, a BOM for 2 with a sub-assembly
 * and a phantom kit): every product costs what Odoo's report says, to the cent; kits are written without an approver
 * and revalue nothing, although Odoo shows an on-hand for them (the demo Table Kit: 50 on the real servers).
 * Subclasses give the version.
 */
abstract class CostRollupBomReportReplay extends CostRollupNights {

    abstract SimulatedWorld world();

    @Test
    void everyProductCostsWhatOdoosBomReportSaysAndKitsAreNeverRevalued() throws Exception {
        OdooSimulator odoo = world().odoo;
        RecordedBomReport recorded = new RecordedBomReport(odoo.version());
        for (var o : recorded.records("operations")) {
            // no work-order history on the recorded database: Odoo's time_cycle is the manual one even in auto mode
            assertThat(o.get("time_cycle").decimalValue())
                    .isEqualByComparingTo(o.get("time_cycle_manual").decimalValue());
        }
        Map<Integer, Integer> simId = recorded.seed(odoo, world().demo.stock());

        JobExecution run = run(1);

        long instance = run.getJobInstance().getId();
        Map<String, BigDecimal> odoos = new LinkedHashMap<>();
        Map<String, BigDecimal> ours = new LinkedHashMap<>();
        recorded.perUnit().forEach((product, expected) -> {
            odoos.put(expected.getKey(), expected.getValue());
            ours.put(expected.getKey(), jdbc.sql("""
                    SELECT new_cost FROM cost_rollup_line WHERE job_instance_id = :run AND product_id = :product
                       AND cost_source = 'bom'""").param("run", instance).param("product", simId.get(product))
                    .query(BigDecimal.class).single());
        });
        System.out.println("Odoo " + odoo.version() + " BoM report per unit " + odoos
                + "; cost-rollup on the simulator " + ours);
        assertThat(ours).hasSize(10).containsExactlyInAnyOrderEntriesOf(odoos);

        // kits: on hand as Odoo shows it (what the components make), yet no revaluation and no approval request
        Map<String, Object[]> kits = new HashMap<>();
        jdbc.sql("""
                SELECT code, revaluation, state, on_hand FROM cost_rollup_line
                 WHERE job_instance_id = :run AND code IN ('FURN_78236', 'PSD-KIT')""").param("run", instance)
                .query(rs -> { kits.put(rs.getString(1), new Object[] {rs.getBigDecimal(2), rs.getString(3)}); });
        assertThat(kits).containsOnlyKeys("FURN_78236", "PSD-KIT");
        kits.forEach((code, k) -> {
            assertThat((BigDecimal) k[0]).as(code).isZero();
            assertThat((String) k[1]).as(code).isIn("APPLIED", "UNCHANGED");
        });
        assertThat(((Number) odoo.searchRead("product.product", List.of(List.of("default_code", "=", "FURN_78236")),
                List.of("qty_available")).get(0).get("qty_available")).doubleValue()).isPositive();
        assertThat(approvals.pending()).noneMatch(r -> r.subject().startsWith("FURN_78236:")
                || r.subject().startsWith("PSD-KIT:"));
    }
}
