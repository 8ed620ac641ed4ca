package dev.plantsync.acceptance;

import static dev.plantsync.acceptance.RealWorld.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.support.PlantSyncTest;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Posting reconciliation against a real Odoo: five bills posted by the invoice job, then edited by hand in Odoo as
 * accountants do (a price changed and posted again, one cancelled, one reset to draft and left there, one whose
 * vendor reference was retyped), then one posting reconciliation. Each hand edit must be found, and only those.
 */
@PlantSyncTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PostingReconciliationAcceptance {

    @Autowired
    JobOperator jobs;

    @Autowired
    @Qualifier("supplierInvoicePosting")
    Job invoices;

    @Autowired
    @Qualifier("postingReconciliation")
    Job postings;

    @Autowired
    JdbcClient jdbc;

    abstract RealWorld world();

    static void wiring(RealWorld world, DynamicPropertyRegistry registry) {
        world.partner("x12", world.prefix + "X", world.code("VX"), "{invoice: [\"*.x12\"]}");
        world.register(registry);
    }

    /** Business key (vendor id|ref) -> category of the breaks the reconciliation found. */
    private final Map<String, String> breaks = new LinkedHashMap<>();
    private String key;
    private String summary;

    @BeforeAll
    void postBillsEditThemByHandAndReconcile() throws Exception {
        RealWorld w = world();
        RealOdoo odoo = w.odoo();
        OdooFixtures f = new OdooFixtures(odoo);
        int tax = f.purchaseTax15();
        int vendor = f.vendor(w.code("VX"), w.prefix + " Posting vendor");
        List<String> names = List.of("EDITED", "CANCELLED", "DRAFT", "REF", "UNTOUCHED");
        List<OdooFixtures.Line> lines = new ArrayList<>();
        for (String n : names) {
            lines.add(new OdooFixtures.Line(f.storable(w.code(n), w.prefix + " " + n, 2.0, tax, null), 10, 3.0));
        }
        OdooFixtures.Po po = f.purchase(vendor, lines, tax, true);
        List<String> x12 = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            x12.add(PartnerFiles.X12.invoice(i + 1, w.code("P-" + names.get(i)), List.of(po.name()),
                    List.of(PartnerFiles.X12.it1(1, "10", "3.00", w.code(names.get(i))), "TXI*ST*4.50"),
                    3450));
        }
        w.write("x12", "bills.x12", PartnerFiles.X12.interchange(w.prefix + "X", "000000001", x12));
        JobExecution posted = jobs.start(invoices, new JobParametersBuilder()
                .addLocalDate("businessDate", PartnerFiles.TODAY).toJobParameters());
        assertThat(posted.getStatus()).as(posted.getExitStatus().getExitDescription())
                .isEqualTo(BatchStatus.COMPLETED);

        int edited = bill(odoo, w.code("P-EDITED"));
        odoo.call("account.move", "button_draft", List.of(List.of(edited)));
        int line = ((Number) odoo.searchRead("account.move.line", List.of(eq("move_id", edited),
                eq("display_type", "product")), List.of("id")).get(0).get("id")).intValue();
        odoo.write("account.move.line", List.of(line), Map.of("price_unit", 2.75));
        odoo.call("account.move", "action_post", List.of(List.of(edited)));
        int cancelled = bill(odoo, w.code("P-CANCELLED"));
        odoo.call("account.move", "button_draft", List.of(List.of(cancelled)));
        odoo.call("account.move", "button_cancel", List.of(List.of(cancelled)));
        int draft = bill(odoo, w.code("P-DRAFT"));
        odoo.call("account.move", "button_draft", List.of(List.of(draft)));
        int retyped = bill(odoo, w.code("P-REF"));
        odoo.call("account.move", "button_draft", List.of(List.of(retyped)));
        odoo.write("account.move", List.of(retyped), Map.of("ref", w.code("P-REF-RETYPED")));
        odoo.call("account.move", "action_post", List.of(List.of(retyped)));

        JobExecution check = jobs.start(postings, new JobParametersBuilder()
                .addLocalDate("businessDate", PartnerFiles.TODAY.plusDays(1)).toJobParameters());

        assertThat(check.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        key = vendor + "|" + w.prefix + "-P-";
        jdbc.sql("SELECT business_key, category FROM posting_break WHERE job_instance_id = :run")
                .param("run", check.getJobInstance().getId())
                .query(rs -> { breaks.put(rs.getString(1), rs.getString(2)); });
        summary = check.getExitStatus().getExitDescription();
    }

    @Test
    void aBillEditedAndOneCancelledByHandAreFound() {
        assertThat(breaks).containsEntry(key + "EDITED", "BILL_CHANGED")
                .containsEntry(key + "CANCELLED", "BILL_CANCELLED")
                .doesNotContainKey(key + "UNTOUCHED");
    }

    /** Issue 20: a bill reset to draft (and left there) or whose reference was retyped is a hand edit too. */
    @Test
    void aBillResetToDraftOrWhoseReferenceWasRetypedIsFoundAndNothingElse() {
        assertThat(breaks).as("the hand edits, each once, and nothing else").containsOnly(
                Map.entry(key + "EDITED", "BILL_CHANGED"),
                Map.entry(key + "CANCELLED", "BILL_CANCELLED"),
                Map.entry(key + "DRAFT", "BILL_CHANGED"),         // posted -> draft, left there
                Map.entry(key + "REF", "BILL_CHANGED"));          // vendor reference retyped
        assertThat(summary).contains("writes checked 5, breaks 4");
    }

    private static int bill(RealOdoo odoo, String ref) {
        return ((Number) odoo.one("account.move", List.of(eq("move_type", "in_invoice"), eq("ref", ref)),
                List.of("id")).get("id")).intValue();
    }
}
