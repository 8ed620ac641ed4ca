package dev.plantsync.costing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import dev.plantsync.odoo.LoadAccepting;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.platform.ExceptionRecords;
import dev.plantsync.platform.OdooWriteLedger;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes a chunk of ready costs to Odoo in one {@code load} of {@code .id, standard_price} (Odoo writes each row, and
 * on a product valued at standard with stock books the revaluation itself). Each written cost is marked and put in
 * the odoo_write ledger (the value PlantSync now owns) in the chunk's transaction; writing the same cost again after
 * a crash changes nothing in Odoo. A product Odoo refuses goes to exceptions with its message, the rest is written.
 */
class CostWriter implements ItemWriter<Long>, StepExecutionListener {

    private record Ready(long id, int productId, String code, BigDecimal cost) {
    }

    private final OdooClient odoo;
    private final JdbcClient jdbc;
    private final OdooWriteLedger ledger;
    private final ExceptionRecords exceptions;
    private StepExecution step;

    CostWriter(OdooClient odoo, JdbcClient jdbc, OdooWriteLedger ledger, ExceptionRecords exceptions) {
        this.odoo = odoo;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.exceptions = exceptions;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.step = stepExecution;
    }

    @Override
    public void write(Chunk<? extends Long> ids) {
        List<Ready> ready = jdbc.sql("""
                SELECT id, product_id, code, coalesce(written_cost, new_cost) AS cost FROM cost_rollup_line
                 WHERE id IN (:ids) AND state = 'READY' ORDER BY id""").param("ids", List.copyOf(ids.getItems()))
                .query((rs, n) -> new Ready(rs.getLong("id"), rs.getInt("product_id"), rs.getString("code"),
                        rs.getBigDecimal("cost")))
                .list();
        if (ready.isEmpty()) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        ready.forEach(r -> rows.add(List.of(String.valueOf(r.productId()), r.cost().toPlainString())));
        LoadAccepting.load(odoo, "product.product", List.of(".id", "standard_price"), rows, (i, message) -> {
            Ready r = ready.get(i);
            jdbc.sql("UPDATE cost_rollup_line SET state = 'FAILED', reason = :message WHERE id = :id")
                    .param("message", "Odoo refused the cost: " + message).param("id", r.id()).update();
            exceptions.record(CostRollupJob.NAME, step.getJobExecutionId(), step.getStepName(), null,
                    "product " + r.productId(), r.code(), "ODOO_REJECTED", r.code() + ": Odoo refused standard price "
                            + r.cost().toPlainString() + ": " + message, null);
        }).forEach((i, odooId) -> {
            Ready r = ready.get(i);
            jdbc.sql("UPDATE cost_rollup_line SET state = 'APPLIED', written_cost = :cost WHERE id = :id")
                    .param("cost", r.cost()).param("id", r.id()).update();
            ledger.recordFields("product.product", r.code(), odooId, "write", "UPDATED", CostRollupJob.NAME,
                    step.getJobExecutionId(), "{\"standard_price\": " + r.cost().toPlainString() + "}");
        });
    }
}
