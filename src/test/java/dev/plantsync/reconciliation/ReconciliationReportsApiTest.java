package dev.plantsync.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.plantsync.support.ApiClient;
import dev.plantsync.support.TestUsers;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The report finance opens in the morning: HTML, CSV and XLSX show the run's breaks (text a spreadsheet would run as
 * a formula is defused); an approver signs it off and annotates breaks, a viewer or operator cannot; all audited.
 * The valuation report of the same machinery carries its per-account and per-product tables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"plantsync.scheduler.enabled=false", "plantsync.jobs.async=false"})
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconciliationReportsApiTest {

    private static final InventoryScenario SCENARIO = new InventoryScenario();
    private static final String FORMULA_LOT = "=HYPERLINK(\"http://evil.example\",\"x\")";

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        SCENARIO.wiring(registry);
        TestUsers.register(registry, "vera", "VIEWER", "otto", "OPERATOR", "anna", "APPROVER");
    }

    @LocalServerPort
    int port;

    @Autowired
    JobOperator jobs;

    @Autowired
    @Qualifier("inventoryReconciliation")
    Job job;

    @Autowired
    @Qualifier("valuationReconciliation")
    Job valuation;

    @Autowired
    JdbcClient jdbc;

    private ApiClient api;
    private long run;
    private long valuationRun;

    @BeforeAll
    void reconcileOneNight() throws Exception {
        api = new ApiClient(port);
        List<String> lines = new ArrayList<>(SCENARIO.snapshot());
        lines.add("MAIN,A-01,PS-R005,\"" + FORMULA_LOT.replace("\"", "\"\"") + "\",1,EA," + InventoryScenario.TIME);
        lines.add("MAIN,A-01,@SUM(A1),,2,EA," + InventoryScenario.TIME);
        LocalDate night = LocalDate.of(2026, 11, 20);
        SCENARIO.drop(night, "snapshot.csv", lines);
        JobExecution execution = jobs.start(job, new JobParametersBuilder().addLocalDate("businessDate", night)
                .addString("site", "MAIN").toJobParameters());
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        run = execution.getJobInstance().getId();
        JobExecution valued = jobs.start(valuation, new JobParametersBuilder().addLocalDate("businessDate", night)
                .addString("asOf", "2026-11-30").toJobParameters());
        assertThat(valued.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        valuationRun = valued.getJobInstance().getId();
    }

    @AfterAll
    void stop() {
        SCENARIO.close();
    }

    @Test
    void csvListsEveryBreakWithFormulasDefused() throws Exception {
        HttpResponse<String> csv = api.get("vera", "/api/reconciliation/inventory/runs/" + run + "/breaks.csv");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).contains("inventory-MAIN-2026-11-20.csv"));
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body())).getRecords();
        assertThat(rows).hasSize(10);
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("lot")).isEqualTo("'" + FORMULA_LOT);
            assertThat(r.get("category")).isEqualTo("LOT_MISMATCH");
        });
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("item")).isEqualTo("'@SUM(A1)");
            assertThat(r.get("category")).isEqualTo("UNMAPPED_ITEM");
        });
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("item")).isEqualTo("PS-F001");
            assertThat(r.get("value")).isEqualTo("-330.00"); // a negative number stays a number
        });
    }

    @Test
    void xlsxHoldsNumbersAsNumbersAndTextAsSentQuotePrefixed() throws Exception {
        HttpResponse<byte[]> xlsx = api.download("vera", "/api/reconciliation/inventory/runs/" + run + "/breaks.xlsx");

        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = book.getSheet("breaks");
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("category");
            assertThat(sheet.getLastRowNum()).isEqualTo(10);
            Row first = sheet.getRow(1); // sorted by absolute value: PS-F001 missing in WMS, -330.00
            assertThat(first.getCell(3).getStringCellValue()).isEqualTo("PS-F001");
            assertThat(first.getCell(8).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(8).getNumericCellValue()).isEqualTo(-330.0);
            boolean defused = false;
            for (Row row : sheet) {
                if (row.getCell(4) != null && row.getCell(4).getCellType() == CellType.STRING
                        && row.getCell(4).getStringCellValue().equals(FORMULA_LOT)) {
                    // the text as sent, no apostrophe of ours in it; the quote-prefix style keeps it from evaluating
                    assertThat(row.getCell(4).getCellStyle().getQuotePrefixed()).isTrue();
                    defused = true;
                }
                for (var cell : row) {
                    assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
                }
            }
            assertThat(defused).isTrue();
        }
    }

    @Test
    void htmlReportEscapesAndSummarises() throws Exception {
        HttpResponse<String> html = api.get("vera", "/api/reconciliation/inventory/runs/" + run, "text/html");

        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("site MAIN, 2026-11-20", "MISSING_IN_WMS", "-330.00", "not yet")
                .contains("=HYPERLINK(&quot;http://evil.example&quot;").doesNotContain("<script");
    }

    @Test
    void approverSignsOffAndAnnotatesOthersCannot() throws Exception {
        String review = "/api/reconciliation/inventory/runs/" + run + "/review";
        assertThat(api.post("vera", review, "{\"comment\":\"ok\"}").statusCode()).isEqualTo(403);
        assertThat(api.post("otto", review, "{\"comment\":\"ok\"}").statusCode()).isEqualTo(403);

        HttpResponse<String> signed = api.post("anna", review, "{\"comment\":\"F001 count pending, rest explained\"}");

        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(signed.body()).contains("\"reviewedBy\":\"anna\"", "F001 count pending");
        long breakId = jdbc.sql("SELECT id FROM inventory_break WHERE job_instance_id = :run AND item = 'PS-F001'")
                .param("run", run).query(Long.class).single();
        String annotate = "/api/reconciliation/inventory/breaks/" + breakId + "/annotation";
        assertThat(api.post("otto", annotate, "{\"status\":\"TO_FIX\"}").statusCode()).isEqualTo(403);
        assertThat(api.post("anna", annotate, "{\"note\":\"no status\"}").statusCode()).isEqualTo(400);
        assertThat(api.post("anna", annotate, "{\"status\":\"TO_FIX\",\"note\":\"recount aisle 3\"}").statusCode())
                .isEqualTo(204);
        assertThat(api.post("anna", "/api/reconciliation/inventory/breaks/999999/annotation",
                "{\"status\":\"FIXED\"}").statusCode()).isEqualTo(404);

        assertThat(jdbc.sql("SELECT annotation || ' ' || annotation_note || ' ' || annotated_by FROM inventory_break"
                + " WHERE id = :id").param("id", breakId).query(String.class).single())
                .isEqualTo("TO_FIX recount aisle 3 anna");
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE actor = 'anna' ORDER BY id").query(String.class)
                .list()).containsExactly("inventory-report.review", "inventory-break.annotate");
    }

    @Test
    void valuationReportHasAccountAndProductTables() throws Exception {
        String base = "/api/reconciliation/valuation/runs/" + valuationRun;
        HttpResponse<String> html = api.get("vera", base, "text/html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("Valuation reconciliation: as of 2026-11-30", "<h2>accounts</h2>",
                "<h2>products</h2>", "MANUAL_ENTRY", "(no product)");

        HttpResponse<String> csv = api.get("vera", base + "/products.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).contains("valuation-2026-11-30-products.csv"));
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body())).getRecords();
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("item")).isEqualTo("(no product)");
            assertThat(r.get("difference")).isEqualTo("-123.45");
        });

        assertThat(api.get("vera", base + "/nothing.csv").body()).contains("no section nothing", "products");
        assertThat(api.get("vera", "/api/reconciliation/payroll/runs").statusCode()).isEqualTo(404);
        // a run of another kind is not found under this one
        assertThat(api.get("vera", "/api/reconciliation/postings/runs/" + valuationRun).statusCode()).isEqualTo(404);
    }
}
