package dev.plantsync.acceptance;

import static dev.plantsync.acceptance.PartnerFiles.TODAY;
import static dev.plantsync.acceptance.RealWorld.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.acceptance.PartnerFiles.Edifact;
import dev.plantsync.acceptance.PartnerFiles.X12;
import dev.plantsync.approvals.ApprovalRequest;
import dev.plantsync.approvals.Approvals;
import dev.plantsync.approvals.Decision;
import dev.plantsync.platform.Actor;
import dev.plantsync.support.PlantSyncTest;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
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
 * Supplier invoice posting against a real Odoo: X12 810, EDIFACT INVOIC and CSV invoices written here from the
 * standards (not by PlantSync's writer), with 15 % tax, freight charges and discounts, one invoice billing two
 * purchase orders, and a planted price and quantity exception that waits for an approver. Every invoice must end as
 * exactly one posted vendor bill in Odoo whose total is the invoice's, its product lines linked to their PO lines;
 * the same invoice sent again adds no bill.
 */
@PlantSyncTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class InvoicePostingAcceptance {

    @Autowired
    JobOperator jobs;

    @Autowired
    @Qualifier("supplierInvoicePosting")
    Job job;

    @Autowired
    JobRepository repository;

    @Autowired
    Approvals approvals;

    abstract RealWorld world();

    /** The three partners (one per format) and the charge codes mapped to this run's freight and discount products. */
    static void wiring(RealWorld world, DynamicPropertyRegistry registry) {
        world.partner("x12", world.prefix + "X", world.code("VX"), "{invoice: [\"*.x12\"]}");
        world.partner("edifact", world.prefix + "E", world.code("VE"), "{invoice: [\"*.edi\"]}");
        world.partner("csv", world.prefix + "C", world.code("VC"), "{invoice: [\"*.csv\"]}");
        for (String freight : List.of("D240", "FC", "FREIGHT")) {
            registry.add("plantsync.invoices.charge-products." + freight, () -> world.code("FREIGHT"));
        }
        for (String discount : List.of("C310", "DI", "DISCOUNT")) {
            registry.add("plantsync.invoices.charge-products." + discount, () -> world.code("DISCOUNT"));
        }
        registry.add("plantsync.invoices.charge-products.H850", () -> world.code("HANDLING"));
        world.register(registry);
    }

    /** One invoice as the partner sends it and what Odoo must hold for it. */
    record Expected(String vendorRef, String number, BigDecimal total, Map<Integer, Double> quantityByPoLine) {
    }

    private RealOdoo odoo;
    private RealWorld w;
    /** Every invoice sent and what Odoo must hold for it, by invoice number. */
    private final Map<String, Expected> expected = new LinkedHashMap<>();
    /** The approvals the first run asked for, by invoice number. */
    private final Map<String, String> asked = new LinkedHashMap<>();
    /** Bills Odoo held for the planted exceptions before they were approved. */
    private final Map<String, Integer> billedBeforeApproval = new LinkedHashMap<>();

    @BeforeAll
    void sendInvoicesForReceivedOrdersApproveTheExceptionsAndSendOneAgain() throws Exception {
        w = world();
        odoo = w.odoo();
        OdooFixtures f = new OdooFixtures(odoo);
        int tax = f.purchaseTax15();
        int vx = f.vendor(w.code("VX"), w.prefix + " Acme X12");
        int ve = f.vendor(w.code("VE"), w.prefix + " Baltic EDIFACT");
        int vc = f.vendor(w.code("VC"), w.prefix + " Wood CSV");
        int bolt = f.storable(w.code("BOLT"), w.prefix + " Bolt", 4.0, tax, null);
        int plate = f.storable(w.code("PLATE"), w.prefix + " Plate", 11.0, tax, null);
        f.service(w.code("FREIGHT"), w.prefix + " Freight", tax);
        f.service(w.code("DISCOUNT"), w.prefix + " Discount", tax);
        f.service(w.code("HANDLING"), w.prefix + " Handling (no default tax)", 0);
        OdooFixtures.Po po1 = f.purchase(vx, List.of(new OdooFixtures.Line(bolt, 10, 4.5),
                new OdooFixtures.Line(plate, 5, 12)), tax, true);
        OdooFixtures.Po po2 = f.purchase(vx, List.of(new OdooFixtures.Line(bolt, 4, 4.5)), tax, true);
        OdooFixtures.Po po3 = f.purchase(vx, List.of(new OdooFixtures.Line(plate, 3, 12)), tax, true);
        OdooFixtures.Po poPrice = f.purchase(vx, List.of(new OdooFixtures.Line(bolt, 10, 4.5)), tax, true);
        OdooFixtures.Po poQty = f.purchase(vx, List.of(new OdooFixtures.Line(plate, 5, 12)), tax, true);
        OdooFixtures.Po poHandling = f.purchase(vx, List.of(new OdooFixtures.Line(bolt, 2, 4.5)), tax, true);
        OdooFixtures.Po po4 = f.purchase(ve, List.of(new OdooFixtures.Line(bolt, 6, 4.5),
                new OdooFixtures.Line(plate, 2, 12)), tax, true);
        OdooFixtures.Po po5 = f.purchase(vc, List.of(new OdooFixtures.Line(bolt, 8, 4.5)), tax, true);

        String boltCode = w.code("BOLT");
        String plateCode = w.code("PLATE");
        List<String> x12 = new ArrayList<>();
        // X12 810: 10 x 4.50 + 5 x 12.00 + freight 15.00 - discount 5.00 = 115.00, 15 % tax 17.25
        x12.add(X12.invoice(1, w.code("INV-X1"), List.of(po1.name()), List.of(
                X12.it1(1, "10", "4.50", boltCode), X12.it1(2, "5", "12.00", plateCode),
                "SAC*C*D240***1500**********Freight", "SAC*A*C310***500**********Discount", "TXI*ST*17.25"), 13225));
        expect(w.code("VX"), w.code("INV-X1"), "132.25", Map.of(po1.lineIds().get(0), 10.0, po1.lineIds().get(1), 5.0));
        // two purchase orders billed in one invoice: 4 x 4.50 (PO 2) + 3 x 12.00 (PO 3) = 54.00, tax 8.10
        x12.add(X12.invoice(2, w.code("INV-X2"), List.of(po2.name(), po3.name()), List.of(
                X12.it1(1, "4", "4.50", boltCode), X12.it1(2, "3", "12.00", plateCode), "TXI*ST*8.10"), 6210));
        expect(w.code("VX"), w.code("INV-X2"), "62.10", Map.of(po2.lineIds().get(0), 4.0, po3.lineIds().get(0), 3.0));
        // planted price exception: 5.00 billed for 4.50 ordered (11 %), 50.00 + 7.50 tax
        x12.add(X12.invoice(3, w.code("INV-XP"), List.of(poPrice.name()), List.of(
                X12.it1(1, "10", "5.00", boltCode), "TXI*ST*7.50"), 5750));
        expect(w.code("VX"), w.code("INV-XP"), "57.50", Map.of(poPrice.lineIds().get(0), 10.0));
        // planted quantity exception: 7 billed, 5 received, 84.00 + 12.60 tax
        x12.add(X12.invoice(4, w.code("INV-XQ"), List.of(poQty.name()), List.of(
                X12.it1(1, "7", "12.00", plateCode), "TXI*ST*12.60"), 9660));
        expect(w.code("VX"), w.code("INV-XQ"), "96.60", Map.of(poQty.lineIds().get(0), 7.0));
        // a taxed charge whose Odoo product carries no default tax: 2 x 4.50 + handling 6.00 = 15.00, tax 2.25
        x12.add(X12.invoice(5, w.code("INV-XH"), List.of(poHandling.name()), List.of(
                X12.it1(1, "2", "4.50", boltCode), "SAC*C*H850***600**********Handling", "TXI*ST*2.25"), 1725));
        expect(w.code("VX"), w.code("INV-XH"), "17.25", Map.of(poHandling.lineIds().get(0), 2.0));
        w.write("x12", "invoices-1.x12", X12.interchange(w.prefix + "X", "000000001", x12));

        // EDIFACT INVOIC D.96A: 6 x 4.50 + 2 x 12.00 = 51.00, freight 10.00, discount 2.00, 15 % tax 8.85 = 67.85
        w.write("edifact", "invoic-1.edi", Edifact.interchange(w.prefix + "E", "REF1", List.of(Edifact.invoice("1",
                w.code("INV-E1"), po4.name(), List.of(
                        "ALC+C++++FC::9:Freight", "MOA+8:10.00", "ALC+A++++DI::9:Discount", "MOA+8:2.00",
                        "LIN+1++" + boltCode + ":IN", "QTY+47:6:PCE", "MOA+203:27.00", "PRI+AAA:4.50",
                        "LIN+2++" + plateCode + ":IN", "QTY+47:2:PCE", "MOA+203:24.00", "PRI+AAA:12.00",
                        "UNS+S", "MOA+79:51.00", "MOA+77:67.85", "TAX+7+VAT+++:::15+S", "MOA+124:8.85")))));
        expect(w.code("VE"), w.code("INV-E1"), "67.85", Map.of(po4.lineIds().get(0), 6.0, po4.lineIds().get(1), 2.0));

        // CSV (jobs/supplier-invoices.csv.md): 8 x 4.50 = 36.00, freight 8.00, discount 2.00, tax 6.30 = 48.30
        String head = w.prefix + "C," + w.code("INV-C1") + "," + TODAY + "," + po5.name() + ",";
        w.write("csv", "invoices-1.csv", """
                vendor_id,invoice_number,invoice_date,po_number,record_type,line_number,vendor_item,buyer_item,\
                quantity,uom,unit_price,amount,tax_amount,invoice_total
                %1$sLINE,1,,%2$s,8,EA,4.50,36.00,6.30,48.30
                %1$sCHARGE,,FREIGHT,,,,,8.00,6.30,48.30
                %1$sALLOWANCE,,DISCOUNT,,,,,2.00,6.30,48.30
                """.formatted(head, boltCode));
        expect(w.code("VC"), w.code("INV-C1"), "48.30", Map.of(po5.lineIds().get(0), 8.0));

        JobExecution first = jobs.start(job, new JobParametersBuilder().addLocalDate("businessDate", TODAY)
                .toJobParameters());

        assertThat(first.getExitStatus().getExitCode()).as(first.getExitStatus().getExitDescription())
                .isEqualTo("AWAITING_APPROVAL");
        List<ApprovalRequest> pending = approvals.pending().stream()
                .filter(r -> r.jobInstanceId() == first.getJobInstance().getId()).toList();
        for (ApprovalRequest r : pending) {
            expected.keySet().stream().filter(n -> r.subject().contains("invoice " + n + " "))
                    .forEach(n -> asked.merge(n, r.reasonCode(), (x, y) -> x + "," + y));
        }
        for (String planted : List.of(w.code("INV-XP"), w.code("INV-XQ"))) {
            billedBeforeApproval.put(planted, bills(odoo, planted).size());
        }
        for (ApprovalRequest r : pending) {
            approvals.decide(r.id(), Decision.approve("checked with the supplier"), new Actor("fiona", "acceptance"));
        }
        JobExecution resumed = OdooFixtures.resumed(repository, first);
        assertThat(resumed.getStatus()).as(resumed.getExitStatus().getExitDescription())
                .isEqualTo(BatchStatus.COMPLETED);

        // the first invoice again, in a new interchange, the next night: a duplicate, no second bill
        w.write("x12", "invoices-2.x12", X12.interchange(w.prefix + "X", "000000002", List.of(x12.get(0))));
        JobExecution again = jobs.start(job, new JobParametersBuilder().addLocalDate("businessDate", TODAY.plusDays(1))
                .toJobParameters());
        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    private void expect(String vendorRef, String number, String total, Map<Integer, Double> quantityByPoLine) {
        expected.put(number, new Expected(vendorRef, number, new BigDecimal(total), quantityByPoLine));
    }

    @Test
    @Order(1)
    void thePlantedPriceAndQuantityExceptionsWaitedForAnApprover() {
        assertThat(asked).containsEntry(w.code("INV-XP"), "PRICE_VARIANCE")
                .containsEntry(w.code("INV-XQ"), "QTY_OVER_RECEIPT");
        assertThat(billedBeforeApproval).as("bills in Odoo before the approval").containsOnly(
                Map.entry(w.code("INV-XP"), 0), Map.entry(w.code("INV-XQ"), 0));
    }

    @Test
    @Order(2)
    void everyInvoiceIsOnePostedBillWithTheInvoicesTotalLinkedToItsPoLinesOnce() {
        SoftAssertions soft = new SoftAssertions();
        expected.values().stream().filter(e -> !e.number().endsWith("-INV-XH")).forEach(e -> check(soft, e));
        soft.assertAll();
    }

    /** Issue 20: a charge the invoice taxes is taxed on the bill even when its Odoo product has no default tax. */
    @Test
    @Order(3)
    void aTaxedChargeWhoseProductHasNoDefaultTaxKeepsTheInvoicesTotal() {
        SoftAssertions soft = new SoftAssertions();
        check(soft, expected.get(w.code("INV-XH")));
        soft.assertAll();
    }

    private void check(SoftAssertions soft, Expected e) {
        List<Map<String, Object>> bills = bills(odoo, e.number());
        soft.assertThat(bills).as("bills for " + e.number()).hasSize(1);
        if (bills.size() != 1) {
            return;
        }
        Map<String, Object> bill = bills.get(0);
        soft.assertThat(bill.get("state")).as(e.number() + " state").isEqualTo("posted");
        soft.assertThat(RealOdoo.display(bill.get("partner_id"))).as(e.number() + " vendor").contains(w.prefix);
        soft.assertThat(new BigDecimal(bill.get("amount_total").toString())).as(e.number() + " amount_total")
                .isEqualByComparingTo(e.total());
        Map<Integer, Double> linked = new LinkedHashMap<>();
        for (Map<String, Object> line : odoo.searchRead("account.move.line", List.of(
                eq("move_id", bill.get("id")), eq("display_type", "product"),
                List.of("purchase_line_id", "!=", false)), List.of("purchase_line_id", "quantity"))) {
            linked.merge(RealOdoo.id(line.get("purchase_line_id")), ((Number) line.get("quantity")).doubleValue(),
                    Double::sum);
        }
        soft.assertThat(linked).as(e.number() + " quantities by PO line").isEqualTo(e.quantityByPoLine());
        for (Map<String, Object> poLine : odoo.read("purchase.order.line", List.copyOf(e.quantityByPoLine().keySet()),
                List.of("qty_invoiced"), Map.of())) {
            soft.assertThat(((Number) poLine.get("qty_invoiced")).doubleValue())
                    .as(e.number() + " qty_invoiced of PO line " + poLine.get("id") + " (billed once)")
                    .isEqualTo(e.quantityByPoLine().get(((Number) poLine.get("id")).intValue()));
        }
    }

    private static List<Map<String, Object>> bills(RealOdoo odoo, String ref) {
        return odoo.searchRead("account.move", List.of(eq("move_type", "in_invoice"), eq("ref", ref),
                List.of("state", "!=", "cancel")), List.of("state", "amount_total", "partner_id", "invoice_line_ids"));
    }
}
