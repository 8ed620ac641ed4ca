package dev.plantsync.reconciliation;

import static dev.plantsync.invoices.InvoicePostingJobTest.invoice;
import static dev.plantsync.invoices.InvoicePostingJobTest.line;
import static dev.plantsync.invoices.InvoicePostingJobTest.x12;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.sim.DemoCompany;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.platform.Actor;
import dev.plantsync.platform.OdooWriteLedger;
import dev.plantsync.sftp.EmbeddedSftpServer;
import dev.plantsync.support.PlantSyncTest;
import dev.plantsync.support.SimulatedWorld;
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
 * PlantSync checks its own work: six bills posted by the invoice job, then in Odoo one deleted, one cancelled, one
 * edited by hand, one reset to draft and left there, one whose reference was changed, plus a product value PlantSync
 * owns changed by hand. Each is reported with its category; the untouched bill is not.
 */
@PlantSyncTest
class PostingReconciliationJobTest {

    private static final SimulatedWorld WORLD = SimulatedWorld.start(19, "acme", "ACMEFAST", "ACME");
    private static final OdooSimulator ODOO = WORLD.odoo;
    private static final DemoCompany.Ids DEMO = WORLD.demo;
    private static final EmbeddedSftpServer SFTP = WORLD.sftp;

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
    @Qualifier("supplierInvoicePosting")
    Job invoices;

    @Autowired
    @Qualifier("postingReconciliation")
    Job postings;

    @Autowired
    OdooWriteLedger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReconciliationReports reports;

