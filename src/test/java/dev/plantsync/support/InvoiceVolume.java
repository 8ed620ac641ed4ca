package dev.plantsync.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.sim.DemoCompany;
import dev.plantsync.odoo.sim.OdooSimulator;

/**
 * Invoices by the hundred for benchmarks and crash tests: purchase orders {@code PO-B0..} of Acme, each with
 * {@code linesPer} lines of 1,000 units received at 1.00, and one X12 810 interchange billing one unit of each line
 * per invoice ({@code <prefix>-1 ..}), spread over the orders.
 */
public final class InvoiceVolume {

    private InvoiceVolume() {
    }

    public static void orders(OdooSimulator odoo, DemoCompany.Ids demo, int orders, int linesPer) {
        for (int o = 0; o < orders; o++) {
            List<Object> lines = new ArrayList<>();
            for (int l = 1; l <= linesPer; l++) {
                lines.add(List.of(0, 0, Map.of("product_id", demo.product(String.format("PS-R%03d", l)),
                        "product_qty", 1000.0, "qty_received", 1000.0, "price_unit", 1.0, "product_uom_id", 1)));
            }
            odoo.create("purchase.order", Map.of("partner_id", demo.acme(), "name", "PO-B" + o, "state", "purchase",
                    "order_line", lines));
        }
    }

    public static String x12(String prefix, int invoices, int linesPer, int orders) {
        StringBuilder s = new StringBuilder();
        s.append("ISA*00*          *00*          *ZZ*ACMEFAST       *ZZ*PLANTSYNC      *261123*1200*U*00401*000009001*0*P*>~\n");
        s.append("GS*IN*ACMEFAST*PLANTSYNC*20261123*1200*9001*X*004010~\n");
        for (int i = 1; i <= invoices; i++) {
            List<String> seg = new ArrayList<>();
            seg.add("ST*810*" + String.format("%04d", i));
            seg.add("BIG*20261123*" + prefix + "-" + i + "**PO-B" + (i % orders));
            for (int l = 1; l <= linesPer; l++) {
                seg.add("IT1*" + l + "*1*EA*1**BP*" + String.format("PS-R%03d", l) + "*PL*" + l);
            }
            seg.add("TDS*" + (linesPer * 100));
            seg.add("CTT*" + linesPer);
            seg.add("SE*" + (seg.size() + 1) + "*" + String.format("%04d", i));
            seg.forEach(x -> s.append(x).append("~\n"));
        }
        s.append("GE*").append(invoices).append("*9001~\nIEA*1*000009001~\n");
        return s.toString();
    }
}
