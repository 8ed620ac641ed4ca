package dev.plantsync.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static dev.plantsync.invoices.InvoicePostingJobTest.invoice;
import static dev.plantsync.invoices.InvoicePostingJobTest.line;
import static dev.plantsync.invoices.InvoicePostingJobTest.x12;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.plantsync.approvals.ApprovalRequest;
import dev.plantsync.approvals.Approvals;
import dev.plantsync.monitoring.DependencyProbes;
import dev.plantsync.monitoring.SloMonitor;
import dev.plantsync.operations.ExecutionSummary;
import dev.plantsync.operations.JobControl;
import dev.plantsync.operations.ScheduleReconciler;
import dev.plantsync.platform.Actor;
import dev.plantsync.reconciliation.InventoryScenario;
import dev.plantsync.support.Browser;
import dev.plantsync.support.TestUsers;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console in a real headless Chromium against the whole application (real PostgreSQL, the Odoo 19 simulator, the
 * embedded SFTP server): an operator restarts a failed run and watches it finish, an approver releases an invoice
 * into Odoo, finance works a reconciliation report, and a viewer can neither see nor forge an action.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"plantsync.scheduler.enabled=false", "plantsync.jobs.async=true"})
@ActiveProfiles("test")
class ConsoleBrowserTest {

    private static final InventoryScenario WORLD = new InventoryScenario("acme", "ACMEFAST", "ACME");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        WORLD.wiring(registry);
        TestUsers.register(registry, "otto", "OPERATOR", "anna", "APPROVER", "vera", "VIEWER");
    }

    @BeforeAll
    static void chromium() {
        assumeTrue(Browser.available() || System.getenv("CI") != null,
                "no chromium/chromedriver here (CI installs them: .ci/run)");
    }

    @AfterAll
    static void stop() {
        WORLD.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JobControl jobs;

    @Autowired
    Approvals approvals;

    @Autowired
    ScheduleReconciler schedules;

    @Autowired
    List<Job> allJobs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DependencyProbes probes;

    @Autowired
    SloMonitor slos;

    private Browser browser;

    @BeforeEach
    void open() throws Exception {
        schedules.reconcile(Path.of("schedules"), allJobs.stream().map(Job::getName).collect(
                java.util.stream.Collectors.toSet()));
        browser = new Browser(port);
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void operatorSeesTheFailedRunRestartsItAndWatchesItComplete() throws Exception {
        ExecutionSummary failed = failedDemoRun("2026-11-02");

        browser.signIn("otto").open("/console/jobs");
        WebElement demo = browser.find("#job-demo");
        assertThat(demo.getText()).contains("#" + failed.id(), "FAILED", "simulated crash at item 3500");
        assertThat(browser.text("#job-inventory-reconciliation")).contains("0 30 4 * * ?", "Europe/Berlin", "next 20");
        assertThat(browser.text("#signed-in")).contains("otto", "OPERATOR");
        assertThat(browser.page()).contains("times in " + Browser.TIME_ZONE);
        browser.screenshot("01-jobs");

        demo.findElement(By.linkText("#" + failed.id())).click();
        assertThat(browser.text("#live")).contains("FAILED", "3,000");
        browser.screenshot("02-execution-failed");
        browser.clickAndConfirm("#restart");

        browser.waitFor(d -> !d.getCurrentUrl().endsWith("/" + failed.id()));
        assertThat(browser.text("#flash-message")).contains("Restarted execution " + failed.id());
        long restarted = Long.parseLong(browser.url().replaceAll(".*/", ""));
        assertThat(browser.text("#live")).containsAnyOf("STARTED", "STARTING");
        browser.screenshot("03-execution-running");
        browser.waitFor(Duration.ofSeconds(60), d -> browser.text("#live").contains("COMPLETED"));
        assertThat(browser.text("#steps")).as("resumed after the last committed chunk: items 3,001 to 8,000")
                .contains("5,000");
        assertThat(browser.text("#attempts")).contains("#" + failed.id() + " FAILED", "#" + restarted + " COMPLETED");
        browser.screenshot("04-execution-completed");
        assertThat(jobs.execution(restarted).execution().status()).isEqualTo("COMPLETED");
        assertThat(audit("otto")).contains("otto console RESTART OK demo#" + failed.id());

        probes.probeAll();
        slos.evaluate();
        browser.open("/console/health");
        assertThat(browser.text("#objectives")).contains("invoices-handled-within-4h", "inventory-reconciled-by-6",
                "approvals-decided-within-2-business-days");
        assertThat(browser.text("#dependencies")).contains("odoo", "UP", "sftp", "acme", "wms");
        assertThat(browser.text("#nodes")).contains("ALIVE");
        browser.screenshot("15-health");
    }

    @Test
    void approverApprovesAnInvoiceExceptionAndTheBillIsPosted() throws Exception {
        dropInvoiceForGoodsNotReceived();
        ExecutionSummary stopped = await(jobs.launch("supplier-invoice-posting",
                Map.of("businessDate", "2026-11-20", "consoleRun", "C7"), new Actor("test", "test")));
        assertThat(stopped.status()).isEqualTo("STOPPED");
        ApprovalRequest waiting = approvals.pending().stream().filter(r -> r.subject().contains("ACME-C7-1"))
                .findFirst().orElseThrow();
        assertThat(bills("ACME-C7-1")).isEmpty();

        browser.signIn("anna").open("/console/approvals");
        WebElement request = browser.find("#request-" + waiting.id());
        assertThat(request.getText()).contains(waiting.subject(), waiting.reasonCode(), "Impact: 12.50", "10 units");
        browser.screenshot("05-approvals");
        request.findElement(By.cssSelector("form.approve input[name=comment]")).sendKeys("received late, checked");
        request.findElement(By.cssSelector("form.approve button")).click();
        browser.waitFor(d -> !browser.all("#flash-message").isEmpty());

        assertThat(browser.text("#flash-message")).contains("Request " + waiting.id(), "approved");
        assertThat(browser.text("#decided")).contains(waiting.subject(), "APPROVED", "anna", "received late, checked");
        browser.screenshot("06-approvals-decided");

        browser.open("/console/executions?job=supplier-invoice-posting");
        browser.waitFor(Duration.ofSeconds(60), d -> {
            d.navigate().refresh();
            return browser.text("#executions").lines().skip(1).findFirst().orElse("").contains("COMPLETED");
        });
        browser.find("#executions tbody tr a").click();
        assertThat(browser.text("#exit-description")).contains("posted");
        browser.screenshot("07-invoice-run-completed");
        List<Map<String, Object>> bills = bills("ACME-C7-1");
        assertThat(bills).as("the approved invoice is one posted bill").hasSize(1);
        assertThat(bills.get(0).get("state")).isEqualTo("posted");

        browser.open("/console/files?partner=acme");
        assertThat(browser.text("#files")).contains("console-c7.edi", "PROCESSED", "997_000000777_");
        browser.screenshot("08-partner-files");

        browser.open("/console/trace");
        browser.find("#trace-form input[name=invoice]").sendKeys("ACME-C7-1");
        browser.find("#trace-form button").click();
        assertThat(browser.text(".journey")).contains("invoice ACME-C7-1 from acme", "console-c7.edi",
                "approval decided", "APPROVED by anna: received late, checked", "account.move", "997_000000777_");
        browser.screenshot("14-trace");
    }

    @Test
    void financeFiltersBreaksDownloadsTheReportAndSignsItOff() throws Exception {
        LocalDate night = LocalDate.of(2026, 11, 20);
        WORLD.drop(night, "snapshot-20.csv", WORLD.snapshot());
        ExecutionSummary run = await(jobs.launch("inventory-reconciliation",
                Map.of("businessDate", night.toString(), "site", "MAIN"), new Actor("test", "test")));
        assertThat(run.status()).isEqualTo("COMPLETED");

        browser.signIn("anna").open("/console/reconciliation?kind=inventory");
        browser.waitFor(d -> "true".equals(browser.find("#trend").getAttribute("data-rendered")));
        assertThat(browser.text("#runs")).contains("2026-11-20", "MAIN", "not yet");
        browser.screenshot("09-reconciliation-runs");

        browser.find("#runs tbody a").click();
        browser.waitFor(d -> d.getCurrentUrl().contains("/console/reconciliation/inventory/"));
        int all = breakRows().size();
        assertThat(all).isGreaterThan(3);
        new org.openqa.selenium.support.ui.Select(browser.find("#break-filter select[name=category]"))
                .selectByValue("QTY_MISMATCH");
        browser.find("#apply-filter").click();
        browser.waitFor(d -> d.getCurrentUrl().contains("category=QTY_MISMATCH"));
        List<WebElement> mismatches = breakRows();
        assertThat(mismatches).isNotEmpty().hasSizeLessThan(all)
                .allSatisfy(r -> assertThat(r.getText()).contains("QTY_MISMATCH"));
        assertThat(browser.text("#matching")).contains("(" + mismatches.size() + " shown");
        browser.screenshot("10-report-filtered");

        WebElement first = mismatches.get(0);
        String breakId = first.getAttribute("id");
        first.findElement(By.cssSelector("form.annotate input[name=note]")).sendKeys("count error on shelf");
        new org.openqa.selenium.support.ui.Select(first.findElement(By.cssSelector("form.annotate select")))
                .selectByValue("EXPLAINED");
        first.findElement(By.cssSelector("form.annotate button")).click();
        browser.waitFor(d -> browser.text("#" + breakId).contains("count error on shelf"));
        assertThat(browser.url()).contains("category=QTY_MISMATCH");
        assertThat(browser.text("#" + breakId)).contains("EXPLAINED", "count error on shelf", "anna");

        browser.find("#download-xlsx").click();
        Path xlsx = browser.waitFor(d -> downloaded(".xlsx"));
        try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook book = new XSSFWorkbook(in)) {
            assertThat(book.getSheetAt(0).getPhysicalNumberOfRows()).isEqualTo(all + 1);
            Row header = book.getSheetAt(0).getRow(0);
            assertThat(header.getCell(1).getStringCellValue()).isEqualTo("category");
        }
        assertThat(xlsx.getFileName().toString()).isEqualTo("inventory-MAIN-2026-11-20.xlsx");

        browser.find("form.signoff input[name=comment]").sendKeys("reviewed with the warehouse");
        browser.clickAndConfirm("#sign-off");
        browser.waitFor(d -> browser.text("#signed-off").contains("anna"));
        assertThat(browser.text("#signed-off")).contains("anna", "reviewed with the warehouse", "CET");
        browser.screenshot("11-report-signed-off");

        browser.open("/console/audit?actor=anna");
        assertThat(browser.text("#audit")).contains("inventory-report.review", "inventory-break.annotate");
        browser.screenshot("12-audit");
    }

    @Test
    void viewerSeesNoActionsAndAForgedPostIsRefused() throws Exception {
        ExecutionSummary failed = failedDemoRun("2026-11-03");

        browser.signIn("vera");
        for (String page : List.of("/console/jobs", "/console/executions/" + failed.id(), "/console/approvals",
                "/console/reconciliation", "/console/files", "/console/audit", "/console/health", "/console/trace")) {
            browser.open(page);
            assertThat(browser.all("form[method=post]")).as("action forms on " + page)
                    .allSatisfy(f -> assertThat(f.getAttribute("action")).endsWith("/logout"));
            assertThat(browser.all("button").stream().map(WebElement::getText).toList()).as(page)
                    .doesNotContain("Restart", "Stop", "Abandon", "Launch", "Approve", "Reject", "Sign off");
        }
        browser.open("/console/executions/" + failed.id());
        browser.screenshot("13-viewer-execution");
        int demoRuns = jobs.executions("demo", 100).size();

        Object status = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                const token = document.querySelector('meta[name=_csrf]').content;
                const header = document.querySelector('meta[name=_csrf_header]').content;
                fetch(arguments[0], {method: 'POST', headers: {[header]: token}}).then(r => done(r.status));""",
                "/console/executions/" + failed.id() + "/restart");
        assertThat(status).as("a viewer's forged restart, with a valid CSRF token").isEqualTo(403L);
        Object noToken = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {method: 'POST'}).then(r => done(r.status));""",
                "/console/jobs/demo/launch");
        assertThat(noToken).isEqualTo(403L);
        assertThat(jobs.execution(failed.id()).execution().status()).isEqualTo("FAILED");
        assertThat(jobs.executions("demo", 100)).as("nothing was launched or restarted").hasSize(demoRuns);
    }

    private ExecutionSummary failedDemoRun(String businessDate) throws InterruptedException {
        ExecutionSummary failed = await(jobs.launch("demo", Map.of("businessDate", businessDate, "items", "8000",
                "failAt", "3500", "pauseMillis", "700"), new Actor("test", "test")));
        assertThat(failed.status()).isEqualTo("FAILED");
        return failed;
    }

    private ExecutionSummary await(ExecutionSummary started) throws InterruptedException {
        return jobs.awaitEnd(started.id(), Duration.ofSeconds(60));
    }

    private List<WebElement> breakRows() {
        return browser.all("#breaks tbody tr");
    }

    private Path downloaded(String extension) {
        try (var files = Files.list(browser.downloads)) {
            return files.filter(f -> f.toString().endsWith(extension)).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private List<String> audit(String actor) {
        return jdbc.sql("SELECT actor || ' ' || channel || ' ' || action || ' ' || outcome || ' ' || target"
                + " FROM audit_event WHERE actor = :actor ORDER BY id").param("actor", actor).query(String.class).list();
    }

    private List<Map<String, Object>> bills(String ref) {
        return WORLD.odoo.searchRead("account.move", List.of(List.of("move_type", "=", "in_invoice"),
                List.of("ref", "=", ref)), List.of("ref", "state", "amount_total"));
    }

    /** One invoice billing 10 of PS-R005 on PO-ACME-0002, of which nothing was received: finance must decide. */
    private static void dropInvoiceForGoodsNotReceived() throws IOException {
        Files.writeString(WORLD.sftp.home("acme").resolve("inbound/console-c7.edi"), x12("000000777",
                List.of(invoice("ACME-C7-1", "PO-ACME-0002", line("PS-R005", "10", "1.25")))));
    }
}
