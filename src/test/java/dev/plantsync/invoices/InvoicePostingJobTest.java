package dev.plantsync.invoices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.plantsync.approvals.ApprovalRequest;
import dev.plantsync.approvals.Approvals;
import dev.plantsync.approvals.Decision;
import dev.plantsync.odoo.sim.DemoCompany;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.odoo.sim.SimFaults;
import dev.plantsync.odoo.sim.SimUsers;
import dev.plantsync.platform.Actor;
import dev.plantsync.platform.RunSummary;
import dev.plantsync.sftp.EmbeddedSftpServer;
import dev.plantsync.support.PlantSyncTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The supplier invoice job end to end on real parts: partners' EDI files on the embedded SFTP server, real
 * PostgreSQL, the Odoo 19 simulator with the demo company. Bills exist once with the right lines; PO lines show
 * what was invoiced; lost answers and resent invoices never make a second bill.
 */
@PlantSyncTest
@SpringBatchTest
public class InvoicePostingJobTest {

    private static final Path TEMP;
    private static final OdooSimulator ODOO = OdooSimulator.start(19);
    private static final DemoCompany.Ids DEMO = DemoCompany.seed(ODOO);
    private static final EmbeddedSftpServer SFTP;
    private static final AtomicInteger RUN = new AtomicInteger();

