package dev.plantsync.acceptance;

import static dev.plantsync.acceptance.RealOdoo.values;
import static dev.plantsync.acceptance.RealWorld.eq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Records an acceptance test needs in real Odoo, created the way a user of Odoo would (confirmed orders, validated
 * receipts), each with the run's prefix. Field names follow the version (18: {@code taxes_id}, 19: {@code tax_ids}).
 */
final class OdooFixtures {

    private final RealOdoo odoo;

    OdooFixtures(RealOdoo odoo) {
        this.odoo = odoo;
    }

    /** A purchase order as created, confirmed and (when asked) received. */
    record Po(int id, String name, List<Integer> lineIds) {
    }

    record Line(int product, double quantity, double price) {
    }

    /** The company's 15 % purchase tax (generic chart of accounts, company 1). */
    int purchaseTax15() {
        List<Map<String, Object>> taxes = odoo.searchRead("account.tax", List.of(eq("type_tax_use", "purchase"),
                eq("amount", 15.0), eq("amount_type", "percent"), eq("price_include", false), eq("company_id", 1),
                eq("active", true)), List.of("name"));
        if (taxes.isEmpty()) {
            throw new IllegalStateException("Odoo " + odoo.version + " has no active 15% purchase tax in company 1");
        }
        return ((Number) taxes.get(0).get("id")).intValue();
    }

    int vendor(String ref, String name) {
        return odoo.create("res.partner", values("name", name, "ref", ref, "is_company", true, "supplier_rank", 1));
    }

    /** A storable product billed on received quantities, with the given purchase tax (0 = none). */
    int storable(String code, String name, double cost, int tax, Integer category) {
        Map<String, Object> v = values("name", name, "default_code", code, "type", "consu", "is_storable", true,
                "purchase_method", "receive", "standard_price", cost, "list_price", cost * 2,
                "supplier_taxes_id", List.of(List.of(6, 0, tax == 0 ? List.of() : List.of(tax))));
        if (category != null) {
            v.put("categ_id", category);
        }
        return odoo.create("product.product", v);
    }

    /** A service product for charges and allowances (freight, discount) with the given purchase tax. */
    int service(String code, String name, int tax) {
        return odoo.create("product.product", values("name", name, "default_code", code, "type", "service",
                "purchase_method", "purchase", "standard_price", 0.0,
                "supplier_taxes_id", List.of(List.of(6, 0, tax == 0 ? List.of() : List.of(tax)))));
    }

    /** A confirmed purchase order; {@code receive}: its receipt validated in full. */
    Po purchase(int vendor, List<Line> lines, int tax, boolean receive) {
        String taxField = odoo.version >= 19 ? "tax_ids" : "taxes_id";
        List<Object> orderLines = new ArrayList<>();
        for (Line l : lines) {
            orderLines.add(List.of(0, 0, values("product_id", l.product(), "product_qty", l.quantity(),
                    "price_unit", l.price(), taxField, List.of(List.of(6, 0, tax == 0 ? List.of() : List.of(tax))))));
        }
        int id = odoo.create("purchase.order", values("partner_id", vendor, "order_line", orderLines));
        odoo.call("purchase.order", "button_confirm", List.of(List.of(id)));
        if (receive) {
            receive(id);
        }
        Map<String, Object> po = odoo.read("purchase.order", List.of(id), List.of("name", "order_line"), Map.of())
                .get(0);
        List<Integer> lineIds = ((List<?>) po.get("order_line")).stream().map(o -> ((Number) o).intValue())
                .sorted().toList();
        return new Po(id, (String) po.get("name"), lineIds);
    }

    /** Validates the order's open receipts as they come (every move's quantity pre-filled with its demand). */
    void receive(int purchaseOrder) {
        List<Map<String, Object>> pickings = odoo.searchRead("stock.picking", List.of(
                eq("purchase_id", purchaseOrder), List.of("state", "not in", List.of("done", "cancel"))),
                List.of("state"));
        for (Map<String, Object> picking : pickings) {
            int id = ((Number) picking.get("id")).intValue();
            Object answer = odoo.call("stock.picking", "button_validate", List.of(List.of(id)));
            if (answer instanceof Map<?, ?> action) {
                throw new IllegalStateException("receipt " + id + " of PO " + purchaseOrder
                        + " was not validated in full: Odoo answered " + action.get("res_model"));
            }
        }
    }

    /** Puts {@code quantity} of a product at a location by an inventory adjustment, as a stock user does. */
    void onHand(int product, int location, double quantity, Integer lot) {
        Map<String, Object> v = values("product_id", product, "location_id", location, "inventory_quantity", quantity);
        if (lot != null) {
            v.put("lot_id", lot);
        }
        int quant = ((Number) odoo.call("stock.quant", "create", List.of(v),
                Map.of("context", Map.of("inventory_mode", true)))).intValue();
        odoo.call("stock.quant", "action_apply_inventory", List.of(List.of(quant)));
    }

    /** The execution that ended after {@code stopped} once its approvals were decided (real Odoo takes a while). */
    static JobExecution resumed(JobRepository repository, JobExecution stopped) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            JobExecution latest = repository.getLastJobExecution(stopped.getJobInstance());
            if (latest != null && latest.getId() > stopped.getId() && !latest.getStatus().isRunning()) {
                return latest;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the approved job instance did not finish within 5 minutes");
    }
}
