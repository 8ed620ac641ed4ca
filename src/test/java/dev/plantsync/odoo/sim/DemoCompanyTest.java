package dev.plantsync.odoo.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo company is what the demo and the job tests stand on: its planted facts must hold on both versions. */
class DemoCompanyTest {

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(ints = {18, 19})
    void demoCompanyHasWhatTheJobsNeed(int version) {
        try (OdooSimulator sim = OdooSimulator.start(version)) {
            DemoCompany.Ids demo = DemoCompany.seed(sim);

            assertThat(sim.searchRead("product.product", List.of(List.of("default_code", "=like", "PS-%")),
                    List.of("id"))).hasSize(39);
            assertThat(sim.count("mrp.bom")).isEqualTo(13);
            assertThat(sim.searchRead("mrp.bom", List.of(List.of("type", "=", "phantom")), List.of("id"))).hasSize(1);
            assertThat(sim.searchRead("purchase.order.line", List.of(List.of("order_id", "=", demo.purchaseOrders().get(0))),
                    List.of("qty_received", "product_qty", "qty_to_invoice"))).extracting(l -> l.get("qty_to_invoice"))
                    .containsExactly(60.0, 50.0, 200.0);
            assertThat(sim.searchRead("stock.quant", List.of(List.of("lot_id", "!=", false)), List.of("id"))).hasSize(4);
            assertThat(sim.searchRead("product.supplierinfo", List.of(List.of("partner_id", "=", demo.acme())),
                    List.of("product_code"))).hasSize(16);
            assertThat(sim.searchRead("account.move", List.of(List.of("ref", "=like", "Manual%")), List.of("state")))
                    .singleElement().satisfies(m -> assertThat(m.get("state")).isEqualTo("posted"));
            String valuationModel = version >= 19 ? "stock.move" : "stock.valuation.layer";
            List<java.util.Map<String, Object>> records = sim.searchRead(valuationModel, List.of(), List.of("value",
                    "account_move_id"));
            assertThat(records).hasSize(24);
            assertThat(records.stream().filter(r -> Boolean.FALSE.equals(r.get("account_move_id")))).as("planted: "
                    + "valuation without journal entry").hasSize((int) demo.products().entrySet().stream()
                            .filter(e -> e.getKey().startsWith("PS-R") && e.getValue() % 5 == 0).count());
            assertThat(sim.searchRead("product.product", List.of(List.of("default_code", "=", "PS-F001")),
                    List.of("cost_method")).get(0).get("cost_method")).isEqualTo("average");
        }
    }
}
