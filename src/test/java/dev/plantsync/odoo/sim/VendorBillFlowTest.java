package dev.plantsync.odoo.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.OdooCall;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooRecord;
import dev.plantsync.odoo.OdooTarget;
import dev.plantsync.odoo.OdooTransport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recorded flow 02 ({@code odoo-corpus/flows/<v>/02-vendor-bill-3way.json}) step by step: a vendor bill for a partly
 * received PO, posted; a second bill with the same vendor reference accepted by Odoo; undone by draft + cancel. The
 * numbers asserted are the ones real Odoo 18 and 19 answered.
 */
class VendorBillFlowTest {

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(ints = {18, 19})
    void billingCountsDraftsAcceptsDuplicateRefsAndCancelRestores(int version) {
        try (OdooSimulator sim = OdooSimulator.start(version)) {
            int vendor = sim.create("res.partner", Map.of("name", "Wood Corner", "is_company", true));
            int bolt = sim.create("product.product", Map.of("name", "PlantSync Bolt M6", "default_code", "PS-A001"));
            int bracket = sim.create("product.product", Map.of("name", "PlantSync Bracket", "default_code", "PS-A004"));
            String uomField = version >= 19 ? "product_uom_id" : "product_uom";
            int po = sim.create("purchase.order", Map.of("partner_id", vendor, "state", "purchase", "order_line", List.of(
                    List.of(0, 0, Map.of("product_id", bolt, "product_qty", 10.0, "qty_received", 6.0, "price_unit", 4.0,
                            uomField, 1)),
                    List.of(0, 0, Map.of("product_id", bracket, "product_qty", 5.0, "qty_received", 5.0,
                            "price_unit", 18.0, uomField, 1)))));
            OdooClient odoo = new OdooTarget(version, version >= 19 ? OdooTransport.Transport.JSON2
                    : OdooTransport.Transport.JSONRPC).connect(sim);
            List<OdooRecord> lines = poLines(odoo, po);
            assertThat(lines).extracting(l -> l.getDecimal("qty_to_invoice").doubleValue()).containsExactly(6.0, 5.0);

            int first = bill(odoo, vendor, lines);
            assertThat(poLines(odoo, po)).as("qty_invoiced already counts a draft bill")
                    .extracting(l -> l.getDecimal("qty_invoiced").doubleValue()).containsExactly(6.0, 5.0);
            assertThat(odoo.call(new OdooCall("account.move", "action_post", List.of(first), Map.of(), List.of(),
                    Map.of()))).isEqualTo(false);
            OdooRecord posted = odoo.read("account.move", List.of(first), List.of("name", "state", "amount_total"),
                    Map.of()).get(0);
            assertThat(posted.getString("state")).isEqualTo("posted");
            assertThat(posted.getString("name")).matches("BILL/\\d{4}/\\d{2}/\\d{4}");
            assertThat(posted.getDecimal("amount_total")).isEqualByComparingTo("131.1");

            int duplicate = bill(odoo, vendor, lines);
            assertThat(odoo.read("account.move", List.of(duplicate), List.of("duplicated_ref_ids"), Map.of()).get(0)
                    .getIds("duplicated_ref_ids")).containsExactly(first);
            assertThat(poLines(odoo, po)).extracting(l -> l.getDecimal("qty_to_invoice").doubleValue())
                    .containsExactly(-6.0, -5.0);

            odoo.call(new OdooCall("account.move", "button_draft", List.of(duplicate), Map.of(), List.of(), Map.of()));
            odoo.call(new OdooCall("account.move", "button_cancel", List.of(duplicate), Map.of(), List.of(), Map.of()));
            assertThat(poLines(odoo, po)).extracting(l -> l.getDecimal("qty_invoiced").doubleValue())
                    .containsExactly(6.0, 5.0);
            assertThat(odoo.searchRead("account.move", Domain.and(Domain.eq("move_type", "in_invoice"),
                    Domain.eq("partner_id", vendor), Domain.eq("ref", "WC-INV-2026-0042")), List.of("state")))
                    .extracting(r -> r.getString("state")).containsExactly("posted", "cancel");
        }
    }

