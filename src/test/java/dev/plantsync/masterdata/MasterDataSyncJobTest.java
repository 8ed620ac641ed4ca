package dev.plantsync.masterdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.approvals.ApprovalRequest;
import dev.plantsync.approvals.Approvals;
import dev.plantsync.approvals.Decision;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.operations.ExecutionDetail;
import dev.plantsync.operations.JobControl;
import dev.plantsync.platform.Actor;
import dev.plantsync.sftp.EmbeddedSftpServer;
import dev.plantsync.support.PlantSyncTest;
import dev.plantsync.support.Resumed;
import dev.plantsync.support.SimulatedWorld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The item master's life through PLM drops, night by night on one simulated Odoo 19: a first load creates the new
 * products under PlantSync's external ids and adopts an existing one, bad lines go to exceptions with their line;
 * the same data again changes nothing in Odoo; a changed file updates exactly the changed fields, while a large cost
 * change waits for an approver and applies once approved; a rejected change never reaches Odoo.
 */
@PlantSyncTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MasterDataSyncJobTest extends MasterDataNights {

    private static final SimulatedWorld WORLD = SimulatedWorld.start(19, "plm", "PLM", "PLM");
    private static final OdooSimulator ODOO = WORLD.odoo;
    private static final EmbeddedSftpServer SFTP = WORLD.sftp;
    private static final String HEADER = "default_code,name,type,uom,category,weight,barcode,active,tracking,"
            + "standard_price";
    private static final List<String> FIRST = List.of(
            "PS-N001,New bracket,storable,Units,All / Components,0.5,4006381333931,true,none,12.50",
            "PS-N002,New bolt M8,storable,Dozens,All / Raw,0.01,,true,lot,0.80",
            "PS-N003,Machining service,service,Units,All / Finished,,,true,none,45",
            "PS-R001,Raw material 1,consumable,Units,All / Raw,,,true,lot,0.25");

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

    @Autowired
    MasterDataRuns runs;

    @Autowired
    JobControl jobControl;

    @Test
    @Order(1)
    void firstLoadCreatesWithExternalIdsAdoptsExistingAndQuarantinesBadLines() throws Exception {
        drop("products-1.csv", concat(FIRST, List.of(
                "PS-N004,,storable,Units,All / Raw,,,,none,1",
                "PS-N005,Ghost,storable,Units,All / Nowhere,,,,none,1",
                "PS-N006,Bad weight,storable,Units,All / Raw,heavy,,,none,1")));
        Map<String, Integer> before = new HashMap<>(ODOO.calls());

        JobExecution run = run(1);

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(run.getExitStatus().getExitDescription()).contains(
                "products: 3 created, 0 updated, 0 deactivated, 1 unchanged, 0 awaiting approval",
                "3 exceptions (INVALID_MASTER_DATA_LINE 2, MISSING_REFERENCE 1)");
        // what jobs show lists, and why the CLI's exit code is 9 and not 0
        ExecutionDetail detail = jobControl.execution(run.getId());
        assertThat(detail.completedWithExceptions()).isTrue();
        assertThat(detail.exceptions()).extracting(x -> x.file() + " " + x.reasonCode()).containsExactly(
                "products-1.csv INVALID_MASTER_DATA_LINE", "products-1.csv INVALID_MASTER_DATA_LINE",
                "products-1.csv MISSING_REFERENCE");
        Map<String, Object> bracket = product("PS-N001");
        assertThat(bracket).containsEntry("name", "New bracket").containsEntry("type", "consu")
                .containsEntry("is_storable", true).containsEntry("barcode", "4006381333931")
                .containsEntry("standard_price", 12.5).containsEntry("weight", 0.5);
        assertThat(((List<?>) bracket.get("categ_id")).get(1)).isEqualTo("All / Components");
        assertThat(((List<?>) product("PS-N002").get("uom_id")).get(1)).isEqualTo("Dozens");
        assertThat(product("PS-N002")).containsEntry("tracking", "lot");
        assertThat(product("PS-N003")).containsEntry("type", "service").containsEntry("is_storable", false);
        // every product PlantSync now owns carries its external id, the adopted PS-R001 too
        for (String code : List.of("PS-N001", "PS-N002", "PS-N003", "PS-R001")) {
            assertThat(ODOO.searchRead("ir.model.data", List.of(List.of("module", "=", "plantsync"),
                    List.of("name", "=", ProductLayout.INSTANCE.externalName(code))), List.of("res_id")))
                    .singleElement().satisfies(d -> assertThat(d.get("res_id")).isEqualTo(product(code).get("id")));
        }
        assertThat(ODOO.searchRead("product.product", List.of(List.of("default_code", "in",
                List.of("PS-N004", "PS-N005", "PS-N006"))), List.of("id"))).isEmpty();
        assertThat(jdbc.sql("SELECT reason_code, message FROM exception_record WHERE job_name = 'master-data-sync' ORDER BY id")
                .query((rs, n) -> tuple(rs.getString(1), rs.getString(2))).list()).containsExactly(
                        tuple("INVALID_MASTER_DATA_LINE", "products-1.csv:6: name: is required"),
                        tuple("INVALID_MASTER_DATA_LINE", "products-1.csv:8: weight: 'heavy' is not a number"),
                        tuple("MISSING_REFERENCE",
                                "products-1.csv:7: category: 'All / Nowhere': no such product category in Odoo"));
        // one load for the three new products, one create binding the adopted one: nothing else written
        assertThat(writes(before)).containsExactlyInAnyOrderEntriesOf(Map.of("product.product.load", 1,
                "ir.model.data.create", 1));
        assertThat(jdbc.sql("SELECT count(*) FROM odoo_write WHERE job_name = 'master-data-sync'").query(Integer.class)
                .single()).isEqualTo(3);
    }

    @Test
    @Order(2)
    void theSameDataAgainWritesNothing() throws Exception {
        drop("products-2.csv", List.of(FIRST.get(3), FIRST.get(2), FIRST.get(1), FIRST.get(0)));
        Map<String, Integer> before = new HashMap<>(ODOO.calls());

        JobExecution run = run(2);

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(run.getExitStatus().getExitDescription()).contains(
                "products: 0 created, 0 updated, 0 deactivated, 4 unchanged, 0 awaiting approval");
        assertThat(writes(before)).isEmpty();
    }

    @Test
    @Order(3)
    void aChangedFileUpdatesExactlyTheChangedFieldsAndALargeCostChangeWaitsForApproval() throws Exception {
        drop("products-3.csv", List.of(
                "PS-N001,\"Bracket, new\",storable,Units,All / Components,0.5,4006381333931,true,none,13.00",
                "PS-N002,New bolt M8,storable,Dozens,All / Raw,0.01,,true,lot,1.20",
                FIRST.get(2)));
        Map<String, Integer> before = new HashMap<>(ODOO.calls());

        JobExecution run = run(3);

        assertThat(run.getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(run.getExitStatus().getExitCode()).isEqualTo("AWAITING_APPROVAL");
        assertThat(product("PS-N001")).containsEntry("name", "Bracket, new").containsEntry("standard_price", 13.0);
        assertThat(product("PS-N002")).containsEntry("standard_price", 0.8);
        assertThat(jdbc.sql("""
                SELECT business_key, action, changes::text FROM md_change
                 WHERE job_instance_id = :run AND action = 'UPDATE' ORDER BY business_key""")
                .param("run", run.getJobInstance().getId())
                .query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3))).list()).containsExactly(
                        tuple("PS-N001", "UPDATE", "{\"name\": [\"New bracket\", \"Bracket, new\"], "
                                + "\"standard_price\": [12.5, 13]}"),
                        tuple("PS-N002", "UPDATE", "{\"standard_price\": [0.8, 1.2]}"));
        assertThat(writes(before)).containsExactlyEntriesOf(Map.of("product.product.write", 1));
        // the run's report: counts, and every change with old and new values, as finance downloads it
        assertThat(runs.counts(run.getJobInstance().getId())).contains(
                new MasterDataRuns.Count("product", "UPDATE", "APPLIED", 1),
                new MasterDataRuns.Count("product", "UPDATE", "AWAITING_APPROVAL", 1),
                new MasterDataRuns.Count("product", "UNCHANGED", "NOTHING_TO_DO", 1));
        java.io.ByteArrayOutputStream csv = new java.io.ByteArrayOutputStream();
        runs.exportChanges(run.getJobInstance().getId(), dev.plantsync.platform.ReportExport.csv(csv));
        assertThat(csv.toString(java.nio.charset.StandardCharsets.UTF_8).lines()).contains(
                "entity,business_key,action,state,changes,risk,message,file_name,line_no,odoo_id",
                "product,PS-N002,UPDATE,AWAITING_APPROVAL,\"{\"\"standard_price\"\": [0.8, 1.2]}\","
                        + "\"COST_CHANGE: cost 0.8 -> 1.2 (+50.0%, limit 20%)\",,products-3.csv,3,"
                        + product("PS-N002").get("id"));
        ApprovalRequest request = pending("PS-N002");
        assertThat(request.reasonCode()).isEqualTo("COST_CHANGE");
        assertThat(request.reason()).isEqualTo("COST_CHANGE: cost 0.8 -> 1.2 (+50.0%, limit 20%)");

        approvals.decide(request.id(), Decision.approve("new supplier contract"), new Actor("anna", "test"));

        JobExecution resumed = awaitLatest(run);
        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(product("PS-N002")).containsEntry("standard_price", 1.2);
        assertThat(jdbc.sql("SELECT written_values ->> 'standard_price' FROM odoo_write WHERE business_key = 'PS-N002'")
                .query(String.class).single()).isEqualTo("1.2");
    }

    @Test
    @Order(4)
    void aRejectedChangeNeverReachesOdoo() throws Exception {
        drop("products-4.csv", List.of("PS-N003,Machining service,service,Units,All / Finished,,,true,none,100",
                // a unit change on a product with stock waits too
                "PS-R001,Raw material 1,consumable,Dozens,All / Raw,,,true,lot,0.25"));

        JobExecution run = run(4);

        assertThat(run.getExitStatus().getExitCode()).isEqualTo("AWAITING_APPROVAL");
        assertThat(pending("PS-R001").reason()).startsWith("UOM_CHANGE_WITH_STOCK: unit of measure changes while");
        approvals.decide(pending("PS-N003").id(), Decision.reject("typo in PLM, 45 stays"),
                new Actor("anna", "test"));
        approvals.decide(pending("PS-R001").id(), Decision.reject("not during the count"), new Actor("anna", "test"));

        JobExecution resumed = awaitLatest(run);
        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(product("PS-N003")).containsEntry("standard_price", 45.0);
        assertThat(((List<?>) product("PS-R001").get("uom_id")).get(1)).isEqualTo("Units");
        assertThat(jdbc.sql("""
                SELECT business_key FROM exception_record WHERE reason_code = 'REJECTED_BY_APPROVER' ORDER BY business_key""")
                .query(String.class).list()).containsExactly("PS-N003", "PS-R001");
    }

    @Test
    @Order(5)
    void categoriesComeFirstParentsBeforeChildrenAndProductsMayUseThemInTheSameRun() throws Exception {
        // the child is listed before its new parent, and the product file names the child: all in one night
        Files.writeString(SFTP.home("plm").resolve("inbound/categories-5.csv"), """
                category,cost_method
                All / Components / Fasteners / Metric,standard
                All / Components / Fasteners,average
                """);
        drop("products-5.csv", List.of(
                "PS-N501,Hex nut M6,storable,Units,All / Components / Fasteners / Metric,,,true,none,0.05"));
        Map<String, Integer> before = new HashMap<>(ODOO.calls());

        JobExecution run = run(5);

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(run.getExitStatus().getExitDescription()).contains("products: 1 created", "categories: 2 created");
        Map<String, Object> metric = ODOO.searchRead("product.category", List.of(List.of("complete_name", "=",
                "All / Components / Fasteners / Metric")), List.of("name", "parent_id", "property_cost_method")).get(0);
        assertThat(metric).containsEntry("name", "Metric").containsEntry("property_cost_method", "standard");
        assertThat(((List<?>) metric.get("parent_id")).get(1)).isEqualTo("All / Components / Fasteners");
        assertThat(((List<?>) product("PS-N501").get("categ_id")).get(1))
                .isEqualTo("All / Components / Fasteners / Metric");
        // parent and child in two loads (the child's parent by external id), then the product
        assertThat(writes(before)).containsExactlyInAnyOrderEntriesOf(Map.of("product.category.load", 2,
                "product.product.load", 1));

        Files.writeString(SFTP.home("plm").resolve("inbound/categories-6.csv"), """
                category,cost_method
                All / Components / Fasteners,average
                All / Components / Fasteners / Metric,standard
                """);
        Map<String, Integer> again = new HashMap<>(ODOO.calls());
        assertThat(run(6).getExitStatus().getExitDescription()).contains("categories: 0 created, 0 updated, "
                + "0 deactivated, 2 unchanged");
        assertThat(writes(again)).isEmpty();
    }

    @Test
    @Order(6)
    void vendorsAreCreatedOrAdoptedWithTheirBankAccounts() throws Exception {
        vendors("vendors-7.csv", "NORD,Nordmetall GmbH,DE129274202,Hafenstr. 1,20457,Hamburg,DE,30 Days,DE89370400440532013000",
                "ACME,Acme Fasteners Inc.,US123456789,,,,US,,US-ACC-0001");

        JobExecution run = run(7);

        assertThat(run.getExitStatus().getExitDescription()).contains("vendors: 1 created, 1 updated");
        Map<String, Object> nord = vendor("NORD");
        assertThat(nord).containsEntry("name", "Nordmetall GmbH").containsEntry("vat", "DE129274202")
                .containsEntry("city", "Hamburg").containsEntry("is_company", true);
        assertThat(((List<?>) nord.get("country_id")).get(1)).isEqualTo("Germany");
        assertThat(((List<?>) nord.get("property_supplier_payment_term_id")).get(1)).isEqualTo("30 Days");
        assertThat(accounts("NORD")).containsExactly("DE89370400440532013000");
        // ACME existed: adopted, a first bank account is no risk
        assertThat(accounts("ACME")).containsExactly("US-ACC-0001");
    }

    @Test
    @Order(7)
    void replacingAVendorsBankAccountWaitsForAnApprover() throws Exception {
        vendors("vendors-8.csv", "ACME,Acme Fasteners Inc.,US123456789,,,,US,,US-ACC-9999");

        JobExecution run = run(8);

        assertThat(run.getExitStatus().getExitCode()).isEqualTo("AWAITING_APPROVAL");
        assertThat(accounts("ACME")).containsExactly("US-ACC-0001");
        ApprovalRequest request = pending("ACME");
        assertThat(request.reason()).startsWith("BANK_ACCOUNT_CHANGE: bank account ****0001 -> ****9999")
                .doesNotContain("US-ACC");

        approvals.decide(request.id(), Decision.approve("confirmed by phone with Acme AP"), new Actor("anna", "test"));

        assertThat(awaitLatest(run).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(accounts("ACME")).containsExactly("US-ACC-9999");
    }

    @Test
    @Order(8)
    void aFileChangingMostOfItsRecordsIsHeldAsAWholeUnderOneApproval() throws Exception {
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 3; i <= 22; i++) {
            lines.add("PS-R%03d,RM %d (PLM export),consumable,,,,,,,".formatted(i, i));
        }
        drop("products-9.csv", lines);
        Map<String, Integer> before = new HashMap<>(ODOO.calls());

        JobExecution run = run(9);

        assertThat(run.getExitStatus().getExitCode()).isEqualTo("AWAITING_APPROVAL");
        assertThat(writes(before)).as("nothing of the file applied").isEmpty();
        ApprovalRequest request = pending("file:products-9.csv");
        assertThat(request.reason()).isEqualTo("BROKEN_EXPORT: products-9.csv changes 20 of its 20 records (limit 30%)");
        assertThat(request.impactQuantity()).isEqualByComparingTo("20");

        approvals.decide(request.id(), Decision.reject("PLM export truncated the names"), new Actor("anna", "test"));

        assertThat(awaitLatest(run).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(product("PS-R010")).containsEntry("name", "Raw material 10");
        assertThat(jdbc.sql("SELECT count(*) FROM md_change WHERE job_instance_id = :run AND state = 'REJECTED'")
                .param("run", run.getJobInstance().getId()).query(Integer.class).single()).isEqualTo(20);
    }

    @Test
    @Order(9)
    void locationsHangBelowTheirParents() throws Exception {
        Files.writeString(SFTP.home("plm").resolve("inbound/locations-10.csv"), """
                location,usage,barcode
                WH/Stock/Shelf 3/Bin A,internal,BIN-3A
                WH/Stock/Shelf 3,internal,SHELF-3
                WH/Stock/Shelf 1,internal,SHELF-1
                """);

        JobExecution run = run(10);

        assertThat(run.getExitStatus().getExitDescription()).contains("locations: 2 created, 1 updated");
        Map<String, Object> bin = ODOO.searchRead("stock.location", List.of(List.of("barcode", "=", "BIN-3A")),
                List.of("name", "location_id", "usage", "complete_name")).get(0);
        assertThat(bin).containsEntry("name", "Bin A").containsEntry("complete_name", "WH/Stock/Shelf 3/Bin A");
        assertThat(((List<?>) bin.get("location_id")).get(1)).isEqualTo("WH/Stock/Shelf 3");
    }

    @Test
    @Order(10)
    void vendorPricesReferToVendorsAndProductsWithQuantityBreaksOfTheirOwn() throws Exception {
        String prices = """
                vendor,product,vendor_code,min_qty,price,currency,lead_time_days
                NORD,PS-N001,NM-77,100,11.90,,7
                ACME,PS-R001,ACME-1001,1,0.245,,5
                ACME,PS-R001,ACME-1001,500,0.22,,5
                """;
        Files.writeString(SFTP.home("plm").resolve("inbound/vendor-prices-11.csv"), prices);

        JobExecution run = run(11);

        assertThat(run.getExitStatus().getExitDescription()).contains(
                "vendor prices: 2 created, 0 updated, 0 deactivated, 1 unchanged");
        assertThat(ODOO.searchRead("product.supplierinfo", List.of(List.of("partner_id.ref", "=", "NORD")),
                List.of("product_code", "min_qty", "price", "delay"))).singleElement().satisfies(p -> assertThat(p)
                        .containsEntry("product_code", "NM-77").containsEntry("min_qty", 100.0)
                        .containsEntry("price", 11.9).containsEntry("delay", 7));
        assertThat(ODOO.searchRead("product.supplierinfo", List.of(List.of("partner_id.ref", "=", "ACME"),
                List.of("product_code", "=", "ACME-1001")), List.of("min_qty")).stream().map(p -> p.get("min_qty")))
                .containsExactlyInAnyOrder(1.0, 500.0);

        Files.writeString(SFTP.home("plm").resolve("inbound/vendor-prices-12.csv"), prices.replace("11.90", "11.9"));
        Map<String, Integer> before = new HashMap<>(ODOO.calls());
        assertThat(run(12).getExitStatus().getExitDescription()).contains("vendor prices: 0 created, 0 updated, "
                + "0 deactivated, 3 unchanged");
        assertThat(writes(before)).isEmpty();
    }

    @Test
    @Order(11)
    void bomsReplaceTheirLinesAsAWholeAndWaitWhenManufacturingOrdersUseThem() throws Exception {
        String boms = """
                product,bom_qty,type,component,quantity,uom,operation,workcenter,minutes
                PS-N001,1,normal,PS-C001,2,Units,,,
                PS-N001,,,PS-R004,0.5,Units,,,
                PS-N001,,,,,,Bend,Machining,12
                PS-F001,1,normal,PS-C001,1,Units,,,
                PS-F001,,,PS-C002,2,Units,,,
                PS-F001,,,PS-R017,0.75,Units,,,
                PS-F001,,,,,,Assembly,Assembly,30
                PS-F002,1,normal,PS-NOPE,1,Units,,,
                """;
        Files.writeString(SFTP.home("plm").resolve("inbound/boms-13.csv"), boms);

        JobExecution run = run(13);

        // PS-F001 differs from Odoo's BOM by one quantity (0.5 -> 0.75): its lines are replaced, its operation kept
        assertThat(run.getExitStatus().getExitDescription()).contains("boms: 1 created, 1 updated");
        assertThat(bomLines("PS-N001")).containsExactlyInAnyOrder("PS-C001 x 2.0", "PS-R004 x 0.5");
        assertThat(bomLines("PS-F001")).containsExactlyInAnyOrder("PS-C001 x 1.0", "PS-C002 x 2.0", "PS-R017 x 0.75");
        assertThat(ODOO.searchRead("mrp.routing.workcenter", List.of(List.of("bom_id", "=", bom("PS-N001"))),
                List.of("name", "time_cycle_manual"))).singleElement().satisfies(o -> assertThat(o)
                        .containsEntry("name", "Bend").containsEntry("time_cycle_manual", 12.0));
        assertThat(jdbc.sql("SELECT message FROM exception_record WHERE business_key = 'PS-F002'").query(String.class)
                .single()).isEqualTo("boms-13.csv:9: component: 'PS-NOPE': no such component in Odoo");

        // the same BOMs listed in another order: nothing to do
        Files.writeString(SFTP.home("plm").resolve("inbound/boms-14.csv"), boms.replace(
                "PS-F001,1,normal,PS-C001,1,Units,,,\nPS-F001,,,PS-C002,2,Units,,,",
                "PS-F001,1,normal,PS-C002,2,Units,,,\nPS-F001,,,PS-C001,1,Units,,,"));
        Map<String, Integer> before = new HashMap<>(ODOO.calls());
        assertThat(run(14).getExitStatus().getExitDescription()).contains("boms: 0 created, 0 updated, 0 deactivated, "
                + "2 unchanged");
        assertThat(writes(before)).isEmpty();

        // a manufacturing order is open on PS-F001's BOM: the next change waits
        ODOO.create("mrp.production", Map.of("product_id", product("PS-F001").get("id"), "bom_id", bom("PS-F001"),
                "state", "confirmed"));
        Files.writeString(SFTP.home("plm").resolve("inbound/boms-15.csv"), """
                product,bom_qty,type,component,quantity,uom,operation,workcenter,minutes
                PS-F001,1,normal,PS-C001,1,Units,,,
                PS-F001,,,PS-C002,3,Units,,,
                PS-F001,,,PS-R017,0.75,Units,,,
                PS-F001,,,,,,Assembly,Assembly,30
                """);
        JobExecution held = run(15);
        assertThat(held.getExitStatus().getExitCode()).isEqualTo("AWAITING_APPROVAL");
        assertThat(pending("PS-F001").reason()).isEqualTo("BOM_CHANGE_WITH_OPEN_MO: 1 open manufacturing order(s) use "
                + "this BOM");
        assertThat(bomLines("PS-F001")).contains("PS-C002 x 2.0");

        approvals.decide(pending("PS-F001").id(), Decision.approve("MO 1 keeps its own components"),
                new Actor("anna", "test"));

        assertThat(awaitLatest(held).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(bomLines("PS-F001")).containsExactlyInAnyOrder("PS-C001 x 1.0", "PS-C002 x 3.0", "PS-R017 x 0.75");
    }

    @Test
    @Order(12)
    void unitsAreCreatedWithTheirReferenceUnitAsOdoo19ModelsThem() throws Exception {
        String units = """
                name,category,reference,ratio
                Box of 10 packs,,Pack of 6,10
                Pack of 6,,Units,6
                Dozens,,Units,12
                """;
        Files.writeString(SFTP.home("plm").resolve("inbound/units-16.csv"), units);

        JobExecution run = run(16);

        assertThat(run.getExitStatus().getExitDescription()).contains("units: 2 created, 0 updated, 0 deactivated, "
                + "1 unchanged");
        Map<String, Object> box = ODOO.searchRead("uom.uom", List.of(List.of("name", "=", "Box of 10 packs")),
                List.of("relative_factor", "relative_uom_id")).get(0);
        assertThat(box).containsEntry("relative_factor", 10.0);
        assertThat(((List<?>) box.get("relative_uom_id")).get(1)).isEqualTo("Pack of 6");

        Files.writeString(SFTP.home("plm").resolve("inbound/units-17.csv"), units.replace("Dozens,,Units,12\n", ""));
        Map<String, Integer> before = new HashMap<>(ODOO.calls());
        assertThat(run(17).getExitStatus().getExitDescription()).contains("units: 0 created, 0 updated, "
                + "0 deactivated, 2 unchanged");
        assertThat(writes(before)).isEmpty();
    }

    @Test
    @Order(13)
    void aMisspeltColumnIsToldNotSilentlyIgnored() throws Exception {
        // standard_cots for standard_price: the cost column is not read, so the cost stays; that must be said.
        Files.writeString(SFTP.home("plm").resolve("inbound/products-18.csv"), HEADER.replace("standard_price",
                "standard_cots") + ",colour\n" + "PS-N001,New bracket,storable,Units,All / Components,0.5,4006381333931,"
                + "true,none,99.00,blue\n");
        double cost = (Double) product("PS-N001").get("standard_price");

        JobExecution run = run(18);

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(run.getExitStatus().getExitDescription()).contains(
                "unknown columns not read: products-18.csv standard_cots, products-18.csv colour",
                "2 exceptions (UNKNOWN_MASTER_DATA_COLUMN 2)");
        assertThat(jobControl.execution(run.getId()).completedWithExceptions()).isTrue();
        assertThat(jdbc.sql("SELECT message FROM exception_record WHERE reason_code = 'UNKNOWN_MASTER_DATA_COLUMN' "
                + "ORDER BY id").query(String.class).list()).containsExactly(
                        "products-18.csv:1: unknown column 'standard_cots' is not read (did you mean standard_price?); "
                                + "the product columns are default_code, name, type, uom, purchase_uom, category, "
                                + "weight, barcode, active, tracking, standard_price",
                        "products-18.csv:1: unknown column 'colour' is not read; the product columns are default_code, "
                                + "name, type, uom, purchase_uom, category, weight, barcode, active, tracking, "
                                + "standard_price");
        assertThat(product("PS-N001")).containsEntry("standard_price", cost);
    }

    private static int bom(String code) {
        return (Integer) ODOO.searchRead("mrp.bom", List.of(List.of("product_tmpl_id.default_code", "=", code)),
                List.of("id")).get(0).get("id");
    }

    private static List<String> bomLines(String code) {
        return ODOO.searchRead("mrp.bom.line", List.of(List.of("bom_id", "=", bom(code))),
                List.of("product_id", "product_qty")).stream()
                .map(l -> ((String) ((List<?>) l.get("product_id")).get(1)).replaceAll("^\\[([^\\]]+)\\].*", "$1")
                        + " x " + l.get("product_qty")).toList();
    }

    private static void vendors(String name, String... lines) throws Exception {
        Files.writeString(SFTP.home("plm").resolve("inbound/" + name),
                "ref,name,vat,street,zip,city,country,payment_terms,bank_account\n" + String.join("\n", lines) + "\n");
    }

    private static Map<String, Object> vendor(String ref) {
        return ODOO.searchRead("res.partner", List.of(List.of("ref", "=", ref)), List.of("name", "vat", "city",
                "country_id", "property_supplier_payment_term_id", "is_company")).get(0);
    }

    /** The vendor's active bank accounts. */
    private static List<Object> accounts(String ref) {
        Object partner = vendor(ref).get("id");
        return ODOO.searchRead("res.partner.bank", List.of(List.of("partner_id", "=", partner),
                List.of("active", "=", true)), List.of("acc_number")).stream().map(b -> b.get("acc_number")).toList();
    }

    private ApprovalRequest pending(String key) {
        return approvals.pending().stream().filter(r -> r.businessKey().equals(key)).findFirst().orElseThrow();
    }

    private JobExecution awaitLatest(JobExecution stopped) throws InterruptedException {
        return Resumed.await(repository, stopped);
    }

    private static void drop(String name, List<String> lines) throws Exception {
        Files.writeString(SFTP.home("plm").resolve("inbound/" + name), HEADER + "\n" + String.join("\n", lines)
                + "\n");
    }

    private static Map<String, Object> product(String code) {
        return ODOO.searchRead("product.product", List.of(List.of("default_code", "=", code)), List.of("name", "type",
                "is_storable", "barcode", "standard_price", "weight", "categ_id", "uom_id", "tracking", "active"))
                .get(0);
    }

    private static Map<String, Integer> writes(Map<String, Integer> before) {
        return ODOO.writesSince(before);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
