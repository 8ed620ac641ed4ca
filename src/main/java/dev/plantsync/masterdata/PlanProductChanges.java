package dev.plantsync.masterdata;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.Many2one;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooRecord;
import dev.plantsync.platform.ExceptionRecords;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.core.type.TypeReference;

/**
 * The diff, a page of staged lines at a time: Odoo's current products for the page's codes and PlantSync's external
 * ids for them, read in one call each; references (category, units) resolved by name; each record planned as
 * create, update (only the changed fields, old and new), unchanged, or, for a full snapshot, deactivate. Risky
 * changes are marked for approval (see {@link RiskRules}). Re-running the step replans from scratch.
 */
class PlanProductChanges implements Tasklet {

    static final int PAGE = 1000;
    private static final String INSERT = """
            INSERT INTO md_change (job_instance_id, entity, business_key, action, odoo_id, bound, values, changes, risk,
                approval_key, state, inbound_file_id, file_name, line_no)
            VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, ?, ?, ?, ?)""";

    private final OdooClient odoo;
    private final JdbcTemplate jdbc;
    private final ExceptionRecords exceptions;
    private final RiskRules risks;
    private final ObjectMapper json = MasterDataJson.MAPPER;

    PlanProductChanges(OdooClient odoo, JdbcTemplate jdbc, ExceptionRecords exceptions, RiskRules risks) {
        this.odoo = odoo;
        this.jdbc = jdbc;
        this.exceptions = exceptions;
        this.risks = risks;
    }

    private record Staged(long id, long fileId, String fileName, int line, String key, boolean full,
            Map<String, Object> values) {
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        long run = step.getJobExecution().getJobInstance().getId();
        jdbc.update("DELETE FROM md_change WHERE job_instance_id = ? AND entity = ?", run, ProductLayout.ENTITY);
        Map<String, Integer> categories = names("product.category", "complete_name");
        Map<String, Integer> units = names("uom.uom", "name");
        boolean purchaseUnit = odoo.majorVersion() < 19; // Odoo 19 has no purchase unit on products
        long after = 0;
        boolean fullSnapshot = false;
        String snapshotFile = null;
        Long snapshotFileId = null;
        while (true) {
            List<Staged> page = page(run, after);
            if (page.isEmpty()) {
                break;
            }
            after = page.get(page.size() - 1).id();
            // A code staged by two files of the run: the later file is the newer word on it.
            Map<String, Staged> byKey = new LinkedHashMap<>();
            page.forEach(s -> byKey.put(s.key(), s));
            Map<String, OdooRecord> current = current(byKey.keySet());
            Set<Integer> bound = bound(byKey.keySet());
            List<Object[]> rows = new ArrayList<>();
            for (Staged s : byKey.values()) {
                contribution.incrementReadCount();
                if (s.full()) {
                    fullSnapshot = true;
                    snapshotFile = s.fileName();
                    snapshotFileId = s.fileId();
                }
                Map<String, Object> desired;
                try {
                    desired = desired(s, categories, units, purchaseUnit);
                } catch (ProductLayout.Invalid e) {
                    String where = s.fileName() + ":" + s.line();
                    exceptions.record(MasterDataSyncJob.NAME, step.getJobExecutionId(), step.getStepName(),
                            s.fileId(), where, s.key(), "MISSING_REFERENCE", where + ": " + e.getMessage(), null);
                    continue;
                }
                rows.add(plan(run, s, desired, current.get(s.key()), bound));
            }
            jdbc.batchUpdate(INSERT, rows);
        }
        if (fullSnapshot) {
            planDeactivations(run, snapshotFile, snapshotFileId);
        }
        risks.holdBrokenExports(run);
        return RepeatStatus.FINISHED;
    }

