package dev.plantsync.acceptance;

import static dev.plantsync.acceptance.RealOdoo.values;
import static dev.plantsync.acceptance.RealWorld.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.support.PlantSyncTest;
import org.assertj.core.api.SoftAssertions;
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

/**
 * Valuation reconciliation against a real Odoo, scoped by a stock valuation account of this run: a product category
 * (standard cost, automated valuation) on that account, two products put in stock by inventory adjustments, and a
 * journal entry posted by hand on the account. The job's valuation and ledger totals for the account must equal
 * Odoo's own (the products' stock value as Odoo computes it, the account's posted balance), product by product,
 * and the hand-posted entry must be found as a MANUAL_ENTRY.
 */
@PlantSyncTest
abstract class ValuationReconciliationAcceptance {

    @Autowired
    JobOperator jobs;

    @Autowired
    @Qualifier("valuationReconciliation")
    Job job;

    @Autowired
    JdbcClient jdbc;

    abstract RealWorld world();

    static void wiring(RealWorld world, DynamicPropertyRegistry registry) {
        world.register(registry);
    }

    @Test
    void totalsPerAccountAndProductAreOdoosOwnAndAHandPostedEntryIsFound() throws Exception {
        RealWorld w = world();
        RealOdoo odoo = w.odoo();
        OdooFixtures f = new OdooFixtures(odoo);
        int account = odoo.create("account.account", values("code", w.prefix, "name", w.prefix + " Stock Valuation",
                "account_type", "asset_current"));
        String accountName = (String) odoo.read("account.account", List.of(account), List.of("display_name"),
                Map.of()).get(0).get("display_name");
        int category = odoo.create("product.category", values("name", w.prefix, "property_cost_method", "standard",
                "property_valuation", "real_time", "property_stock_valuation_account_id", account));
        int stock = RealOdoo.id(odoo.one("stock.warehouse", List.of(eq("company_id", 1), eq("code", "WH")),
                List.of("lot_stock_id")).get("lot_stock_id"));
        int shelf = odoo.create("stock.location", values("name", w.prefix, "location_id", stock, "usage", "internal"));
        int a = f.storable(w.code("VA"), w.prefix + " valued A", 10.0, 0, category);
        int b = f.storable(w.code("VB"), w.prefix + " valued B", 4.0, 0, category);
        f.onHand(a, shelf, 10, null);   // 100.00
        f.onHand(b, shelf, 25, null);   // 100.00
        int expense = ((Number) odoo.searchRead("account.account", List.of(eq("account_type", "expense")),
                List.of("id")).get(0).get("id")).intValue();
        int journal = ((Number) odoo.searchRead("account.journal", List.of(eq("type", "general"),
                eq("company_id", 1)), List.of("id")).get(0).get("id")).intValue();
        int manual = odoo.create("account.move", values("move_type", "entry", "journal_id", journal,
                "date", PartnerFiles.TODAY.toString(), "ref", w.code("MANUAL"),
                "line_ids", List.of(
                        List.of(0, 0, values("account_id", account, "debit", 15.0, "credit", 0.0, "name", "hand")),
                        List.of(0, 0, values("account_id", expense, "debit", 0.0, "credit", 15.0, "name", "hand")))));
        odoo.call("account.move", "action_post", List.of(List.of(manual)));
        String manualName = (String) odoo.read("account.move", List.of(manual), List.of("name"), Map.of()).get(0)
                .get("name");

        JobExecution run = jobs.start(job, new JobParametersBuilder()
                .addLocalDate("businessDate", PartnerFiles.TODAY).toJobParameters());

        assertThat(run.getStatus()).as(run.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        long id = run.getJobInstance().getId();
        // Odoo's own numbers: the products' stock value (18: value_svl from the layers; 19: total_value from the
        // valued moves) and the account's posted balance
        String valueField = odoo.version >= 19 ? "total_value" : "value_svl";
        Map<String, BigDecimal> odooByProduct = new LinkedHashMap<>();
        for (Map<String, Object> p : odoo.read("product.product", List.of(a, b), List.of("default_code", valueField),
                Map.of())) {
            odooByProduct.put((String) p.get("default_code"), money(p.get(valueField)));
        }
        BigDecimal odooValue = odooByProduct.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal odooLedger = odoo.searchRead("account.move.line", List.of(eq("account_id", account),
                eq("parent_state", "posted")), List.of("balance")).stream().map(l -> money(l.get("balance")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);

        Map<String, BigDecimal> jobByProduct = new LinkedHashMap<>();
        jdbc.sql("SELECT item, sum(value) FROM valuation_recon_record WHERE job_instance_id = :run AND account = :a "
                + "GROUP BY item").param("run", id).param("a", accountName)
                .query(rs -> { jobByProduct.put(rs.getString(1), rs.getBigDecimal(2)); });
        BigDecimal jobValue = sum("SELECT sum(value) FROM valuation_recon_record WHERE job_instance_id = :run "
                + "AND account = :a", id, accountName);
        BigDecimal jobLedger = sum("SELECT sum(balance) FROM valuation_recon_entry WHERE job_instance_id = :run "
                + "AND account = :a", id, accountName);
        BigDecimal breaks = sum("SELECT sum(amount) FROM valuation_break WHERE job_instance_id = :run "
                + "AND account = :a", id, accountName);

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(odooValue).as("Odoo's stock value of this run's products").isEqualByComparingTo("200.00");
        soft.assertThat(jobValue).as("valuation of account " + accountName).isEqualByComparingTo(odooValue);
        soft.assertThat(jobLedger).as("ledger of account " + accountName).isEqualByComparingTo(odooLedger);
        odooByProduct.forEach((code, value) -> soft.assertThat(jobByProduct.get(code)).as("valuation of " + code)
                .isNotNull().isEqualByComparingTo(value));
        List<String> found = jdbc.sql("""
                SELECT category || ' ' || coalesce(item, '') || ' ' || coalesce(reference, '') || ' ' || amount
                  FROM valuation_break WHERE job_instance_id = :run AND account = :a ORDER BY id""")
                .param("run", id).param("a", accountName).query(String.class).list();
        soft.assertThat(jdbc.sql("""
                SELECT amount FROM valuation_break
                 WHERE job_instance_id = :run AND account = :a AND category = 'MANUAL_ENTRY' AND reference LIKE :ref""")
                .param("run", id).param("a", accountName).param("ref", manualName + "%").query(BigDecimal.class).list())
                .as("the entry posted by hand, among the breaks " + found)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("-15.00"));
        soft.assertThat(breaks).as("the breaks explain the whole difference")
                .isEqualByComparingTo(jobValue.subtract(jobLedger));
        soft.assertAll();
    }

    private BigDecimal sum(String sql, long run, String account) {
        BigDecimal s = jdbc.sql(sql).param("run", run).param("a", account).query(BigDecimal.class).optional()
                .orElse(null);
        return s == null ? BigDecimal.ZERO : s;
    }

    private static BigDecimal money(Object value) {
        return new BigDecimal(value.toString()).setScale(2, RoundingMode.HALF_UP);
    }
}
