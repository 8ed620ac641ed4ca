package dev.plantsync.acceptance;

import static dev.plantsync.acceptance.RealOdoo.values;
import static dev.plantsync.acceptance.RealWorld.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.approvals.ApprovalRequest;
import dev.plantsync.approvals.Approvals;
import dev.plantsync.approvals.Decision;
import dev.plantsync.platform.Actor;
import dev.plantsync.support.PlantSyncTest;
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
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Master-data sync against a real Odoo, in nights: a first load of every kind (unit, categories, products, vendors
 * with bank accounts, vendor prices, a BOM with an operation, locations), the same records again in other files
 * (nothing written: every record's {@code write_date} in Odoo unchanged), values finer than Odoo stores, then risky
 * changes that wait for an approver while the safe one applies (and what Odoo itself refuses is on record).
 */
@PlantSyncTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class MasterDataAcceptance {

    @Autowired
    JobOperator jobs;

    @Autowired
    @Qualifier("masterDataSync")
    Job job;

    @Autowired
    JobRepository repository;

    @Autowired
    Approvals approvals;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    abstract RealWorld world();

    static void wiring(RealWorld world, DynamicPropertyRegistry registry) {
        world.partner("plm", world.prefix + "M", world.code("PLM"), "{md-products: [\"products*.csv\"], "
                + "md-categories: [\"categories*.csv\"], md-vendors: [\"vendors*.csv\"], md-locations: "
                + "[\"locations*.csv\"], md-vendor-prices: [\"vendor-prices*.csv\"], md-boms: [\"boms*.csv\"], "
                + "md-units: [\"units*.csv\"]}");
        registry.add("plantsync.masterdata.sources[0].partner", () -> "plm");
        registry.add("plantsync.masterdata.sources[0].full-snapshot", () -> "false");
        world.register(registry);
    }

    private RealWorld w;
    private RealOdoo odoo;
    private String p;

    private JobExecution night(int n) throws Exception {
        return jobs.start(job, new JobParametersBuilder()
                .addLocalDate("businessDate", LocalDate.of(2026, 11, 1).plusDays(n)).toJobParameters());
    }

    private Map<String, String> files(String p) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("units", "name,category,reference,ratio\n" + p + " Pack of 6,Unit,Units,6\n");
        f.put("categories", "category,cost_method\n" + p + ",standard\n" + p + " / Raw,standard\n");
        f.put("products", "default_code,name,type,uom,category,weight,standard_price,tracking\n"
                + p + "-RAW1,Raw one,storable,Units," + p + " / Raw,0.25,3.5,none\n"
                + p + "-RAW2,Raw two,storable,Units," + p + " / Raw,1.5,12.25,none\n"
                + p + "-KIT,Kit,storable,Units," + p + ",2,50,none\n"
                + p + "-SVC,Service,service,Units," + p + ",,0,none\n");
        f.put("vendors", "ref,name,country,bank_account\n"
                + p + "-V1," + p + " Vendor one,DE," + p + "-ACC-1\n"
                + p + "-V2," + p + " Vendor two,US,\n");
        f.put("vendor-prices", "vendor,product,vendor_code,min_qty,price\n"
                + p + "-V1," + p + "-RAW1,V1-RAW1,0,3.4\n"
                + p + "-V1," + p + "-RAW1,V1-RAW1,100,3.1\n"
                + p + "-V2," + p + "-RAW2,V2-RAW2,0,12\n");
        f.put("boms", "product,bom_qty,type,component,quantity,uom,operation,workcenter,minutes\n"
                + p + "-KIT,1,normal," + p + "-RAW1,2,Units,,,\n"
                + p + "-KIT,,," + p + "-RAW2,0.5,Units,,,\n"
                + p + "-KIT,,,,,,Assemble," + p + " Bench,12\n");
        f.put("locations", "location,usage\nWH/Stock/" + p + ",internal\nWH/Stock/" + p + "/Bin 1,internal\n");
        return f;
    }

    /**
     * The same records in another file: columns and rows in reverse order (the same bytes again would be set aside as
     * a duplicate file, not compared). The files of this test have no quoted cells.
     */
    private static String shuffled(String csv) {
        List<String> lines = csv.lines().toList();
        StringBuilder s = new StringBuilder(reversed(lines.get(0))).append('\n');
        for (int i = lines.size() - 1; i > 0; i--) {
            s.append(reversed(lines.get(i))).append('\n');
        }
        return s.toString();
    }

    private static String reversed(String row) {
        List<String> cells = new java.util.ArrayList<>(List.of(row.split(",", -1)));
        java.util.Collections.reverse(cells);
        return String.join(",", cells);
    }

    @Test
    @Order(1)
    void aFirstLoadCreatesEveryKind() throws Exception {
        w = world();
        odoo = w.odoo();
        p = w.prefix;
        odoo.create("mrp.workcenter", values("name", p + " Bench", "costs_hour", 30.0));
        files(p).forEach((kind, csv) -> w.write("plm", kind + "-1.csv", csv));

        JobExecution first = night(1);

        assertThat(first.getStatus()).as(first.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(first.getExitStatus().getExitDescription()).contains("units: 1 created", "categories: 2 created",
                "products: 4 created", "vendors: 2 created", "vendor prices: 3 created", "boms: 1 created",
                "locations: 2 created");
        Map<String, Object> raw2 = product(p + "-RAW2");
        assertThat(raw2).containsEntry("name", "Raw two").containsEntry("standard_price", 12.25)
                .containsEntry("weight", 1.5).containsEntry("is_storable", true);
        assertThat(RealOdoo.display(raw2.get("categ_id"))).isEqualTo(p + " / Raw");
        assertThat(accounts(p + "-V1")).containsExactly(p + "-ACC-1");
        assertThat(odoo.searchRead("mrp.bom.line", List.of(eq("bom_id.product_tmpl_id.default_code", p + "-KIT")),
                List.of("product_qty"))).hasSize(2);
    }

    @Test
    @Order(2)
    void theSameRecordsAgainWriteNothing() throws Exception {
        Map<String, Object> before = writeDates();
        Thread.sleep(1100); // write_date has seconds: a write now would show
        files(p).forEach((kind, csv) -> w.write("plm", kind + "-2.csv", shuffled(csv)));

        JobExecution again = night(2);

        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(again.getExitStatus().getExitDescription()).contains("units: 0 created, 0 updated",
                "categories: 0 created, 0 updated", "products: 0 created, 0 updated", "vendors: 0 created, 0 updated",
                "vendor prices: 0 created, 0 updated", "boms: 0 created, 0 updated",
                "locations: 0 created, 0 updated");
        assertThat(writeDates()).as("write_date of every record of this run in Odoo").isEqualTo(before);
    }

    /** Issue 20: a price and weight finer than Odoo keeps are compared as Odoo stores them: a re-run writes nothing. */
    @Test
    @Order(3)
    void valuesFinerThanOdooKeepsAreUnchangedOnAReRun() throws Exception {
        String fine = "default_code,name,type,uom,category,weight,standard_price\n"
                + p + "-FINE,Fine,storable,Units," + p + " / Raw,1.23456,12.34567\n";
        w.write("plm", "products-3.csv", fine);
        assertThat(night(3).getExitStatus().getExitDescription()).contains("products: 1 created");
        Map<String, Object> before = writeDates();
        Thread.sleep(1100);
        w.write("plm", "products-4.csv", "standard_price,weight,default_code,name,type,uom,category\n"
                + "12.34567,1.23456," + p + "-FINE,Fine,storable,Units," + p + " / Raw\n");

        JobExecution again = night(4);

        assertThat(again.getExitStatus().getExitDescription()).contains("products: 0 created, 0 updated");
        assertThat(writeDates()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void riskyChangesWaitForAnApproverWhileTheSafeOneApplies() throws Exception {
        int bin = ((Number) odoo.one("stock.location", List.of(eq("complete_name", "WH/Stock/" + p + "/Bin 1")),
                List.of("id")).get("id")).intValue();
        new OdooFixtures(odoo).onHand(((Number) product(p + "-RAW2").get("id")).intValue(), bin, 10, null);
        w.write("plm", "products-5.csv", "default_code,name,type,uom,category,weight,standard_price,tracking\n"
                + p + "-RAW1,Raw one,storable,Units," + p + " / Raw,0.25,5.0,none\n"          // cost +43 %
                // unit changed on a product with stock on hand
                + p + "-RAW2,Raw two,storable," + p + " Pack of 6," + p + " / Raw,1.5,12.25,none\n"
                + p + "-SVC,Service renamed,service,Units," + p + ",,0,none\n");             // safe
        w.write("plm", "vendors-5.csv", "ref,name,country,bank_account\n"
                + p + "-V1," + p + " Vendor one,DE," + p + "-ACC-2\n");                     // bank account replaced

        JobExecution risky = night(5);

        assertThat(risky.getExitStatus().getExitCode()).as(risky.getExitStatus().getExitDescription())
                .isEqualTo("AWAITING_APPROVAL");
        assertThat(product(p + "-SVC")).containsEntry("name", "Service renamed");
        assertThat(product(p + "-RAW1")).containsEntry("standard_price", 3.5);
        assertThat(RealOdoo.display(product(p + "-RAW2").get("uom_id"))).isEqualTo("Units");
        assertThat(accounts(p + "-V1")).containsExactly(p + "-ACC-1");
        List<ApprovalRequest> pending = approvals.pending().stream()
                .filter(r -> r.jobInstanceId() == risky.getJobInstance().getId()).toList();
        assertThat(pending).extracting(ApprovalRequest::reasonCode)
                .containsExactlyInAnyOrder("COST_CHANGE", "UOM_CHANGE_WITH_STOCK", "BANK_ACCOUNT_CHANGE");

        for (ApprovalRequest r : pending) {
            approvals.decide(r.id(), Decision.approve("agreed with purchasing"), new Actor("fiona", "acceptance"));
        }
        JobExecution resumed = OdooFixtures.resumed(repository, risky);

        assertThat(resumed.getStatus()).as(resumed.getExitStatus().getExitDescription())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(product(p + "-RAW1")).containsEntry("standard_price", 5.0);
        assertThat(accounts(p + "-V1")).containsExactly(p + "-ACC-2");
        if (w.version >= 19) {
            assertThat(RealOdoo.display(product(p + "-RAW2").get("uom_id"))).isEqualTo(p + " Pack of 6");
        } else {
            // Odoo 18 refuses a unit change once the product has stock moves: kept, and the refusal is on record
            assertThat(RealOdoo.display(product(p + "-RAW2").get("uom_id"))).isEqualTo("Units");
            assertThat(resumed.getExitStatus().getExitDescription()).contains("1 refused by Odoo");
            assertThat(jdbc.sql("""
                    SELECT count(*) FROM exception_record
                     WHERE job_execution_id = :run AND business_key LIKE :key""")
                    .param("run", resumed.getId()).param("key", "%" + p + "-RAW2%").query(Integer.class).single())
                    .as("Odoo's refusal of RAW2's unit change recorded").isEqualTo(1);
        }
    }

    private Map<String, Object> product(String code) {
        return odoo.one("product.product", List.of(eq("default_code", code)),
                List.of("name", "standard_price", "weight", "is_storable", "categ_id", "uom_id"));
    }

    /** The vendor's active bank account numbers. */
    private List<Object> accounts(String ref) {
        return odoo.searchRead("res.partner.bank", List.of(eq("partner_id.ref", ref), eq("active", true)),
                List.of("acc_number")).stream().map(b -> b.get("acc_number")).toList();
    }

    /** model#id -> write_date of every record this run's files describe. */
    private Map<String, Object> writeDates() {
        String like = p + "%";
        Map<String, List<?>> domains = new LinkedHashMap<>();
        domains.put("uom.uom", List.of(List.of("name", "=like", like)));
        domains.put("product.category", List.of(List.of("complete_name", "=like", like)));
        domains.put("product.product", List.of(List.of("default_code", "=like", like)));
        domains.put("product.template", List.of(List.of("default_code", "=like", like)));
        domains.put("res.partner", List.of(List.of("ref", "=like", like)));
        domains.put("res.partner.bank", List.of(List.of("partner_id.ref", "=like", like)));
        domains.put("product.supplierinfo", List.of(List.of("partner_id.ref", "=like", like)));
        domains.put("mrp.bom", List.of(List.of("product_tmpl_id.default_code", "=like", like)));
        domains.put("mrp.bom.line", List.of(List.of("bom_id.product_tmpl_id.default_code", "=like", like)));
        domains.put("mrp.routing.workcenter", List.of(List.of("bom_id.product_tmpl_id.default_code", "=like", like)));
        domains.put("stock.location", List.of(List.of("complete_name", "=like", "WH/Stock/" + like)));
        Map<String, Object> dates = new LinkedHashMap<>();
        domains.forEach((model, domain) -> {
            List<Map<String, Object>> rows = odoo.searchRead(model, domain, List.of("write_date"));
            assertThat(rows).as(model + " records of this run").isNotEmpty();
            rows.forEach(r -> dates.put(model + "#" + r.get("id"), r.get("write_date")));
        });
        return dates;
    }
}
