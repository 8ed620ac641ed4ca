package dev.plantsync.costing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.Many2one;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooRecord;
import dev.plantsync.odoo.UnitSizes;
import dev.plantsync.platform.CopyRows;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What Odoo says the products cost and are made of, read page by page and staged with COPY: units, every product
 * (archived ones too: an old BOM may still use them) with its standard price, cost method and quantity on hand, the
 * active BOMs with their lines and operations (minutes at the work center's cost per hour). Re-running the step
 * replaces what it staged.
 */
class StageCostModel implements Tasklet {

    static final List<String> TABLES = List.of("cost_unit", "cost_product", "cost_bom", "cost_bom_line",
            "cost_operation");

    private final OdooClient odoo;
    private final JdbcTemplate jdbc;

    StageCostModel(OdooClient odoo, JdbcTemplate jdbc) {
        this.odoo = odoo;
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long run = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getId();
        TABLES.forEach(table -> jdbc.update("DELETE FROM " + table + " WHERE job_instance_id = ?", run));
        DataSource db = jdbc.getDataSource();
        try (CopyRows rows = new CopyRows(db, "cost_unit", List.of("job_instance_id", "unit_id", "size"))) {
            UnitSizes.byId(odoo).forEach((unit, size) -> rows.add(run, unit, size));
        }
        try (Stream<OdooRecord> products = odoo.searchReadAll("product.product", Domain.all(), List.of(
                "product_tmpl_id", "default_code", "uom_id", "standard_price", "cost_method", "qty_available"),
                Map.of("active_test", false));
                CopyRows rows = new CopyRows(db, "cost_product", List.of("job_instance_id", "product_id",
                        "template_id", "code", "unit_id", "cost", "cost_method", "on_hand"))) {
            products.forEach(p -> {
                String code = p.getString("default_code");
                rows.add(run, p.id(), p.getMany2one("product_tmpl_id").id(),
                        code == null || code.isBlank() ? "#" + p.id() : code, p.getMany2one("uom_id").id(),
                        orZero(p.getDecimal("standard_price")), p.getString("cost_method"),
                        orZero(p.getDecimal("qty_available")));
                contribution.incrementReadCount();
            });
        }
        try (Stream<OdooRecord> boms = odoo.searchReadAll("mrp.bom", Domain.all(), List.of("product_tmpl_id",
                "product_id", "sequence", "product_qty", "product_uom_id", "type"), Map.of());
                CopyRows rows = new CopyRows(db, "cost_bom", List.of("job_instance_id", "bom_id", "template_id",
                        "variant_id", "sequence", "quantity", "unit_id", "type"))) {
            boms.forEach(b -> {
                Many2one variant = b.getMany2one("product_id");
                Integer sequence = b.getInt("sequence");
                rows.add(run, b.id(), b.getMany2one("product_tmpl_id").id(), variant == null ? null : variant.id(),
                        sequence == null ? 0 : sequence, b.getDecimal("product_qty"),
                        b.getMany2one("product_uom_id").id(), b.getString("type"));
            });
        }
        // Lines of archived BOMs come too (a line has no active flag); the roll-up only uses those of staged BOMs.
        try (Stream<OdooRecord> lines = odoo.searchReadAll("mrp.bom.line", Domain.all(), List.of("bom_id",
                "product_id", "product_qty", "product_uom_id"), Map.of());
                CopyRows rows = new CopyRows(db, "cost_bom_line", List.of("job_instance_id", "bom_id", "product_id",
                        "quantity", "unit_id"))) {
            lines.forEach(l -> rows.add(run, l.getMany2one("bom_id").id(), l.getMany2one("product_id").id(),
                    l.getDecimal("product_qty"), l.getMany2one("product_uom_id").id()));
        }
        Map<Integer, BigDecimal> costPerHour = new java.util.HashMap<>();
        try (Stream<OdooRecord> centers = odoo.searchReadAll("mrp.workcenter", Domain.all(), List.of("costs_hour"),
                Map.of("active_test", false))) {
            centers.forEach(w -> costPerHour.put(w.id(), orZero(w.getDecimal("costs_hour"))));
        }
        try (Stream<OdooRecord> operations = odoo.searchReadAll("mrp.routing.workcenter", Domain.all(),
                List.of("bom_id", "workcenter_id", "time_cycle_manual"), Map.of());
                CopyRows rows = new CopyRows(db, "cost_operation", List.of("job_instance_id", "bom_id", "minutes",
                        "cost_per_hour"))) {
            operations.forEach(o -> rows.add(run, o.getMany2one("bom_id").id(),
                    orZero(o.getDecimal("time_cycle_manual")),
                    costPerHour.getOrDefault(o.getMany2one("workcenter_id").id(), BigDecimal.ZERO)));
        }
        for (String table : TABLES) {
            jdbc.execute("ANALYZE " + table);
        }
        return RepeatStatus.FINISHED;
    }

    static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