    private Object[] plan(long run, Staged s, Map<String, Object> desired, OdooRecord now, Set<Integer> bound) {
        if (now == null) {
            return row(run, s, "CREATE", null, false, desired, null, null);
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        Map<String, List<Object>> changes = new LinkedHashMap<>();
        desired.forEach((field, value) -> {
            Object old = comparable(now.raw(field));
            if (!same(old, value)) {
                changed.put(field, value);
                changes.put(field, java.util.Arrays.asList(old, value));
            }
        });
        boolean isBound = bound.contains(now.id());
        if (changed.isEmpty()) {
            return row(run, s, "UNCHANGED", now.id(), isBound, Map.of(), null, null);
        }
        String risk = risks.forUpdate(changes, now);
        return row(run, s, "UPDATE", now.id(), isBound, changed, changes, risk);
    }

    private Object[] row(long run, Staged s, String action, Integer odooId, boolean bound, Map<String, Object> values,
            Map<String, List<Object>> changes, String risk) {
        String state = risk != null ? "AWAITING_APPROVAL"
                : "UNCHANGED".equals(action) && bound ? "NOTHING_TO_DO" : "READY";
        return new Object[] {run, ProductLayout.ENTITY, s.key(), action, odooId, bound,
                json.writeValueAsString(values), changes == null ? null : json.writeValueAsString(changes), risk,
                risk == null ? null : s.key(), state, s.fileId(), s.fileName(), s.line()};
    }

    /** The line's values as Odoo fields: references resolved to ids, the file's product type as Odoo's two fields. */
    private static Map<String, Object> desired(Staged s, Map<String, Integer> categories, Map<String, Integer> units,
            boolean purchaseUnit) {
        Map<String, Object> desired = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : s.values().entrySet()) {
            String field = e.getKey();
            Object value = e.getValue();
            switch (field) {
                case ProductLayout.CATEGORY -> desired.put(field, resolve(categories, value, "category",
                        "product category"));
                case ProductLayout.UNIT -> desired.put(field, resolve(units, value, "uom", "unit of measure"));
                case ProductLayout.PURCHASE_UNIT -> {
                    Integer unit = resolve(units, value, "purchase_uom", "unit of measure");
                    if (purchaseUnit) {
                        desired.put(field, unit);
                    }
                }
                case "type" -> {
                    desired.put("type", "service".equals(value) ? "service" : "consu");
                    desired.put("is_storable", "storable".equals(value));
                }
                default -> desired.put(field, value instanceof Number n ? decimal(n) : value);
            }
        }
        return desired;
    }

    private static Integer resolve(Map<String, Integer> ids, Object name, String column, String what) {
        Integer id = ids.get(name.toString());
        if (id == null) {
            throw new ProductLayout.Invalid(column, "'" + name + "': no such " + what + " in Odoo");
        }
        return id;
    }