    /**
     * A vendor refund (in_refund) on a PO line takes its quantity back from qty_invoiced, as Odoo's
     * purchase_order_line._prepare_qty_invoiced does (+= for in_invoice, -= for in_refund, drafts counted): the base
     * a future credit-note posting would stand on.
     */
    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(ints = {18, 19})
    void aRefundTakesItsQuantityBackFromWhatWasInvoiced(int version) {
        try (OdooSimulator sim = OdooSimulator.start(version)) {
            int vendor = sim.create("res.partner", Map.of("name", "Wood Corner", "is_company", true));
            int bolt = sim.create("product.product", Map.of("name", "PlantSync Bolt M6", "default_code", "PS-A001"));
            String uomField = version >= 19 ? "product_uom_id" : "product_uom";
            int po = sim.create("purchase.order", Map.of("partner_id", vendor, "state", "purchase", "order_line", List.of(
                    List.of(0, 0, Map.of("product_id", bolt, "product_qty", 10.0, "qty_received", 6.0, "price_unit", 4.0,
                            uomField, 1)))));
            OdooClient odoo = new OdooTarget(version, version >= 19 ? OdooTransport.Transport.JSON2
                    : OdooTransport.Transport.JSONRPC).connect(sim);
            List<OdooRecord> lines = poLines(odoo, po);
            bill(odoo, vendor, lines);
            odoo.create("account.move", List.of(Map.of("move_type", "in_refund", "partner_id", vendor,
                    "ref", "WC-CN-2026-0001", "invoice_date", "2026-11-25", "invoice_line_ids", List.of(List.of(0, 0,
                            Map.of("purchase_line_id", lines.get(0).id(), "product_id", bolt, "quantity", 2.0,
                                    "price_unit", 4.0))))), Map.of());

            assertThat(poLines(odoo, po)).extracting(l -> l.getDecimal("qty_invoiced").doubleValue() + " / "
                    + l.getDecimal("qty_to_invoice").doubleValue()).containsExactly("4.0 / 2.0");
        }
    }

    /**
     * A bill's totals as the demo databases compute them (bills HB-GF-104418 and HB-ROUNDING created on both real
     * servers with a 6% purchase tax on every line): two items, freight and a discount give 1520.58 + 91.23 =
     * 1611.81 on both; three lines of 0.25 give tax 0.05 on 19 (company rounds globally: round(3 x 0.015)) and 0.06
     * on 18 (per line: 3 x round(0.015)).
     */
    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(ints = {18, 19})
    void billTotalsAreRoundedAsTheCompanySays(int version) {
        try (OdooSimulator sim = OdooSimulator.start(version)) {
            int vendor = sim.create("res.partner", Map.of("name", "GF Supply", "is_company", true));
            int tax = sim.create("account.tax", Map.of("name", "6%", "amount", 6.0, "amount_type", "percent",
                    "type_tax_use", "purchase"));
            OdooClient odoo = new OdooTarget(version, version >= 19 ? OdooTransport.Transport.JSON2
                    : OdooTransport.Transport.JSONRPC).connect(sim);
            int gf = taxedBill(odoo, vendor, "GF-104418", tax, new double[][] {{100, 12.35}, {33, 7.77}, {1, 47.50},
                    {1, -18.33}});
            int rounding = taxedBill(odoo, vendor, "ROUNDING", tax, new double[][] {{1, 0.25}, {1, 0.25}, {1, 0.25}});

            assertThat(odoo.read("account.move", List.of(gf, rounding), List.of("amount_untaxed", "amount_tax",
                    "amount_total"), Map.of())).extracting(b -> b.getDecimal("amount_untaxed").toPlainString() + " + "
                            + b.getDecimal("amount_tax").toPlainString() + " = "
                            + b.getDecimal("amount_total").toPlainString())
                    .containsExactly("1520.58 + 91.23 = 1611.81", version >= 19 ? "0.75 + 0.05 = 0.8" : "0.75 + 0.06 = 0.81");
        }
    }

    private static int taxedBill(OdooClient odoo, int vendor, String ref, int tax, double[][] lines) {
        List<Object> invoiceLines = new java.util.ArrayList<>();
        for (double[] l : lines) {
            invoiceLines.add(List.of(0, 0, Map.of("name", ref + " line", "quantity", l[0], "price_unit", l[1],
                    "tax_ids", List.of(List.of(6, 0, List.of(tax))))));
        }
        return odoo.create("account.move", List.of(Map.of("move_type", "in_invoice", "partner_id", vendor, "ref", ref,
                "invoice_date", "2026-12-01", "invoice_line_ids", invoiceLines)), Map.of()).get(0);
    }

    private static int bill(OdooClient odoo, int vendor, List<OdooRecord> lines) {
        List<Object> invoiceLines = lines.stream().map(l -> (Object) List.of(0, 0, Map.of(
                "purchase_line_id", l.id(), "product_id", l.getMany2one("product_id").id(),
                "quantity", l.getDecimal("qty_to_invoice").doubleValue(), "price_unit", l.getDecimal("price_unit")
                        .doubleValue(), "tax_ids", List.of(List.of(6, 0, List.of(2)))))).toList();
        return odoo.create("account.move", List.of(Map.of("move_type", "in_invoice", "partner_id", vendor,
                "ref", "WC-INV-2026-0042", "invoice_date", "2026-11-23", "invoice_line_ids", invoiceLines)), Map.of())
                .get(0);
    }

    private static List<OdooRecord> poLines(OdooClient odoo, int po) {
        return odoo.searchRead("purchase.order.line", Domain.eq("order_id", po), List.of("product_id", "qty_received",
                "qty_invoiced", "qty_to_invoice", "price_unit"), "id", null, null, Map.of());
    }
}
