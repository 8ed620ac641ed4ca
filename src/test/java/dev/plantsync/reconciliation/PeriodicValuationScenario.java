package dev.plantsync.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.sim.DemoCompany;
import dev.plantsync.odoo.sim.OdooSimulator;
import org.assertj.core.groups.Tuple;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A category valued periodically (18: "manual_periodic", 19: "periodic") next to the demo's perpetual ones: its
 * receipt has, by design, no journal entry until the closing. Shared by the Odoo 18 and 19 tests.
 */
final class PeriodicValuationScenario {

    static final String CODE = "PS-P001";
    /** 10 units at 8.00, received into a periodic category: no journal entry. */
    static final BigDecimal VALUE = new BigDecimal("80.00");

    private PeriodicValuationScenario() {
    }

    /** The periodic category, its product and its valued receipt, on the demo's valuation account. */
    static void plant(OdooSimulator odoo, DemoCompany.Ids demo) {
        int category = odoo.create("product.category", Map.of("name", "Packaging (periodic)", "parent_id", 1,
                "property_cost_method", "standard",
                "property_valuation", odoo.version() >= 19 ? "periodic" : "manual_periodic",
                "property_stock_valuation_account_id", demo.valuationAccount()));
        int product = odoo.create("product.product", Map.of("name", "Carton", "default_code", CODE,
                "categ_id", category, "standard_price", 8.0));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("product_id", product);
        record.put("quantity", 10.0);
        record.put("value", 80.0);
        if (odoo.version() < 19) {
            record.putAll(Map.of("unit_cost", 8.0, "remaining_qty", 10.0, "remaining_value", 80.0,
                    "description", "Receipt"));
            odoo.create("stock.valuation.layer", record);
        } else {
            record.putAll(Map.of("product_uom_qty", 10.0, "price_unit", 8.0, "is_in", true, "state", "done",
                    "location_id", 3, "location_dest_id", demo.stock(), "date", "2026-11-02 08:00:00"));
            odoo.create("stock.move", record);
        }
    }

    /**
     * The periodic receipt is reported apart, once, as expected by design; the perpetual breaks stay as planted and
     * nothing is left unexplained.
     */
    static void assertReportedApart(JobExecution run, JdbcClient jdbc, ReconciliationReports reports) {
        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long instance = run.getJobInstance().getId();
        List<Tuple> breaks = jdbc.sql("SELECT category, item, amount FROM valuation_break WHERE job_instance_id = :run"
                + " AND item = :item").param("run", instance).param("item", CODE)
                .query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getBigDecimal(3).toPlainString())).list();
        assertThat(breaks).containsExactly(tuple("PERIODIC_VALUATION", CODE, VALUE.toPlainString()));
        assertThat(reports.summary(ReportKind.VALUATION, instance)).hasValueSatisfying(s -> {
            assertThat(s.countByCategory()).containsEntry("PERIODIC_VALUATION", 1).containsKey("NO_JOURNAL_ENTRY");
            assertThat(s.valueByCategory()).containsEntry("PERIODIC_VALUATION", VALUE);
            assertThat(s.unexplained()).isEqualByComparingTo("0");
        });
        assertThat(jdbc.sql("SELECT sum(unexplained) FROM valuation_recon_run WHERE job_instance_id = :run")
                .param("run", instance).query(BigDecimal.class).single()).isEqualByComparingTo("0");
    }
}