    static {
        try {
            TEMP = Files.createTempDirectory("invoice-job");
            SFTP = EmbeddedSftpServer.start(Files.createDirectories(TEMP.resolve("sftp")));
            SFTP.writePartners(TEMP, "acme", "ACMEFAST", "ACME");
            Files.writeString(TEMP.resolve("odoo.key"), SimUsers.ADMIN_API_KEY);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("plantsync.odoo.url", () -> ODOO.url().toString());
        registry.add("plantsync.odoo.database", () -> OdooSimulator.DATABASE);
        registry.add("plantsync.odoo.login", () -> SimUsers.ADMIN_LOGIN);
        registry.add("plantsync.odoo.api-key-file", () -> TEMP.resolve("odoo.key").toString());
        registry.add("plantsync.odoo.retry-initial-backoff", () -> "PT0.01S");
        registry.add("plantsync.odoo.request-timeout", () -> "PT1S");
        registry.add("plantsync.invoices.settle-time", () -> "PT4S");
        registry.add("plantsync.sftp.partners-file", () -> TEMP.resolve("partners.yml").toString());
        registry.add("plantsync.sftp.data-dir", () -> TEMP.resolve("data").toString());
        registry.add("plantsync.sftp.stability-interval", () -> "PT0.1S");
        registry.add("plantsync.invoices.charge-products.ZZ99", () -> "PS-NO-SUCH-PRODUCT");
    }

    @AfterAll
    static void stop() {
        SFTP.close();
        ODOO.close();
    }

    @Autowired
    JobOperatorTestUtils batch;

    @Autowired
    @Qualifier("supplierInvoicePosting")
    Job job;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Approvals approvals;

    @Test
    void cleanInvoicesBecomeOnePostedBillEachWithPurchaseLinesInvoiced() throws Exception {
        drop("clean.edi", x12("000000101", List.of(invoice("ACME-T1-1", "PO-ACME-0001", line("PS-R001", "60", "0.25"),
                line("PS-R002", "50", "0.50")), invoice("ACME-T1-2", "PO-ACME-0001", line("PS-R004", "200", "1.00")))));

        JobExecution run = run();

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(run.getExitStatus().getExitDescription()).startsWith("invoices: posted 2 (");
        List<Map<String, Object>> bills = bills("ACME-T1-%");
        assertThat(bills).extracting(b -> b.get("ref") + " " + b.get("state") + " " + b.get("amount_total"))
                .containsExactly("ACME-T1-1 posted 40.0", "ACME-T1-2 posted 200.0");
        List<Map<String, Object>> lines = ODOO.searchRead("purchase.order.line",
                List.of(List.of("order_id", "=", DEMO.purchaseOrders().get(0))), List.of("qty_invoiced", "qty_to_invoice"));
        assertThat(lines).extracting(l -> l.get("qty_invoiced")).containsExactly(60.0, 50.0, 200.0);
        assertThat(lines).extracting(l -> l.get("qty_to_invoice")).containsOnly(0.0);
        assertThat(bills).extracting(b -> String.valueOf(((List<?>) b.get("currency_id")).get(1))).containsOnly("USD");
        assertThat(jdbc.sql("SELECT count(*) FROM odoo_write WHERE model = 'account.move' AND state = 'CONFIRMED'")
                .query(Integer.class).single()).isGreaterThanOrEqualTo(2);
        assertThat(Files.readString(outbound("997_000000101_"))).contains("AK9*A*2*2*2~");
        // Each bill carries its own invoice (issue 21 item 9), not the partner's whole file: its ST..SE in an
        // envelope of its own, as X12, named so finance recognises it.
        List<Map<String, Object>> attachments = ODOO.searchRead("ir.attachment", List.of(List.of("res_model", "=",
                "account.move"), List.of("res_id", "in", bills.stream().map(b -> b.get("id")).toList())),
                List.of("name", "res_id", "mimetype", "datas"));
        assertThat(attachments).extracting(a -> a.get("name") + " " + a.get("mimetype")).containsExactlyInAnyOrder(
                "acme-ACME-T1-1.edi application/edi-x12", "acme-ACME-T1-2.edi application/edi-x12");
        String own = new String(java.util.Base64.getDecoder().decode((String) attachments.stream()
                .filter(a -> a.get("name").equals("acme-ACME-T1-2.edi")).findFirst().orElseThrow().get("datas")),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(own).startsWith("ISA*").contains("BIG*20261123*ACME-T1-2**PO-ACME-0001~", "GE*1*101~",
                "IEA*1*000000101~").doesNotContain("ACME-T1-1");
        assertThat(Files.list(SFTP.home("acme").resolve("archive")).map(f -> f.getFileName().toString()))
                .anyMatch(n -> n.endsWith("_clean.edi"));
    }

    /**
     * Issue 21.6: a file the drop will let neither be claimed nor quarantined stays in inbound; the run still stages
     * the partner's other files and says what it left: a warning first in its summary, an exception record, and an
     * exit code that is not a clean COMPLETED (the CLI's 9).
     */
    @Test
    void aRunThatLeftAPartnerFileBehindSaysSo() throws Exception {
        drop("t98-stuck.edi", "ISA*refused by the server~");
        String po = purchaseOrder("PO-T98", "PS-R016", 100, 100, 1.0); // its own order: the demo's stay as they are
        drop("t98-fine.edi", x12("000000198", List.of(invoice("ACME-T98-1", po, line("PS-R016", "1", "1.0")))));
        SFTP.refuseRenames("t98-stuck.edi", "*");
        try {
            JobExecution run = run();

            assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(run.getExitStatus().getExitCode()).isEqualTo(RunSummary.FILES_LEFT);
            assertThat(run.getExitStatus().getExitDescription())
                    .startsWith("WARNING: 1 partner file(s) left behind in the drop (exceptions FILE_LEFT_BEHIND); invoices: ");
            assertThat(jdbc.sql("SELECT message FROM exception_record WHERE job_execution_id = :e AND reason_code = "
                    + "'FILE_LEFT_BEHIND'").param("e", run.getId()).query(String.class).list()).singleElement()
                    .asString().startsWith("t98-stuck.edi stays in the drop of partner acme: cannot be claimed");
            assertThat(jdbc.sql("SELECT state FROM inbound_file WHERE name = 't98-fine.edi'").query(String.class)
                    .single()).as("the partner's other file went on").isEqualTo("PROCESSED");
            assertThat(SFTP.home("acme").resolve("inbound/t98-stuck.edi")).exists();
        } finally {
            SFTP.allowRenames();
            Files.deleteIfExists(SFTP.home("acme").resolve("inbound/t98-stuck.edi"));
        }
    }

    @Test
    void duplicatesInTheSameFileAndAgainstOdooAreRejected() throws Exception {
        String po = purchaseOrder("PO-T8", "PS-R016", 100, 100, 1.0);
        ODOO.create("account.move", Map.of("move_type", "in_invoice", "partner_id", DEMO.acme(), "ref", "ACME-T8-MANUAL",
                "invoice_line_ids", List.of(List.of(0, 0, Map.of("name", "keyed in by hand", "quantity", 1.0,
                        "price_unit", 1.0)))));
        drop("dups.edi", x12("000000109", List.of(invoice("ACME-T8-1", po, line("PS-R016", "1", "1.0")),
                invoice("ACME-T8-1", po, line("PS-R016", "1", "1.0")),
                invoice("ACME-T8-MANUAL", po, line("PS-R016", "1", "1.0")))));

        run();

        assertThat(jdbc.sql("SELECT invoice_number || ' ' || outcome || ' ' || coalesce(split_part(reasons, ':', 1), '')"
                + " FROM invoice_staging WHERE invoice_number LIKE 'ACME-T8-%' ORDER BY id").query(String.class).list())
                .containsExactly("ACME-T8-1 POSTED ", "ACME-T8-1 REJECTED DUPLICATE",
                        "ACME-T8-MANUAL REJECTED DUPLICATE");
        assertThat(bills("ACME-T8-%")).extracting(b -> b.get("ref")).containsExactly("ACME-T8-1", "ACME-T8-MANUAL");
    }

    @Test
    void createTimingOutIsVerifiedNotRepeated() throws Exception {
        String po = purchaseOrder("PO-T9", "PS-R017", 100, 100, 1.0);
        drop("slow.edi", x12("000000110", List.of(invoice("ACME-T9-1", po, line("PS-R017", "3", "1.0")))));
        // Odoo takes longer than the client waits (request timeout lowered for this test), then commits anyway.
        ODOO.faults().inject("account.move", "create", SimFaults.Kind.TIMEOUT, 1, java.time.Duration.ofSeconds(3));

        JobExecution first = run();

        assertThat(first.getStatus()).as("no answer, no bill visible yet: the run stops rather than create again")
                .isEqualTo(BatchStatus.FAILED);
        assertThat(first.getExitStatus().getExitDescription()).contains("not created twice");
        JobExecution tooEarly = batch.getJobOperator().restart(first);
        assertThat(tooEarly.getStatus()).as("restarted within the settle time: still waits").isEqualTo(BatchStatus.FAILED);
        Thread.sleep(4200); // the slow create has committed, and the settle time is over

        JobExecution restarted = batch.getJobOperator().restart(tooEarly);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(bills("ACME-T9-%")).hasSize(1);
    }

    @Test
    void rejectedInvoiceIsReplayedOnceItsCauseIsFixed() throws Exception {
        drop("early.edi", x12("000000111", List.of(invoice("ACME-T10-1", "PO-T10", line("PS-R018", "2", "1.0")))));
        run();
        assertThat(jdbc.sql("SELECT reasons FROM invoice_staging WHERE invoice_number = 'ACME-T10-1'")
                .query(String.class).single()).startsWith("PO_NOT_FOUND: purchase order PO-T10");
        purchaseOrder("PO-T10", "PS-R018", 10, 10, 1.0); // the buyer enters the missing PO
        long rejected = jdbc.sql("SELECT id FROM invoice_staging WHERE invoice_number = 'ACME-T10-1'")
                .query(Long.class).single();

        JobExecution replay = batch.startJob(new JobParametersBuilder()
                .addLocalDate("businessDate", LocalDate.of(2026, 11, 23)).addString("run", "replay-t10")
                .addString("replay", String.valueOf(rejected)).toJobParameters());

        assertThat(replay.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(bills("ACME-T10-%")).extracting(b -> b.get("ref")).containsExactly("ACME-T10-1");
        assertThat(jdbc.sql("SELECT outcome FROM invoice_staging WHERE invoice_number = 'ACME-T10-1' ORDER BY id")
                .query(String.class).list()).containsExactly("REJECTED", "POSTED");
    }

    @Test
    void odoosBillControlOnOrderedQuantitiesIsFollowed() throws Exception {
        ODOO.write("product.product", DEMO.product("PS-R019"), Map.of("purchase_method", "purchase"));
        String po = purchaseOrder("PO-T11", "PS-R019", 10, 0, 1.0); // nothing received yet, billed on order

        drop("ordered.edi", x12("000000112", List.of(invoice("ACME-T11-1", po, line("PS-R019", "10", "1.0")))));
        run();

        assertThat(bills("ACME-T11-%")).extracting(b -> b.get("ref")).containsExactly("ACME-T11-1");
    }

    @Test
    void freightIsBilledWithTheConfiguredProduct() throws Exception {
        String po = purchaseOrder("PO-T12", "PS-R020", 10, 10, 1.0);
        String file = x12("000000113", List.of(invoice("ACME-T12-1", po, line("PS-R020", "10", "1.0"))))
                .replace("TDS*1000~\n", "TDS*2250~\nSAC*C*D240***1250**********Freight~\n")
                .replace("SE*6*0001", "SE*7*0001");
        drop("freight.edi", file);

        run();

        Map<String, Object> bill = bills("ACME-T12-%").get(0);
        assertThat(bill.get("amount_total")).isEqualTo(22.5);
        assertThat(ODOO.searchRead("account.move.line", List.of(List.of("move_id", "=", bill.get("id"))),
                List.of("product_id", "price_unit")))
                .extracting(l -> ((List<?>) l.get("product_id")).get(1) + " " + l.get("price_unit"))
                .containsExactlyInAnyOrder("[PS-R020] Raw material 20 1.0", "[PS-FREIGHT] Inbound freight 12.5");
    }

    @Test
    void invoiceUnitsAreConvertedToThePurchaseLineUnit() throws Exception {
        String po = purchaseOrder("PO-T13", "PS-R021", 48, 48, 2.0); // ordered in Units
        String file = x12("000000114", List.of(invoice("ACME-T13-1", po, line("PS-R021", "2", "24.0")),
                invoice("ACME-T13-2", po, line("PS-R021", "1", "2.0")))).replace("IT1*1*2*EA*24.0", "IT1*1*2*DZN*24.0")
                .replace("IT1*1*1*EA*2.0", "IT1*1*1*BOX*2.0");
        drop("dozens.edi", file);

        run();

        Map<String, Object> bill = bills("ACME-T13-1").get(0);
        assertThat(ODOO.searchRead("account.move.line", List.of(List.of("move_id", "=", bill.get("id"))),
                List.of("quantity", "price_unit"))).extracting(l -> l.get("quantity") + " x " + l.get("price_unit"))
                .containsExactly("24.0 x 2.0");
        assertThat(jdbc.sql("SELECT reasons FROM invoice_staging WHERE invoice_number = 'ACME-T13-2'")
                .query(String.class).single()).isEqualTo("UOM_UNKNOWN: line 1 is in 'BOX', which cannot be converted "
                        + "to the PO line's unit 'Units'");
    }

    @Test
    void billLinesCarryThePurchaseLineTaxes() throws Exception {
        int product = DEMO.product("PS-R015");
        ODOO.create("purchase.order", Map.of("partner_id", DEMO.acme(), "name", "PO-T7", "state", "purchase",
                "order_line", List.of(List.of(0, 0, Map.of("product_id", product, "product_qty", 10.0,
                        "qty_received", 10.0, "price_unit", 2.0, "product_uom_id", 1,
                        "tax_ids", List.of(List.of(6, 0, List.of(2))))))));
        drop("taxed.edi", x12("000000108", List.of(invoice("ACME-T7-1", "PO-T7", line("PS-R015", "10", "2.0"))))
                .replace("TDS*2000~\n", "TDS*2300~\nTXI*ST*3~\n").replace("SE*6*0001", "SE*7*0001"));

        run();

        assertThat(bills("ACME-T7-%")).extracting(b -> b.get("state") + " " + b.get("amount_total"))
                .containsExactly("posted 23.0");
    }

    /**
     * Like partner invoice GF-104418: 6% sales tax, a freight charge and an allowance (X12 810 004010 as the standard
     * has it: TDS, summary TXI with amount and percent, SAC loop with SAC05 amounts, CTT). The charge and the
     * allowance are taxed at the invoice's 6% like the goods, so Odoo's bill is the invoice to the cent, posted once.
     */
    @Test
    void invoiceWithTaxChargeAndAllowanceBecomesABillOfExactlyTheInvoicesTotal() throws Exception {
        int tax = sixPercent();
        purchaseOrderTaxed("PO-GF-T1", tax);
        drop("gf-104418.edi", gf104418("000000801", "ACME-GF-1", "PO-GF-T1", "161181", "91.23"));

        JobExecution run = run();

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<Map<String, Object>> bills = ODOO.searchRead("account.move", List.of(List.of("ref", "=", "ACME-GF-1")),
                List.of("state", "amount_untaxed", "amount_tax", "amount_total"));
        assertThat(bills).extracting(b -> b.get("state") + " " + b.get("amount_untaxed") + " + " + b.get("amount_tax")
                + " = " + b.get("amount_total")).containsExactly("posted 1520.58 + 91.23 = 1611.81");
        assertThat(ODOO.searchRead("account.move.line", List.of(List.of("move_id", "=", bills.get(0).get("id")),
                List.of("purchase_line_id", "=", false)), List.of("name", "price_unit", "tax_ids")))
                .extracting(l -> l.get("name") + " " + l.get("price_unit") + " " + l.get("tax_ids"))
                .containsExactlyInAnyOrder("Freight 47.5 [" + tax + "]", "Discount -18.33 [" + tax + "]");
        assertThat(ODOO.searchRead("account.move.line", List.of(List.of("move_id", "=", bills.get(0).get("id")),
                List.of("name", "=", "Discount")), List.of("product_id")))
                .as("the allowance C310 billed with its mapped product (jobs/supplier-invoices.yml)")
                .extracting(l -> String.valueOf(((List<?>) l.get("product_id")).get(1)))
                .containsExactly("[PS-DISCOUNT] Supplier discount");
        assertThat(jdbc.sql("SELECT outcome FROM invoice_staging WHERE invoice_number = 'ACME-GF-1'")
                .query(String.class).single()).isEqualTo("POSTED");
    }

    /**
     * The invoice states a tax Odoo does not compute (93.00 where 6% of the bill is 91.23): the bill is created but
     * not posted; the invoice waits for an approver with both sets of figures; the approval posts that same bill.
     */
    @Test
    void billWhoseTotalsAreNotTheInvoicesStaysDraftUntilAnApproverLetsItThrough() throws Exception {
        purchaseOrderTaxed("PO-GF-T2", sixPercent());
        drop("gf-mismatch.edi", gf104418("000000802", "ACME-GF-2", "PO-GF-T2", "161358", "93.00"));

        JobExecution stopped = run();

        assertThat(stopped.getExitStatus().getExitCode()).isEqualTo("AWAITING_APPROVAL");
        assertThat(bills("ACME-GF-2")).extracting(b -> b.get("state") + " " + b.get("amount_total"))
                .containsExactly("draft 1611.81");
        int bill = (Integer) bills("ACME-GF-2").get(0).get("id");
        assertThat(jdbc.sql("SELECT outcome || ' ' || reasons || ' ' || odoo_move_id FROM invoice_staging "
                + "WHERE invoice_number = 'ACME-GF-2'").query(String.class).single()).isEqualTo("EXCEPTION "
                        + "TOTAL_MISMATCH: bill " + bill + " in Odoo has untaxed 1520.58, tax 91.23, total 1611.81; the "
                        + "invoice states untaxed 1520.58, tax 93.00, total 1613.58 (tolerance 0.01); the bill is left "
                        + "in draft " + bill);
        List<ApprovalRequest> pending = approvals.pending().stream()
                .filter(r -> r.jobInstanceId() == stopped.getJobInstance().getId()).toList();
        assertThat(pending).extracting(r -> r.reasonCode() + " " + r.impactAmount())
                .containsExactly("TOTAL_MISMATCH -1.7700");

        approvals.decide(pending.get(0).id(), Decision.approve("supplier's tax rounding, credit note asked"),
                new Actor("anna", "test"));

        assertThat(bills("ACME-GF-2")).as("the same bill, posted, none created beside it")
                .extracting(b -> b.get("id") + " " + b.get("state") + " " + b.get("amount_total"))
                .containsExactly(bill + " posted 1611.81");
        assertThat(jdbc.sql("SELECT outcome FROM invoice_staging WHERE invoice_number = 'ACME-GF-2'")
                .query(String.class).single()).isEqualTo("POSTED");
        assertThat(jdbc.sql("SELECT state FROM odoo_write WHERE model = 'account.move' AND business_key = ?")
                .param(DEMO.acme() + "|ACME-GF-2").query(String.class).single()).isEqualTo("CONFIRMED");
    }

    @Test
    void invoicesOfOneRunCannotTogetherBillMoreThanWasReceived() throws Exception {
        String po = purchaseOrder("PO-T6", "PS-R014", 50, 40, 2.0);
        drop("together.edi", x12("000000107", List.of(invoice("ACME-T6-1", po, line("PS-R014", "30", "2.0")),
                invoice("ACME-T6-2", po, line("PS-R014", "15", "2.0")))));

        run();

        assertThat(jdbc.sql("SELECT invoice_number || ' ' || outcome FROM invoice_staging WHERE invoice_number LIKE "
                + "'ACME-T6-%' ORDER BY invoice_number").query(String.class).list())
                .containsExactly("ACME-T6-1 POSTED", "ACME-T6-2 EXCEPTION");
        assertThat(jdbc.sql("SELECT reasons FROM invoice_staging WHERE invoice_number = 'ACME-T6-2'")
                .query(String.class).single()).isEqualTo("QTY_OVER_RECEIPT: line 1 bills 15, open to bill 10 (over by 5)");
    }

    @Test
    void lostAnswerOnCreateNeverMakesASecondBill() throws Exception {
        String po = purchaseOrder("PO-T2", "PS-R010", 100, 100, 2.5);
        drop("lost.edi", x12("000000102", List.of(invoice("ACME-T2-1", po, line("PS-R010", "40", "2.5")),
                invoice("ACME-T2-2", po, line("PS-R010", "60", "2.5")))));
        ODOO.faults().inject("account.move", "create", SimFaults.Kind.COMMIT_THEN_FAIL, 1);
        int faultsBefore = ODOO.faults().fired();
        int createsBefore = ODOO.calls("account.move", "create");

        JobExecution run = run();

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(ODOO.faults().fired() - faultsBefore).as("the create's answer was lost").isEqualTo(1);
        assertThat(ODOO.calls("account.move", "create") - createsBefore).as("not created again").isEqualTo(1);
        assertThat(bills("ACME-T2-%")).extracting(b -> b.get("ref")).containsExactly("ACME-T2-1", "ACME-T2-2");
    }

    @Test
    void invoiceSentAgainIsRejectedAsDuplicateAndNotBilledTwice() throws Exception {
        String po = purchaseOrder("PO-T3", "PS-R011", 10, 10, 3.0);
        drop("first.edi", x12("000000103", List.of(invoice("ACME-T3-1", po, line("PS-R011", "5", "3.0")))));
        run();
        drop("again.edi", x12("000000104", List.of(invoice("ACME-T3-1", po, line("PS-R011", "5", "3.0")))));

        JobExecution second = run();

        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(bills("ACME-T3-%")).hasSize(1);
        assertThat(jdbc.sql("SELECT outcome || ': ' || reasons FROM invoice_staging WHERE invoice_number = 'ACME-T3-1' "
                + "AND outcome = 'REJECTED'").query(String.class).single()).startsWith("REJECTED: DUPLICATE");
    }

    @Test
    void twoFilesCarryingTheSameInterchangeNumberGetAnAcknowledgementEach() throws Exception {
        // Issue 21 item 7: the second 997 replaced the first in the partner's outbound directory.
        String po = purchaseOrder("PO-T31", "PS-R016", 10, 10, 1.0);
        drop("same-number-1.edi", x12("000000131", List.of(invoice("ACME-T31-1", po, line("PS-R016", "1", "1.0")))));
        run();
        drop("same-number-2.edi", x12("000000131", List.of(invoice("ACME-T31-2", po, line("PS-R016", "1", "1.0")))));

        run();

        try (java.util.stream.Stream<Path> files = Files.list(SFTP.home("acme").resolve("outbound"))) {
            List<Path> acks = files.filter(f -> f.getFileName().toString().startsWith("997_000000131_")).toList();
            assertThat(acks).hasSize(2);
            assertThat(acks).allSatisfy(a -> assertThat(Files.readString(a)).contains("TA1*000000131*"));
        }
        assertThat(jdbc.sql("SELECT count(DISTINCT acknowledgements) FROM inbound_file WHERE name LIKE 'same-number-%'")
                .query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void interchangeWhoseTrailerDisagreesStagesNothingIsAnsweredByATa1AndQuarantined() throws Exception {
        // IEA02 000000121 is not ISA13 000000120: X12 rejects the whole interchange, however sound its invoices.
        drop("iea-mismatch.edi", x12("000000120", List.of(invoice("ACME-T20-1", "PO-ACME-0001", line("PS-R001", "4",
                "0.25")), invoice("ACME-T20-2", "PO-ACME-0001", line("PS-R002", "2", "0.50"))))
                .replace("IEA*1*000000120~", "IEA*1*000000121~"));

        JobExecution run = run();

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(bills("ACME-T20-%")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM invoice_staging WHERE invoice_number LIKE 'ACME-T20-%'")
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT state || ': ' || state_reason FROM inbound_file WHERE name = 'iea-mismatch.edi'")
                .query(String.class).single()).isEqualTo("QUARANTINED: interchange 000000120 rejected (TA1 R 001): "
                        + "IEA02 '000000121' does not match ISA13 '000000120' (segment 1) - 2 invoice(s) read from it "
                        + "were not staged");
        assertThat(jdbc.sql("SELECT count(*) FROM exception_record WHERE reason_code = 'ENVELOPE_REJECTED' "
                + "AND message LIKE 'interchange 000000120 rejected (TA1 R 001)%'").query(Integer.class).single())
                .isEqualTo(1);
        Path ta1 = outbound("TA1_000000120_");
        assertThat(Files.readString(ta1)).contains("TA1*000000120*261123*1200*R*001~").doesNotContain("AK9");
        assertThat(Files.list(SFTP.home("acme").resolve("error")).map(f -> f.getFileName().toString()))
                .anyMatch(n -> n.endsWith("_iea-mismatch.edi"));
    }

    @Test
    void groupWhoseTrailerDisagreesIsWithdrawnWhileTheOtherGroupIsStaged() throws Exception {
        String po = purchaseOrder("PO-T22", "PS-R016", 10, 10, 1.0);
        String first = x12("000000124", List.of(invoice("ACME-T22-1", po, line("PS-R016", "4", "1.0"))));
        String second = x12("000000125", List.of(invoice("ACME-T22-2", po, line("PS-R016", "2", "1.0"))));
        // Two groups in one interchange: 124 is sound, 125's GE02 says 126 (X12: the group is rejected, AK9 R 4).
        String group2 = second.substring(second.indexOf("GS*"), second.indexOf("IEA*")).replace("GE*1*125~", "GE*1*126~");
        drop("ge-mismatch.edi", first.substring(0, first.indexOf("IEA*")) + group2 + "IEA*2*000000124~\n");

        JobExecution run = run();

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(bills("ACME-T22-%")).extracting(b -> b.get("ref") + " " + b.get("amount_total"))
                .containsExactly("ACME-T22-1 4.0");
        assertThat(jdbc.sql("SELECT invoice_number FROM invoice_staging WHERE invoice_number LIKE 'ACME-T22-%'")
                .query(String.class).list()).containsExactly("ACME-T22-1");
        assertThat(jdbc.sql("SELECT state || ': ' || state_reason FROM inbound_file WHERE name = 'ge-mismatch.edi'")
                .query(String.class).single()).isEqualTo("QUARANTINED: group 125 rejected (997 AK9 R 4): GE02 '126' "
                        + "does not match GS06 '125' (segment 10) - 1 invoice(s) read from it were not staged");
        assertThat(Files.readString(outbound("997_000000124_")))
                .contains("TA1*000000124*261123*1200*A*000~", "AK9*A*1*1*1~", "AK9*R*1*1*0*4~");
    }

    @Test
    void elementLongerThanTheReaderTakesQuarantinesTheFileWithItsLocationAndStagesNothing() throws Exception {
        String po = "PO-ACME-0001";
        String file = x12("000000122", List.of(invoice("ACME-T21-1", po, line("PS-R001", "4", "0.25")),
                invoice("ACME-T21-2", po, line("PS-R002", "2", "0.50"))));
        drop("long-ref.edi", file.replace("BIG*20261123*ACME-T21-2**" + po + "~\n", "BIG*20261123*ACME-T21-2**" + po
                + "~\nREF*ZZ*" + "Deliver to gate 4, ask for the shift lead. ".repeat(120) + "~\n"));

        JobExecution run = run();

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(bills("ACME-T21-%")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM invoice_staging WHERE invoice_number LIKE 'ACME-T21-%'")
                .query(Integer.class).single()).as("the first invoice was read, then withdrawn with its interchange")
                .isZero();
        assertThat(jdbc.sql("SELECT state || ': ' || state_reason FROM inbound_file WHERE name = 'long-ref.edi'")
                .query(String.class).single()).startsWith("QUARANTINED: interchange 000000122 rejected (TA1 R 024): "
                        + "element longer than 4096 characters, the limit of the EDI reader");
        assertThat(jdbc.sql("SELECT location || ': ' || message FROM exception_record WHERE reason_code = 'TOO_LONG'")
                .query(String.class).list()).contains("long-ref.edi, interchange 000000122, segment 11 (REF), element 2: "
                        + "element longer than 4096 characters, the limit of the EDI reader; the rest of the file was "
                        + "not read");
    }

    @Test
    void exceptionsWaitForAnApproverWhoseDecisionsResumeTheSameRun() throws Exception {
        String po = purchaseOrder("PO-T4", "PS-R012", 10, 4, 3.0);
        drop("exceptions.edi", x12("000000105", List.of(
                invoice("ACME-T4-1", po, line("PS-R012", "4", "3.50")),
                invoice("ACME-T4-2", po, line("PS-R012", "9", "3.00")),
                invoice("ACME-T4-3", po, line("PS-X999", "1", "3.00"), line("PS-R012", "1", "3.0")))));

        JobExecution stopped = run();

        assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(stopped.getExitStatus().getExitCode()).isEqualTo("AWAITING_APPROVAL");
        assertThat(jdbc.sql("SELECT invoice_number || ' ' || outcome || ' ' || reasons FROM invoice_staging "
                + "WHERE invoice_number LIKE 'ACME-T4-%' ORDER BY invoice_number").query(String.class).list())
                .containsExactly(
                        "ACME-T4-1 EXCEPTION PRICE_VARIANCE: line 1 price 3.5 vs PO 3, impact 2.00",
                        "ACME-T4-2 EXCEPTION QTY_OVER_RECEIPT: line 1 bills 9, open to bill 4 (over by 5)",
                        "ACME-T4-3 EXCEPTION UNKNOWN_ITEM: line 1 (PS-X999) matches no line of [" + po + "]");
        assertThat(bills("ACME-T4-%")).isEmpty();
        List<ApprovalRequest> pending = approvals.pending().stream()
                .filter(r -> r.jobInstanceId() == stopped.getJobInstance().getId()).toList();
        assertThat(pending).extracting(r -> r.subject() + " | " + r.reasonCode() + " | " + r.impactAmount()
                + " | " + r.impactQuantity()).containsExactly(
                        "acme invoice ACME-T4-1 (" + po + ") | PRICE_VARIANCE | 2.0000 | 0.000000",
                        "acme invoice ACME-T4-2 (" + po + ") | QTY_OVER_RECEIPT | 15.0000 | 5.000000",
                        "acme invoice ACME-T4-3 (" + po + ") | UNKNOWN_ITEM | 3.0000 | 0.000000");
        Actor anna = new Actor("anna", "test");

        approvals.decide(pending.get(0).id(), Decision.approve("agreed price rise"), anna);
        approvals.decide(pending.get(1).id(), Decision.correct(null, new BigDecimal("4"), "only 4 received"), anna);
        assertThat(bills("ACME-T4-%")).as("nothing posted while a decision is pending").isEmpty();
        approvals.decide(pending.get(2).id(), Decision.reject("not our item"), anna);

        Long resumed = jdbc.sql("SELECT max(job_execution_id) FROM batch_job_execution WHERE job_instance_id = ?")
                .param(stopped.getJobInstance().getId()).query(Long.class).single();
        assertThat(resumed).isGreaterThan(stopped.getId());
        assertThat(jdbc.sql("SELECT status FROM batch_job_execution WHERE job_execution_id = ?").param(resumed)
                .query(String.class).single()).isEqualTo("COMPLETED");
        assertThat(bills("ACME-T4-%")).extracting(b -> b.get("ref") + " " + b.get("amount_total"))
                .containsExactly("ACME-T4-1 14.0", "ACME-T4-2 12.0");
        assertThat(jdbc.sql("SELECT outcome || ': ' || reasons FROM invoice_staging WHERE invoice_number = 'ACME-T4-3'")
                .query(String.class).single()).isEqualTo("REJECTED: REJECTED_BY_APPROVER: anna: not our item");
        assertThat(jdbc.sql("SELECT count(*) FROM exception_record WHERE reason_code = 'REJECTED_BY_APPROVER'")
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("""
                SELECT file_name || ' ' || length(file_sha256) || ' ' || message_control || ' ' || segment || ' '
                       || approval || ' ' || approver || ' ' || odoo_write_state || ' ' || (odoo_move_id IS NOT NULL)
                  FROM invoice_trace WHERE invoice_number = 'ACME-T4-2' AND outcome = 'POSTED'""")
                .query(String.class).single()).isEqualTo("exceptions.edi 64 0002 9 APPROVED_WITH_CORRECTION anna CONFIRMED true");
    }

    @Test
    void jobFailingBetweenChunksIsRestartedWithEveryBillOnceAndNoneMissing() throws Exception {
        String po = purchaseOrder("PO-T5", "PS-R013", 1000, 1000, 1.0);
        List<Inv> many = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            many.add(invoice("ACME-T5-" + i, po, line("PS-R013", "1", "1.0")));
        }
        drop("many.edi", x12("000000106", many));
        // Chunks of 50. Lookups: 1 by the match step, then per chunk one before and one after the create. Odoo goes
        // away right after the first chunk's bills were created, before PlantSync could commit that chunk.
        ODOO.faults().injectAfter("account.move", "search_read", 2, SimFaults.Kind.HTTP_503, 1000);
        JobExecution failed = run();

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(bills("ACME-T5-%")).as("in Odoo, not yet recorded by PlantSync").hasSize(50);
        assertThat(jdbc.sql("SELECT count(*) FROM invoice_staging WHERE invoice_number LIKE 'ACME-T5-%' "
                + "AND outcome = 'POSTED'").query(Integer.class).single()).isZero();
        ODOO.faults().clear();

        JobExecution restarted = batch.getJobOperator().restart(failed);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstance().getId()).isEqualTo(failed.getJobInstance().getId());
        List<Map<String, Object>> bills = bills("ACME-T5-%");
        assertThat(bills).hasSize(120);
        assertThat(jdbc.sql("SELECT count(*) FROM invoice_staging WHERE invoice_number LIKE 'ACME-T5-%' "
                + "AND outcome = 'POSTED'").query(Integer.class).single()).isEqualTo(120);
        assertThat(bills.stream().map(b -> b.get("ref")).distinct().count()).isEqualTo(120);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /**
     * Issue 21.8: a CSV invoice over two purchase orders, as an ERP exports it (po_number per row, no invoice_total):
     * every line is matched in its own PO and billed; the run summary counts what the invoice holds.
     */
    @Test
    void csvInvoiceOverTwoPurchaseOrdersIsBilledWholeAndCountedAtWhatItHolds() throws Exception {
        String first = purchaseOrder("PO-T30A", "PS-R017", 10, 10, 1.5);
        String second = purchaseOrder("PO-T30B", "PS-R018", 4, 4, 2.25);
        drop("acme-export-2pos.edi", """
                vendor_id,invoice_number,invoice_date,currency,po_number,record_type,line_number,buyer_item,description,quantity,uom,unit_price,amount,po_line
                ACMEFAST,ACME-T30-1,2026-11-23,USD,%s,LINE,1,PS-R017,Raw material 17,10,EA,1.50,15.00,1
                ACMEFAST,ACME-T30-1,2026-11-23,USD,%s,LINE,2,PS-R018,Raw material 18,4,C62,2.25,9.00,1
                """.formatted(first, second));

        JobExecution run = run();

        assertThat(jdbc.sql("SELECT coalesce(reasons, '') FROM invoice_staging WHERE invoice_number = 'ACME-T30-1'")
                .query(String.class).single()).isEmpty();
        assertThat(bills("ACME-T30-1")).extracting(b -> b.get("state") + " " + b.get("amount_total"))
                .containsExactly("posted 24.0");
        assertThat(run.getExitStatus().getExitDescription()).contains("invoices: posted 1 (24.0000)");
    }

    /** Issue 21.8: the run summary's rejected amount is what the rejected invoices hold, with or without a total. */
    @Test
    void runSummaryCountsRejectedInvoicesAtWhatTheyHold() throws Exception {
        drop("rejected-x12.edi", x12("000000131", List.of(invoice("ACME-T31-1", "PO-T31-MISSING",
                line("PS-R017", "100", "15.794")))));
        drop("rejected-csv.edi", """
                vendor_id,invoice_number,invoice_date,po_number,buyer_item,quantity,unit_price,tax_amount
                ACMEFAST,ACME-T31-2,2026-11-23,PO-T31-MISSING,PS-R017,1000,1.50,79.00
                """);

        JobExecution run = run();

        // 1579.40 (TDS) + 1500.00 + 79.00 tax
        assertThat(run.getExitStatus().getExitDescription()).contains("invoices: rejected 2 (3158.4000)");
    }

    /** Issue 21.8: a charge code nobody mapped (X12 SAC G830, freight) is not billed without a product. */
    @Test
    void unmappedChargeIsAnExceptionWithItsCodeAndAmountNotABillLine() throws Exception {
        String po = purchaseOrder("PO-T32", "PS-R019", 10, 10, 1.0);
        String file = x12("000000132", List.of(invoice("ACME-T32-1", po, line("PS-R019", "10", "1.0"))))
                .replace("TDS*1000~\n", "TDS*2250~\nSAC*C*G830***1250**********Freight~\n")
                .replace("SE*6*0001", "SE*7*0001");
        drop("g830.edi", file);

        run();

        assertThat(jdbc.sql("SELECT outcome || ' ' || reasons FROM invoice_staging WHERE invoice_number = 'ACME-T32-1'")
                .query(String.class).single()).isEqualTo("EXCEPTION UNKNOWN_CHARGE: charge G830 (Freight) of 12.5 "
                        + "has no Odoo product in plantsync.invoices.charge-products");
        assertThat(bills("ACME-T32-1")).isEmpty();
    }

    /**
     * Issue 21: an allowance code nobody mapped (X12 SAC*A F970, a rebate) lowered the bill on a line of no product;
     * like an unmapped charge it now waits for an approver with its code and amount, and nothing is billed.
     */
    @Test
    void unmappedAllowanceIsAnExceptionWithItsCodeAndAmountNotABillLine() throws Exception {
        String po = purchaseOrder("PO-T37", "PS-R023", 10, 10, 1.0);
        String file = x12("000000137", List.of(invoice("ACME-T37-1", po, line("PS-R023", "10", "1.0"))))
                .replace("TDS*1000~\n", "TDS*750~\nSAC*A*F970***250**********Rebate~\n")
                .replace("SE*6*0001", "SE*7*0001");
        drop("f970.edi", file);

        run();

        assertThat(jdbc.sql("SELECT outcome || ' ' || reasons || ' ' || round(impact_amount, 2) FROM invoice_staging "
                + "WHERE invoice_number = 'ACME-T37-1'").query(String.class).single()).isEqualTo("EXCEPTION "
                        + "UNKNOWN_ALLOWANCE: allowance F970 (Rebate) of -2.5 has no Odoo product in "
                        + "plantsync.invoices.charge-products 2.50");
        assertThat(bills("ACME-T37-1")).isEmpty();
    }

    /**
     * Issue 21: a credit memo (X12 810, BIG07 CR) is money owed back; read as an invoice it became a positive bill.
     * Until refunds are posted it is an exception with its place, nothing is staged or written to Odoo, and the 997
     * accepts the (valid) transaction set.
     */
    @Test
    void creditMemoIsAnExceptionWithItsPlaceAndNeverAPositiveBill() throws Exception {
        String po = purchaseOrder("PO-T36", "PS-R022", 10, 10, 1.0);
        drop("credit-memo.edi", x12("000000136", List.of(invoice("ACME-T36-1", po, line("PS-R022", "4", "1.0"))))
                .replace("BIG*20261123*ACME-T36-1**" + po + "~", "BIG*20261123*ACME-T36-1**" + po + "***CR~"));

        run();

        assertThat(ODOO.searchRead("account.move", List.of(List.of("ref", "=", "ACME-T36-1")), List.of("id")))
                .as("no bill, no refund").isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM invoice_staging WHERE invoice_number = 'ACME-T36-1'")
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT location || ': ' || message FROM exception_record WHERE reason_code = "
                + "'DOCUMENT_TYPE'").query(String.class).list()).containsExactly("credit-memo.edi, interchange "
                        + "000000136, message 0001, segment 4 (BIG), element 7: credit notes are not supported yet: "
                        + "BIG07 CR (credit memo) would post as a positive bill; enter the refund in Odoo by hand");
        assertThat(Files.readString(outbound("997_000000136_"))).contains("AK5*A");
    }

    /** A charge mapped to a product Odoo does not have is not billed without one either. */
    @Test
    void chargeMappedToAProductOdooLacksIsAnException() throws Exception {
        String po = purchaseOrder("PO-T34", "PS-R022", 10, 10, 1.0);
        drop("zz99.edi", x12("000000134", List.of(invoice("ACME-T34-1", po, line("PS-R022", "10", "1.0"))))
                .replace("TDS*1000~\n", "TDS*1500~\nSAC*C*ZZ99***500**********Handling~\n")
                .replace("SE*6*0001", "SE*7*0001"));

        run();

        assertThat(jdbc.sql("SELECT reasons FROM invoice_staging WHERE invoice_number = 'ACME-T34-1'")
                .query(String.class).single()).isEqualTo("UNKNOWN_CHARGE: charge ZZ99 (Handling) of 5 is mapped to "
                        + "PS-NO-SUCH-PRODUCT, which is no product in Odoo");
    }

    /**
     * Issue 21.5: a CSV export in Windows-1252 (an "ä" as the single byte E4) on its second invoice: reading stops
     * there with the place and the bytes, and the first invoice, read before, is not staged either (a file that
     * cannot be read fully is not read partly); the file is quarantined.
     */
    @Test
    void csvWithBytesThatAreNotUtf8StagesNothingAndIsQuarantinedWithThePlace() throws Exception {
        java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
        content.writeBytes("""
                vendor_id,invoice_number,invoice_date,po_number,buyer_item,description,quantity,unit_price
                ACMEFAST,ACME-T33-1,2026-11-23,PO-ACME-0001,PS-R001,Beam,4,0.25
                ACMEFAST,ACME-T33-2,2026-11-23,PO-ACME-0001,PS-R002,Tr""".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        content.write(0xE4);
        content.writeBytes("ger,2,0.50\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Files.write(SFTP.home("acme").resolve("inbound").resolve("latin1.edi"), content.toByteArray());

        run();

        assertThat(jdbc.sql("SELECT count(*) FROM invoice_staging WHERE invoice_number LIKE 'ACME-T33-%'")
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT state || ': ' || state_reason FROM inbound_file WHERE name = 'latin1.edi'")
                .query(String.class).single()).startsWith("QUARANTINED: latin1.edi, line 3, column 6: bytes E4 67 at "
                        + "character 55 of line 3 are not UTF-8");
        assertThat(bills("ACME-T33-%")).isEmpty();
    }

    private JobExecution run() throws Exception {
        batch.setJob(job);
        return batch.startJob(new JobParametersBuilder().addLocalDate("businessDate", LocalDate.of(2026, 11, 23))
                .addString("run", "t" + RUN.incrementAndGet()).toJobParameters());
    }

    private static List<Map<String, Object>> bills(String refPattern) {
        return ODOO.searchRead("account.move", List.of(List.of("move_type", "=", "in_invoice"),
                List.of("ref", "=like", refPattern)), List.of("ref", "state", "amount_total", "id", "currency_id")).stream()
                .sorted((a, b) -> String.valueOf(a.get("ref")).compareTo(String.valueOf(b.get("ref")))).toList();
    }

    private static String purchaseOrder(String name, String code, double qty, double received, double price) {
        int product = DEMO.product(code);
        ODOO.create("purchase.order", Map.of("partner_id", DEMO.acme(), "name", name, "state", "purchase",
                "order_line", List.of(List.of(0, 0, Map.of("product_id", product, "product_qty", qty,
                        "qty_received", received, "price_unit", price, "product_uom_id", 1)))));
        return name;
    }

    private static Integer sixPercent;

    /** A 6% purchase tax, as a US company's chart has it. */
    private static synchronized int sixPercent() {
        if (sixPercent == null) {
            sixPercent = ODOO.create("account.tax", Map.of("name", "6%", "amount", 6.0, "amount_type", "percent",
                    "type_tax_use", "purchase"));
        }
        return sixPercent;
    }

    private static void purchaseOrderTaxed(String name, int tax) {
        ODOO.create("purchase.order", Map.of("partner_id", DEMO.acme(), "name", name, "state", "purchase",
                "order_line", List.of(
                        List.of(0, 0, Map.of("product_id", DEMO.product("PS-R023"), "product_qty", 100.0,
                                "qty_received", 100.0, "price_unit", 12.35, "product_uom_id", 1,
                                "tax_ids", List.of(List.of(6, 0, List.of(tax))))),
                        List.of(0, 0, Map.of("product_id", DEMO.product("PS-R024"), "product_qty", 33.0,
                                "qty_received", 33.0, "price_unit", 7.77, "product_uom_id", 1,
                                "tax_ids", List.of(List.of(6, 0, List.of(tax))))))));
    }

    /**
     * An X12 810 (004010) as a partner writes it, after GF-104418: two items, TDS (N2), a summary TXI (sales tax,
     * amount, 6 percent), a SAC loop with a freight charge (D240) and a discount allowance (C310), amounts in SAC05 (N2).
     * Lines 1235.00 + 256.41, freight 47.50, allowance 18.33: untaxed 1520.58.
     */
    private static String gf104418(String control, String number, String po, String tdsCents, String tax) {
        return String.join("~\n",
                "ISA*00*          *00*          *ZZ*ACMEFAST       *ZZ*PLANTSYNC      *261201*1000*U*00401*" + control
                        + "*0*P*>",
                "GS*IN*ACMEFAST*PLANTSYNC*20261201*1000*" + Integer.parseInt(control) + "*X*004010",
                "ST*810*0001",
                "BIG*20261201*" + number + "**" + po,
                "REF*PO*" + po,
                "N1*SE*Acme Fasteners Inc.*92*ACMEFAST",
                "IT1*1*100*EA*12.35**BP*PS-R023",
                "PID*F****Raw material 23",
                "IT1*2*33*EA*7.77**BP*PS-R024",
                "TDS*" + tdsCents,
                "TXI*ST*" + tax + "*6",
                "SAC*C*D240***4750**********Freight",
                "SAC*A*C310***1833**********Discount",
                "CTT*2",
                "SE*13*0001",
                "GE*1*" + Integer.parseInt(control),
                "IEA*1*" + control) + "~\n";
    }

    /** The one acknowledgement in acme's outbound directory whose name starts so. */
    private static Path outbound(String prefix) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(SFTP.home("acme").resolve("outbound"))) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).collect(
                    java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), l -> {
                        assertThat(l).as("acknowledgements named " + prefix + "...").hasSize(1);
                        return l.get(0);
                    }));
        }
    }

    private static void drop(String name, String content) throws IOException {
        Files.writeString(SFTP.home("acme").resolve("inbound").resolve(name), content);
    }

    public record Line(String code, String qty, String price) {
    }

    public record Inv(String number, String po, List<Line> lines) {
    }

    public static Line line(String code, String qty, String price) {
        return new Line(code, qty, price);
    }

    public static Inv invoice(String number, String po, Line... lines) {
        return new Inv(number, po, List.of(lines));
    }

    /** An X12 810 interchange with these invoices, totals and counts right. */
    public static String x12(String control, List<Inv> invoices) {
        StringBuilder s = new StringBuilder();
        s.append("ISA*00*          *00*          *ZZ*ACMEFAST       *ZZ*PLANTSYNC      *261123*1200*U*00401*")
                .append(control).append("*0*P*>~\n");
        s.append("GS*IN*ACMEFAST*PLANTSYNC*20261123*1200*").append(Integer.parseInt(control)).append("*X*004010~\n");
        int st = 0;
        for (Inv inv : invoices) {
            st++;
            List<String> segments = new ArrayList<>();
            segments.add("ST*810*" + String.format("%04d", st));
            segments.add("BIG*20261123*" + inv.number() + "**" + inv.po());
            long cents = 0;
            int n = 0;
            for (Line l : inv.lines()) {
                n++;
                segments.add("IT1*" + n + "*" + l.qty() + "*EA*" + l.price() + "**BP*" + l.code());
                cents += new java.math.BigDecimal(l.qty()).multiply(new java.math.BigDecimal(l.price()))
                        .movePointRight(2).longValueExact();
            }
            segments.add("TDS*" + cents);
            segments.add("CTT*" + inv.lines().size());
            segments.add("SE*" + (segments.size() + 1) + "*" + String.format("%04d", st));
            segments.forEach(seg -> s.append(seg).append("~\n"));
        }
        s.append("GE*").append(invoices.size()).append('*').append(Integer.parseInt(control)).append("~\n");
        s.append("IEA*1*").append(control).append("~\n");
        return s.toString();
    }
}
