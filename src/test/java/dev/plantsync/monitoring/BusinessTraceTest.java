package dev.plantsync.monitoring;

import static dev.plantsync.invoices.InvoicePostingJobTest.invoice;
import static dev.plantsync.invoices.InvoicePostingJobTest.line;
import static dev.plantsync.invoices.InvoicePostingJobTest.x12;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import dev.plantsync.approvals.Approvals;
import dev.plantsync.approvals.Decision;
import dev.plantsync.operations.JobControl;
import dev.plantsync.operations.cli.PlantSyncCommand;
import dev.plantsync.platform.Actor;
import dev.plantsync.support.ApiClient;
import dev.plantsync.support.SimulatedWorld;
import dev.plantsync.support.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A vendor invoice's journey, traced after the fact by its number: dropped, claimed, parsed, held for approval,
 * approved, written to Odoo, acknowledged, in that order with times; the same through the REST API and the CLI.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"plantsync.scheduler.enabled=false", "plantsync.jobs.async=false"})
@ActiveProfiles("test")
class BusinessTraceTest {

    private static final SimulatedWorld WORLD = SimulatedWorld.start(19, "acme", "ACMEFAST", "ACME");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        WORLD.register(registry);
        TestUsers.register(registry, "vera", "VIEWER");
    }

    @AfterAll
    static void stop() {
        WORLD.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    BusinessTrace trace;

    @Autowired
    JobControl jobs;

    @Autowired
    Approvals approvals;

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void anInvoiceHeldForApprovalThenPostedShowsEveryStageInOrder() throws Exception {
        Files.writeString(WORLD.sftp.home("acme").resolve("inbound/trace.edi"), x12("000000888",
                List.of(invoice("ACME-TR-1", "PO-ACME-0002", line("PS-R005", "4", "1.25")))));
        assertThat(jobs.launch("supplier-invoice-posting", Map.of("businessDate", "2026-11-24"),
                new Actor("test", "test")).status()).isEqualTo("STOPPED");
        long request = approvals.pending().get(0).id();
        approvals.decide(request, Decision.approve("goods arrived"), new Actor("anna", "console"));

        List<BusinessTrace.Journey> journeys = trace.invoice("ACME-TR-1");

        assertThat(journeys).singleElement().satisfies(j -> {
            assertThat(j.partner()).isEqualTo("acme");
            assertThat(j.steps()).extracting(BusinessTrace.Step::stage).containsSubsequence("dropped", "claimed",
                    "parsed", "approval asked", "approval decided", "written to Odoo");
            assertThat(j.steps()).extracting(BusinessTrace.Step::stage).contains("in Odoo", "acknowledged", "outcome");
            assertThat(j.steps()).allSatisfy(s -> assertThat(s.at()).isNotNull());
            assertThat(j.steps()).extracting(BusinessTrace.Step::at).isSorted();
            assertThat(j.steps()).anySatisfy(s -> assertThat(s.detail()).contains("trace.edi", "inbound file"));
            assertThat(j.steps()).anySatisfy(s -> assertThat(s.detail()).isEqualTo("APPROVED by anna: goods arrived"));
            assertThat(j.steps()).anySatisfy(s -> assertThat(s.detail()).startsWith("account.move ")
                    .contains("CONFIRMED", ", id "));
            assertThat(j.steps()).anySatisfy(s -> assertThat(s.detail()).startsWith("997_000000888_").endsWith(".edi"));
        });

        var api = new ApiClient(port).get("vera", "/api/trace/invoices/ACME-TR-1");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).contains("\"stage\":\"approval decided\"", "\"partner\":\"acme\"");
        assertThat(new ApiClient(port).get("vera", "/api/trace/invoices/NOPE-1").statusCode()).isEqualTo(404);

        StringWriter out = new StringWriter();
        int code = PlantSyncCommand.commandLine(() -> context).setOut(new PrintWriter(out))
                .execute("trace", "invoice", "ACME-TR-1");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("invoice ACME-TR-1 from acme", "approval decided", "acknowledged");
    }
}
