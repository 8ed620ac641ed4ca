package dev.plantsync.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.sim.DemoCompany;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.support.PlantSyncTest;
import dev.plantsync.support.SimulatedWorld;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
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
 * The demo company's valuation (Odoo 19: valued done moves) against its ledger: the raw materials whose receipt has
 * no journal entry and the manual entry with no stock behind it are each found and explained; nothing is left
 * unexplained.
 */
@PlantSyncTest
class ValuationReconciliationJobTest {

    private static final SimulatedWorld WORLD = SimulatedWorld.start(19);
    private static final OdooSimulator ODOO = WORLD.odoo;
    private static final DemoCompany.Ids DEMO = WORLD.demo;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        WORLD.register(registry);
    }

    @AfterAll
    static void stop() {
        WORLD.close();
    }

    @Autowired
    JobOperator jobs;

    @Autowired
    @Qualifier("valuationReconciliation")
    Job job;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReconciliationReports reports;

    @Test
    void manualEntryAndValuationWithoutEntryAreFoundAndExplained() throws Exception {
        JobExecution run = jobs.start(job, new JobParametersBuilder()
                .addLocalDate("businessDate", LocalDate.of(2026, 11, 23)).addString("asOf", "2026-11-30")
                .toJobParameters());

        assertPlantedDifferencesExplained(ODOO, DEMO, run, jdbc);
        long instance = run.getJobInstance().getId();
        int breaks = jdbc.sql("SELECT count(*) FROM valuation_break WHERE job_instance_id = :run")
                .param("run", instance).query(Integer.class).single();
        assertThat(reports.summary(ReportKind.VALUATION, instance)).hasValueSatisfying(s -> {
            assertThat(s.scope()).isEqualTo("as of 2026-11-30");
            assertThat(s.breaks()).isEqualTo(breaks);
            assertThat(s.newBreaks()).isEqualTo(breaks);
            assertThat(s.unexplained()).isEqualByComparingTo("0");
            assertThat(s.countByCategory()).containsEntry("MANUAL_ENTRY", 1);
            assertThat(s.valueByCategory()).containsEntry("MANUAL_ENTRY", new BigDecimal("123.45"));
        });
        // Per product: a receipt with no journal entry shows its whole value on the stock side only.
        String unposted = DEMO.products().entrySet().stream()
                .filter(p -> p.getKey().startsWith("PS-R") && p.getValue() % 5 == 0).findFirst().orElseThrow().getKey();
        List<Tuple> products = new ArrayList<>();
        reports.section(ReportKind.VALUATION, instance, "products", rs -> products.add(tuple(rs.getString("item"),
                rs.getBigDecimal("ledger_balance").toPlainString(), rs.getBigDecimal("difference").toPlainString())));
        assertThat(products).contains(tuple("(no product)", "123.45", "-123.45"),
                tuple(unposted, "0.00", value(ODOO, DEMO.product(unposted)).toPlainString()));
    }

    /** Shared with the Odoo 18 test: the same planted differences, whichever model holds the valuation. */
    static void assertPlantedDifferencesExplained(OdooSimulator odoo, DemoCompany.Ids demo, JobExecution run,
            JdbcClient jdbc) {
        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<Tuple> expected = new ArrayList<>();
        BigDecimal notPosted = BigDecimal.ZERO;
        for (Map.Entry<String, Integer> p : demo.products().entrySet()) {
            if (p.getKey().startsWith("PS-R") && p.getValue() % 5 == 0) {
                BigDecimal value = value(odoo, p.getValue());
                expected.add(tuple("NO_JOURNAL_ENTRY", p.getKey(), value.toPlainString()));
                notPosted = notPosted.add(value);
            }
        }
        assertThat(expected).isNotEmpty();
        expected.add(tuple("MANUAL_ENTRY", null, "-123.45"));
        long instance = run.getJobInstance().getId();
        String difference = notPosted.subtract(new BigDecimal("123.45")).toPlainString();
        assertThat(jdbc.sql("SELECT category, item, amount FROM valuation_break WHERE job_instance_id = :run")
                .param("run", instance)
                .query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getBigDecimal(3).toPlainString())).list())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(jdbc.sql("SELECT reference FROM valuation_break WHERE job_instance_id = :run AND category = 'MANUAL_ENTRY'")
                .param("run", instance).query(String.class).single()).isEqualTo("STJ/2026/" + demo.manualEntry());
        assertThat(jdbc.sql("""
                SELECT account, difference, unexplained FROM valuation_recon_run WHERE job_instance_id = :run""")
                .param("run", instance).query((rs, n) -> tuple(rs.getString(1), rs.getBigDecimal(2).toPlainString(),
                        rs.getBigDecimal(3).toPlainString())).list())
                .singleElement().satisfies(t -> {
                    assertThat((String) t.toList().get(0)).contains("110100");
                    assertThat(t.toList().get(1)).isEqualTo(difference);
                    assertThat(t.toList().get(2)).isEqualTo("0.00");
                });
    }

    private static BigDecimal value(OdooSimulator odoo, int product) {
        double quantity = odoo.searchRead("stock.quant", List.of(List.of("product_id", "=", product)),
                List.of("quantity")).stream().mapToDouble(q -> ((Number) q.get("quantity")).doubleValue()).sum();
        double cost = ((Number) odoo.searchRead("product.product", List.of(List.of("id", "=", product)),
                List.of("standard_price")).get(0).get("standard_price")).doubleValue();
        return BigDecimal.valueOf(quantity * cost).setScale(2, RoundingMode.HALF_UP);
    }
}
