package dev.plantsync.reconciliation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.Many2one;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooRecord;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Both sides of the valuation as of the date, staged: the stock valuation records (Odoo 18: stock.valuation.layer;
 * 19: the done, valued stock.move, outgoing ones negative) with the valuation account of their product's category
 * and whether that category is valued periodically (no journal entry per move, by design), and the posted journal
 * items on those accounts. Re-running replaces what it staged.
 */
class StageValuation implements Tasklet {

    private static final String RECORD = """
            INSERT INTO valuation_recon_record (job_instance_id, source_id, item, account, value, journal_move_id,
                periodic)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    private static final String ENTRY = """
            INSERT INTO valuation_recon_entry (job_instance_id, line_id, move_id, move_name, account, item, balance)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    /** property_valuation of a category valued at closing: 18 "manual_periodic" (Manual), 19 "periodic". */
    private static final Set<String> PERIODIC = Set.of("manual_periodic", "periodic");

    private final OdooClient odoo;
    private final JdbcTemplate jdbc;

    StageValuation(OdooClient odoo, JdbcTemplate jdbc) {
        this.odoo = odoo;
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var step = chunkContext.getStepContext().getStepExecution();
        long run = step.getJobExecution().getJobInstance().getId();
        LocalDate asOf = ValuationReconciliationJob.asOf(step.getJobParameters());
        jdbc.update("DELETE FROM valuation_recon_record WHERE job_instance_id = ?", run);
        jdbc.update("DELETE FROM valuation_recon_entry WHERE job_instance_id = ?", run);

        Map<Integer, String> accountByCategory = new HashMap<>();
        Map<Integer, String> accountNames = new HashMap<>();
        Set<Integer> periodicCategories = new HashSet<>();
        for (OdooRecord c : odoo.searchRead("product.category", Domain.all(),
                List.of("property_stock_valuation_account_id", "property_valuation"))) {
            Many2one account = c.getMany2one("property_stock_valuation_account_id");
            if (account != null) {
                accountByCategory.put(c.id(), account.displayName());
                accountNames.put(account.id(), account.displayName());
            }
            String valuation = c.getString("property_valuation");
            if (valuation != null && PERIODIC.contains(valuation)) {
                periodicCategories.add(c.id());
            }
        }
        if (accountNames.isEmpty()) {
            throw new IllegalStateException("no product category has a stock valuation account: nothing to reconcile");
        }
        Map<Integer, String[]> products = new HashMap<>(); // id -> {item, account, "periodic" or null}
        try (Stream<OdooRecord> all = odoo.searchReadAll("product.product", Domain.all(),
                List.of("default_code", "categ_id"), Map.of("active_test", false))) {
            all.forEach(p -> {
                Many2one category = p.getMany2one("categ_id");
                String account = category == null ? null : accountByCategory.get(category.id());
                if (account != null) {
                    String code = p.getString("default_code");
                    products.put(p.id(), new String[] {code == null || code.isBlank() ? "#" + p.id() : code, account,
                            periodicCategories.contains(category.id()) ? "periodic" : null});
                }
            });
        }

        String end = asOf + " 23:59:59";
        boolean layers = odoo.majorVersion() < 19;
        Domain records = records(layers, end);
        List<String> fields = layers ? List.of("product_id", "value", "account_move_id")
                : List.of("product_id", "value", "account_move_id", "is_out");
        List<Object[]> batch = new ArrayList<>();
        try (Stream<OdooRecord> all = odoo.searchReadAll(layers ? "stock.valuation.layer" : "stock.move", records,
                fields, Map.of())) {
            all.forEach(r -> {
                String[] product = products.get(r.getMany2one("product_id").id());
                if (product == null) {
                    return; // a product not valued on any account (consumable, periodic without account)
                }
                BigDecimal value = r.getDecimal("value");
                if (!layers && r.getBoolean("is_out")) {
                    value = value.abs().negate();
                }
                Many2one move = r.getMany2one("account_move_id");
                batch.add(new Object[] {run, r.id(), product[0], product[1], value, move == null ? null : move.id(),
                        product[2] != null});
                flushIfFull(RECORD, batch);
                contribution.incrementReadCount();
            });
        }
        flush(RECORD, batch);

        Domain ledger = Domain.and(Domain.in("account_id", new ArrayList<>(accountNames.keySet())),
                Domain.eq("parent_state", "posted"), Domain.le("date", asOf.toString()));
        try (Stream<OdooRecord> all = odoo.searchReadAll("account.move.line", ledger,
                List.of("move_id", "account_id", "product_id", "balance"), Map.of())) {
            all.forEach(l -> {
                Many2one product = l.getMany2one("product_id");
                String[] known = product == null ? null : products.get(product.id());
                Many2one move = l.getMany2one("move_id");
                batch.add(new Object[] {run, l.id(), move.id(), move.displayName(),
                        l.getMany2one("account_id").displayName(),
                        known != null ? known[0] : null, l.getDecimal("balance")});
                flushIfFull(ENTRY, batch);
                contribution.incrementReadCount();
            });
        }
        flush(ENTRY, batch);
        return RepeatStatus.FINISHED;
    }

    /**
     * The valuation records up to {@code end}: 18's layers by creation; 19's done moves that are valued. 19's
     * is_valued (is_in or is_out) is computed, not stored, and Odoo refuses it in a domain ("Cannot convert
     * stock.move.is_valued to SQL because it is not stored"); is_in and is_out are stored, and Odoo's own valuation
     * (stock_account's res_company and product) searches them.
     */
    static Domain records(boolean layers, String end) {
        return layers ? Domain.le("create_date", end)
                : Domain.and(Domain.eq("state", "done"), Domain.or(Domain.eq("is_in", true), Domain.eq("is_out", true)),
                        Domain.le("date", end));
    }

    private void flushIfFull(String sql, List<Object[]> batch) {
        if (batch.size() == 1000) {
            flush(sql, batch);
        }
    }

    private void flush(String sql, List<Object[]> batch) {
        if (!batch.isEmpty()) {
            jdbc.batchUpdate(sql, batch);
            batch.clear();
        }
    }
}