    /** Odoo's value in the shape of a planned one: many2one as its id, numbers as decimals (false stays false). */
    private static Object comparable(Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? null : ((Number) list.get(0)).intValue();
        }
        if (value instanceof Number n && !(value instanceof Integer)) {
            return decimal(n);
        }
        return value;
    }

    private static BigDecimal decimal(Number n) {
        return n instanceof BigDecimal b ? b.stripTrailingZeros() : new BigDecimal(n.toString()).stripTrailingZeros();
    }

    /** Numbers to six decimals (Odoo's float precision is coarser); Odoo's false is the file's empty. */
    private static boolean same(Object old, Object value) {
        if (value instanceof Number v && !(value instanceof Integer)) {
            BigDecimal o = old instanceof Number n ? decimal(n) : BigDecimal.ZERO;
            return o.setScale(6, RoundingMode.HALF_UP).compareTo(decimal(v).setScale(6, RoundingMode.HALF_UP)) == 0;
        }
        if (value instanceof Boolean) {
            return Objects.equals(old, value);
        }
        if (Boolean.FALSE.equals(old)) {
            return value == null || "".equals(value);
        }
        return Objects.equals(old, value);
    }

    /** Full snapshot: products PlantSync owns (by external id) that the file no longer lists are deactivated. */
    private void planDeactivations(long run, String file, Long fileId) {
        List<Integer> owned;
        try (Stream<OdooRecord> data = odoo.searchReadAll("ir.model.data", Domain.and(Domain.eq("module",
                MasterDataSyncJob.MODULE), Domain.eq("model", ProductLayout.MODEL)), List.of("res_id"), Map.of())) {
            owned = data.map(r -> r.getInt("res_id")).toList();
        }
        for (int from = 0; from < owned.size(); from += PAGE) {
            List<Integer> ids = owned.subList(from, Math.min(owned.size(), from + PAGE));
            Set<Integer> listed = new HashSet<>(jdbc.queryForList("""
                    SELECT odoo_id::int FROM md_change WHERE job_instance_id = ? AND entity = ?
                       AND odoo_id = ANY (?::bigint[])""", Integer.class, run, ProductLayout.ENTITY,
                    ids.toArray(Integer[]::new)));
            List<Integer> missing = ids.stream().filter(id -> !listed.contains(id)).toList();
            if (missing.isEmpty()) {
                continue;
            }
            List<Object[]> rows = new ArrayList<>();
            Map<Integer, BigDecimal> onOrder = openPurchases(missing);
            for (OdooRecord p : odoo.searchRead(ProductLayout.MODEL, Domain.and(Domain.in("id", missing),
                    Domain.eq("active", true)), List.of(ProductLayout.KEY, "qty_available"), null, null, null,
                    Map.of("active_test", false))) {
                String key = p.getString(ProductLayout.KEY) == null ? "#" + p.id() : p.getString(ProductLayout.KEY);
                String risk = risks.forDeactivation(p, onOrder.getOrDefault(p.id(), BigDecimal.ZERO));
                rows.add(new Object[] {run, ProductLayout.ENTITY, key, "DEACTIVATE", p.id(), true,
                        "{\"active\": false}", "{\"active\": [true, false]}", risk, risk == null ? null : key,
                        risk == null ? "READY" : "AWAITING_APPROVAL", fileId, file, null});
            }
            jdbc.batchUpdate(INSERT, rows);
        }
    }

    /** Quantity still to be received per product on open purchase orders (one read for the page). */
    private Map<Integer, BigDecimal> openPurchases(List<Integer> products) {
        Map<Integer, BigDecimal> open = new HashMap<>();
        for (OdooRecord line : odoo.searchRead("purchase.order.line", Domain.and(Domain.in("product_id", products),
                Domain.in("order_id.state", List.of("draft", "sent", "to approve", "purchase"))),
                List.of("product_id", "product_qty", "qty_received"))) {
            BigDecimal due = line.getDecimal("product_qty").subtract(line.getDecimal("qty_received"));
            if (due.signum() > 0) {
                open.merge(line.getMany2one("product_id").id(), due, BigDecimal::add);
            }
        }
        return open;
    }

    private List<Staged> page(long run, long after) {
        return jdbc.query("""
                SELECT id, inbound_file_id, file_name, line_no, business_key, full_snapshot, values::text
                  FROM md_record WHERE job_instance_id = ? AND entity = ? AND id > ? ORDER BY id LIMIT ?""",
                (rs, n) -> new Staged(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        rs.getBoolean(6), json.readValue(rs.getString(7), new TypeReference<Map<String, Object>>() {
                        })),
                run, ProductLayout.ENTITY, after, PAGE);
    }

    /** Odoo's products with these codes, archived ones too; of two sharing a code, the older one. */
    private Map<String, OdooRecord> current(Set<String> keys) {
        Map<String, OdooRecord> byCode = new HashMap<>();
        for (OdooRecord r : odoo.searchRead(ProductLayout.MODEL, Domain.in(ProductLayout.KEY, List.copyOf(keys)),
                ProductLayout.ODOO_FIELDS, "id", null, null, Map.of("active_test", false))) {
            byCode.putIfAbsent(r.getString(ProductLayout.KEY), r);
        }
        return byCode;
    }

    /** The ids among these products that carry PlantSync's external id. */
    private Set<Integer> bound(Set<String> keys) {
        List<String> names = keys.stream().map(ProductLayout::externalName).toList();
        return odoo.searchRead("ir.model.data", Domain.and(Domain.eq("module", MasterDataSyncJob.MODULE),
                Domain.eq("model", ProductLayout.MODEL), Domain.in("name", names)), List.of("res_id")).stream().map(r -> r.getInt("res_id")).collect(Collectors.toSet());
    }

    /** A small reference model, name to id (archived records included: a file may still name them). */
    private Map<String, Integer> names(String model, String field) {
        Map<String, Integer> ids = new HashMap<>();
        try (Stream<OdooRecord> records = odoo.searchReadAll(model, Domain.all(), List.of(field),
                Map.of("active_test", false))) {
            records.forEach(r -> ids.putIfAbsent(r.getString(field), r.id()));
        }
        return ids;
    }
}