    @Test
    void billsDeletedCancelledOrEditedAndHandEditedMasterDataAreEachReported() throws Exception {
        Files.writeString(SFTP.home("acme").resolve("inbound/bills.edi"), x12("000000301", List.of(
                invoice("ACME-P-1", "PO-ACME-0001", line("PS-R001", "20", "0.25")),
                invoice("ACME-P-2", "PO-ACME-0001", line("PS-R001", "20", "0.25")),
                invoice("ACME-P-3", "PO-ACME-0001", line("PS-R002", "50", "0.50")),
                invoice("ACME-P-4", "PO-ACME-0001", line("PS-R004", "200", "1.00")),
                invoice("ACME-P-5", "PO-ACME-0001", line("PS-R001", "10", "0.25")),
                invoice("ACME-P-6", "PO-ACME-0001", line("PS-R001", "10", "0.25")))));
        JobExecution posted = jobs.start(invoices, new JobParametersBuilder()
                .addLocalDate("businessDate", LocalDate.of(2026, 11, 23)).toJobParameters());
        assertThat(posted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // What the master-data sync records when it writes a product it owns.
        int product = DEMO.product("PS-R010");
        ledger.record("product.product", "PS-R010", product, "write", "UPDATED", "master-data-sync", 1,
                "{\"standard_price\": 2.5, \"name\": \"Raw material 10\"}");

        ODOO.call("account.move", "button_draft", List.of(List.of(bill("ACME-P-1"))), Map.of());
        ODOO.unlink("account.move", bill("ACME-P-1"));
        ODOO.call("account.move", "button_draft", List.of(List.of(bill("ACME-P-2"))), Map.of());
        ODOO.call("account.move", "button_cancel", List.of(List.of(bill("ACME-P-2"))), Map.of());
        int edited = bill("ACME-P-3");
        ODOO.call("account.move", "button_draft", List.of(List.of(edited)), Map.of());
        int line = (Integer) ODOO.searchRead("account.move.line", List.of(List.of("move_id", "=", edited),
                List.of("product_id", "=", DEMO.product("PS-R002"))), List.of("id")).get(0).get("id");
        ODOO.write("account.move.line", line, Map.of("price_unit", 0.45));
        ODOO.call("account.move", "action_post", List.of(List.of(edited)), Map.of());
        ODOO.write("product.product", product, Map.of("standard_price", 3.0));
        // Written before identity was in the fingerprint (total and lines only): still compared, untouched, no break.
        jdbc.sql("UPDATE odoo_write SET written_values = to_jsonb(CAST(:v AS text)) WHERE business_key = :key")
                .param("v", "total 200; lines " + DEMO.product("PS-R004") + "x200@1")
                .param("key", DEMO.acme() + "|ACME-P-4").update();
        // Reset to draft and left there: no longer in the books, though nothing else changed.
        ODOO.call("account.move", "button_draft", List.of(List.of(bill("ACME-P-5"))), Map.of());
        // Its reference retyped: the ledger's key (vendor + ref) no longer finds it.
        int retyped = bill("ACME-P-6");
        ODOO.call("account.move", "button_draft", List.of(List.of(retyped)), Map.of());
        ODOO.write("account.move", retyped, Map.of("ref", "ACME-P-6 (checked)"));
        ODOO.call("account.move", "action_post", List.of(List.of(retyped)), Map.of());

        JobExecution check = jobs.start(postings, new JobParametersBuilder()
                .addLocalDate("businessDate", LocalDate.of(2026, 11, 24)).toJobParameters());

        assertThat(check.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("""
                SELECT category, business_key, expected, actual FROM posting_break
                 WHERE job_instance_id = :run ORDER BY category""")
                .param("run", check.getJobInstance().getId())
                .query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list())
                .containsExactlyInAnyOrder(
                        tuple("BILL_CANCELLED", DEMO.acme() + "|ACME-P-2", "posted", "cancelled"),
                        tuple("BILL_CHANGED", DEMO.acme() + "|ACME-P-3",
                                "total 25; lines " + DEMO.product("PS-R002") + "x50@0.5",
                                "total 22.5; lines " + DEMO.product("PS-R002") + "x50@0.45"),
                        tuple("BILL_CHANGED", DEMO.acme() + "|ACME-P-5", "state posted", "state draft"),
                        tuple("BILL_CHANGED", DEMO.acme() + "|ACME-P-6", "ref ACME-P-6", "ref ACME-P-6 (checked)"),
                        tuple("BILL_MISSING", DEMO.acme() + "|ACME-P-1", "vendor " + DEMO.acme()
                                + "; ref ACME-P-1; date 2026-11-23; currency USD; total 5; lines "
                                + DEMO.product("PS-R001") + "x20@0.25", "deleted"),
                        tuple("MASTER_DATA_DRIFT", "PS-R010", "standard_price=2.5", "standard_price=3"));
        assertThat(check.getExitStatus().getExitDescription()).contains("writes checked 7, breaks 6");
        long first = check.getJobInstance().getId();
        assertThat(reports.summary(ReportKind.POSTINGS, first)).hasValueSatisfying(s -> {
            assertThat(s.leftRows()).isEqualTo(7);
            assertThat(s.breaks()).isEqualTo(6);
            assertThat(s.newBreaks()).isEqualTo(6);
            assertThat(s.resolvedBreaks()).isZero();
            assertThat(s.countByCategory()).containsEntry("BILL_MISSING", 1).containsEntry("MASTER_DATA_DRIFT", 1);
        });

        // Next night: the product value is put back by hand; the bills stay as they are.
        ODOO.write("product.product", product, Map.of("standard_price", 2.5));
        JobExecution next = jobs.start(postings, new JobParametersBuilder()
                .addLocalDate("businessDate", LocalDate.of(2026, 11, 25)).toJobParameters());

        assertThat(reports.summary(ReportKind.POSTINGS, next.getJobInstance().getId())).hasValueSatisfying(s -> {
            assertThat(s.runDate()).isEqualTo(LocalDate.of(2026, 11, 25));
            assertThat(s.breaks()).isEqualTo(5);
            assertThat(s.newBreaks()).isZero();
            assertThat(s.resolvedBreaks()).isEqualTo(1);
            assertThat(s.previousRun()).isEqualTo(first);
        });
        assertThat(reports.review(ReportKind.POSTINGS, next.getJobInstance().getId(), "bills followed up with AP",
                new Actor("anna", "test")).reviewedBy()).isEqualTo("anna");
    }

    private static int bill(String ref) {
        return (Integer) ODOO.searchRead("account.move", List.of(List.of("ref", "=", ref)), List.of("id")).get(0)
                .get("id");
    }
}
