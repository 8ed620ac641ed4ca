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
 * active BOMs with their lines and operations (Odoo's cycle time, the work center's cost per hour, setup, cleanup,
 * efficiency and capacities). Re-running the step replaces what it staged.
 */
class StageCostModel implements Tasklet {

    static final List<String> TABLES = List.of("cost_unit", "cost_product", "cost_bom", "cost_bom_line",
            "cost_operation", "cost_capacity");

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
        // What Odoo's BoM report costs an operation with (see CostRollup.operationMinutes): the work center's cost per
        // hour, setup, cleanup, efficiency and (18 only) default capacity, its per-product capacities, and the
        // operation's computed time_cycle (its manual time, or the average of its last work orders when time_mode is
        // auto: Odoo works that out from the work-order history, so it is read rather than redone here).
        boolean hasDefaultCapacity = odoo.majorVersion() < 19;
        Map<Integer, OdooRecord> centers = new java.util.HashMap<>();
        try (Stream<OdooRecord> read = odoo.searchReadAll("mrp.workcenter", Domain.all(), hasDefaultCapacity
                ? List.of("costs_hour", "time_start", "time_stop", "time_efficiency", "default_capacity")
                : List.of("costs_hour", "time_start", "time_stop", "time_efficiency"), Map.of("active_test", false))) {
            read.forEach(w -> centers.put(w.id(), w));
        }
        try (Stream<OdooRecord> capacities = odoo.searchReadAll("mrp.workcenter.capacity", Domain.all(), List.of(
                "workcenter_id", "product_id", "product_uom_id", "capacity", "time_start", "time_stop"), Map.of());
                CopyRows rows = new CopyRows(db, "cost_capacity", List.of("job_instance_id", "capacity_id",
                        "workcenter_id", "product_id", "unit_id", "capacity", "setup_minutes", "cleanup_minutes"))) {
            capacities.forEach(c -> {
                Many2one product = c.getMany2one("product_id");
                Many2one unit = c.getMany2one("product_uom_id");
                rows.add(run, c.id(), c.getMany2one("workcenter_id").id(), product == null ? null : product.id(),
                        unit == null ? null : unit.id(), orZero(c.getDecimal("capacity")),
                        orZero(c.getDecimal("time_start")), orZero(c.getDecimal("time_stop")));
            });
        }
        try (Stream<OdooRecord> operations = odoo.searchReadAll("mrp.routing.workcenter", Domain.all(),
                List.of("bom_id", "workcenter_id", "time_cycle"), Map.of());
                CopyRows rows = new CopyRows(db, "cost_operation", List.of("job_instance_id", "bom_id", "minutes",
                        "cost_per_hour", "workcenter_id", "setup_minutes", "cleanup_minutes", "efficiency",
                        "default_capacity"))) {
            operations.forEach(o -> {
                int center = o.getMany2one("workcenter_id").id();
                OdooRecord w = centers.get(center);
                BigDecimal efficiency = w == null ? null : w.getDecimal("time_efficiency");
                rows.add(run, o.getMany2one("bom_id").id(), orZero(o.getDecimal("time_cycle")),
                        w == null ? BigDecimal.ZERO : orZero(w.getDecimal("costs_hour")), center,
                        w == null ? BigDecimal.ZERO : orZero(w.getDecimal("time_start")),
                        w == null ? BigDecimal.ZERO : orZero(w.getDecimal("time_stop")),
                        efficiency == null ? BigDecimal.valueOf(100) : efficiency,
                        hasDefaultCapacity && w != null ? orZero(w.getDecimal("default_capacity")) : null);
            });
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
