package dev.plantsync.masterdata;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
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
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooRecord;
import dev.plantsync.platform.ExceptionRecords;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The diff of one kind of master data, a page of staged lines at a time: Odoo's current records for the page's keys
 * and PlantSync's external ids for them, read in one call each; references resolved by name (to a record of Odoo's,
 * or to one this run creates earlier, by its external id); each record planned as create, update (only the changed
 * fields, old and new), unchanged, or, for a full snapshot, deactivate. Risky changes are marked for approval (see
 * {@link RiskRules}). Re-running the step replans the kind from scratch.
 */
class PlanChanges implements Tasklet {

    static final int PAGE = 1000;
    /** The reason code of the notice that a file carries more decimals than Odoo keeps. */
    static final String MORE_DECIMALS = "MORE_DECIMALS_THAN_ODOO_KEEPS";
    private static final String INSERT = """
            INSERT INTO md_change (job_instance_id, entity, business_key, action, odoo_id, bound, values, changes, risk,
                approval_key, state, inbound_file_id, file_name, line_no, depth)
            VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?)""";

    /**
     * Depth of each staged record in its chain of same-kind references within the run: 1 for one that refers to none
     * of the run's records, its referent's depth + 1 otherwise (chains of a cycle keep 0 and fail on the reference).
     */
    private static final String CHAIN_DEPTH = """
            WITH RECURSIVE r AS (
                SELECT id, business_key, values ->> ? AS refers FROM md_record WHERE job_instance_id = ? AND entity = ?),
            d AS (
                SELECT id, business_key, 1 AS depth FROM r
                 WHERE refers IS NULL OR refers NOT IN (SELECT business_key FROM r)
                UNION ALL
                SELECT r.id, r.business_key, d.depth + 1 FROM r JOIN d ON r.refers = d.business_key WHERE d.depth < 50)
            UPDATE md_record m SET depth = x.depth
              FROM (SELECT id, max(depth) AS depth FROM d GROUP BY id) x
             WHERE m.id = x.id""";

    private final EntityLayout layout;
    private final OdooClient odoo;
    private final JdbcTemplate jdbc;
    private final ExceptionRecords exceptions;
    private final RiskRules risks;
    private final ObjectMapper json = MasterDataJson.MAPPER;

    PlanChanges(EntityLayout layout, OdooClient odoo, JdbcTemplate jdbc, ExceptionRecords exceptions,
            RiskRules risks) {
        this.layout = layout;
        this.odoo = odoo;
        this.jdbc = jdbc;
        this.exceptions = exceptions;
        this.risks = risks;
    }

    private record Staged(long id, int depth, long fileId, String fileName, int line, String key, boolean full,
            Map<String, Object> values) {
    }

    /** The first value of a file's column that Odoo stores with fewer decimals, and its line. */
    private record RoundedValue(Staged line, EntityLayout.Rounded value) {
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        long run = step.getJobExecution().getJobInstance().getId();
        jdbc.update("DELETE FROM md_change WHERE job_instance_id = ? AND entity = ?", run, layout.entity);
        if (!jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM md_record WHERE job_instance_id = ? AND entity = ?)",
                Boolean.class, run, layout.entity)) {
            return RepeatStatus.FINISHED; // no file of this kind tonight: not a single call to Odoo
        }
        if (layout.selfReference() != null) {
            jdbc.update(CHAIN_DEPTH, layout.selfReference(), run, layout.entity);
        }
        // Reference models read once, when a line first needs them (some exist in one Odoo version only).
        Map<String, Map<String, Integer>> names = new HashMap<>();
        // Records of this kind that this run creates, by key: what a later record may refer to before Odoo has it.
        Map<String, String> creating = new HashMap<>();
        long[] after = {-1, 0};
        Staged snapshot = null;
        // Decimals Odoo keeps per field (read once per model); the first value per file and column that had more.
        StoredPrecision precision = new StoredPrecision(odoo);
        Map<String, RoundedValue> rounded = new LinkedHashMap<>();
        while (true) {
            List<Staged> page = page(run, after);
            if (page.isEmpty()) {
                break;
            }
            Staged last = page.get(page.size() - 1);
            after = new long[] {last.depth(), last.id()};
            // A key staged by two files of the run: the later file is the newer word on it.
            Map<String, Staged> byKey = new LinkedHashMap<>();
            page.forEach(s -> byKey.put(s.key(), s));
            Map<String, OdooRecord> current = layout.current(odoo, byKey.keySet());
            Set<Integer> bound = bound(byKey.keySet());
            List<Object[]> rows = new ArrayList<>();
            for (Staged s : byKey.values()) {
                contribution.incrementReadCount();
                if (s.full()) {
                    snapshot = s;
                }
                Map<String, Object> desired;
                try {
                    desired = layout.atStoredPrecision(layout.desired(s.values(), odoo.majorVersion()), precision,
                            r -> rounded.putIfAbsent(s.fileId() + " " + r.column(), new RoundedValue(s, r)));
                    desired = resolve(desired, names, creating);
                    layout.checkNested(desired, ref -> names.computeIfAbsent(ref.model() + "." + ref.lookupField(),
                            k -> names(ref.model(), ref.lookupField())));
                } catch (EntityLayout.Invalid e) {
                    String where = s.fileName() + ":" + s.line();
                    exceptions.record(MasterDataSyncJob.NAME, step.getJobExecutionId(), step.getStepName(),
                            s.fileId(), where, s.key(), "MISSING_REFERENCE", where + ": " + e.getMessage(), null);
                    continue;
                }
                OdooRecord now = current.get(s.key());
                if (now == null) {
                    creating.put(s.key(), MasterDataSyncJob.MODULE + "." + layout.externalName(s.key()));
                }
                rows.add(plan(run, s, desired, now, bound));
            }
            jdbc.batchUpdate(INSERT, rows);
        }
        if (snapshot != null && layout.odooFields().contains("active")) {
            planDeactivations(run, snapshot);
        }
        risks.holdBrokenExports(run, layout.entity);
        rounded.values().forEach(r -> reportRounding(step, r.line(), r.value()));
        return RepeatStatus.FINISHED;
    }

    /**
     * Once per file and column: the file gives more decimals than Odoo keeps, so Odoo stores the values rounded (and
     * the plan compares them rounded). Not a hold and not a bad line: the file is applied as Odoo can store it.
     */
    private void reportRounding(StepExecution step, Staged s, EntityLayout.Rounded r) {
        exceptions.record(MasterDataSyncJob.NAME, step.getJobExecutionId(), step.getStepName(), s.fileId(),
                s.fileName(), r.column(), MORE_DECIMALS, s.fileName() + ": " + r.column() + " has more decimals than "
                        + "Odoo keeps for " + r.field() + " (" + r.scale() + "): values are stored rounded half-up, e.g. "
                        + "line " + s.line() + " (" + s.key() + ") " + r.given().toPlainString() + " is stored as "
                        + r.stored().toPlainString(), null);
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
                changes.put(field, Arrays.asList(old, value));
            }
        });
        boolean isBound = bound.contains(now.id());
        if (changed.isEmpty()) {
            return row(run, s, "UNCHANGED", now.id(), isBound, Map.of(), null, null);
        }
        return row(run, s, "UPDATE", now.id(), isBound, changed, changes, layout.updateRisk(risks, changes, now));
    }

    private Object[] row(long run, Staged s, String action, Integer odooId, boolean bound, Map<String, Object> values,
            Map<String, List<Object>> changes, String risk) {
        String state = risk != null ? "AWAITING_APPROVAL"
                : "UNCHANGED".equals(action) && bound ? "NOTHING_TO_DO" : "READY";
        return new Object[] {run, layout.entity, s.key(), action, odooId, bound, json.writeValueAsString(values),
                changes == null ? null : json.writeValueAsString(changes), risk, risk == null ? null : s.key(), state,
                s.fileId(), s.fileName(), s.line(), s.depth()};
    }

    /** References by name to ids, or to the external id of a record this run creates first. */
    private Map<String, Object> resolve(Map<String, Object> desired, Map<String, Map<String, Integer>> names,
            Map<String, String> creating) {
        for (Map.Entry<String, EntityLayout.Reference> r : layout.references().entrySet()) {
            Object name = desired.get(r.getKey());
            if (name == null) {
                continue;
            }
            EntityLayout.Reference ref = r.getValue();
            Integer id = names.computeIfAbsent(ref.model() + "." + ref.lookupField(),
                    k -> names(ref.model(), ref.lookupField())).get(name.toString());
            String pending = ref.model().equals(layout.model) ? creating.get(name.toString()) : null;
            if (id == null && pending == null) {
                String column = layout.columns().stream().filter(c -> c.field().equals(r.getKey()))
                        .map(EntityLayout.Column::header).findFirst().orElse(r.getKey());
                throw new EntityLayout.Invalid(column, "'" + name + "': no such " + ref.what() + " in Odoo");
            }
            desired.put(r.getKey(), id != null ? id : pending);
        }
        return desired;
    }

    /** Odoo's value in the shape of a planned one: many2one as its id, numbers as decimals (false stays false). */
    private static Object comparable(Object value) {
        if (value instanceof List<?> list && list.size() == 2 && list.get(0) instanceof Number id
                && list.get(1) instanceof String) {
            return id.intValue(); // a many2one: [id, display name]
        }
        if (value instanceof Number n && !(value instanceof Integer)) {
            return EntityLayout.decimal(n);
        }
        return value;
    }

    /**
     * Numbers to six decimals: the planned value is already at the precision Odoo stores for the field (see
     * {@link StoredPrecision}), so this only absorbs the float noise of fields Odoo keeps as plain doubles; Odoo's
     * false is the file's empty.
     */
    private static boolean same(Object old, Object value) {
        if (value instanceof Number v && !(value instanceof Integer)) {
            BigDecimal o = old instanceof Number n ? EntityLayout.decimal(n) : BigDecimal.ZERO;
            return o.setScale(6, RoundingMode.HALF_UP)
                    .compareTo(EntityLayout.decimal(v).setScale(6, RoundingMode.HALF_UP)) == 0;
        }
        if (value instanceof Boolean) {
            return Objects.equals(old, value);
        }
        if (Boolean.FALSE.equals(old)) {
            return value == null || "".equals(value);
        }
        return Objects.equals(old, value);
    }

    /** Full snapshot: records PlantSync owns (by external id) that the file no longer lists are deactivated. */
    private void planDeactivations(long run, Staged snapshot) {
        List<Integer> owned;
        try (Stream<OdooRecord> data = odoo.searchReadAll("ir.model.data", Domain.and(Domain.eq("module",
                MasterDataSyncJob.MODULE), Domain.eq("model", layout.model)), List.of("res_id"), Map.of())) {
            owned = data.map(r -> r.getInt("res_id")).toList();
        }
        for (int from = 0; from < owned.size(); from += PAGE) {
            List<Integer> ids = owned.subList(from, Math.min(owned.size(), from + PAGE));
            Set<Integer> listed = new HashSet<>(jdbc.queryForList("""
                    SELECT odoo_id::int FROM md_change WHERE job_instance_id = ? AND entity = ?
                       AND odoo_id = ANY (?::bigint[])""", Integer.class, run, layout.entity,
                    ids.toArray(Integer[]::new)));
            List<Integer> missing = ids.stream().filter(id -> !listed.contains(id)).toList();
            if (missing.isEmpty()) {
                continue;
            }
            List<Object[]> rows = new ArrayList<>();
            Map<Integer, BigDecimal> onOrder = ProductLayout.MODEL.equals(layout.model) ? openPurchases(missing)
                    : Map.of();
            for (OdooRecord p : odoo.searchRead(layout.model, Domain.and(Domain.in("id", missing),
                    Domain.eq("active", true)), layout.odooFields(), null, null, null, Map.of("active_test", false))) {
                String key = p.getString(layout.keyField) == null ? "#" + p.id() : p.getString(layout.keyField);
                // (only layouts keyed by one field have an active flag to clear)
                String risk = layout.deactivationRisk(risks, p, onOrder.getOrDefault(p.id(), BigDecimal.ZERO));
                rows.add(new Object[] {run, layout.entity, key, "DEACTIVATE", p.id(), true, "{\"active\": false}",
                        "{\"active\": [true, false]}", risk, risk == null ? null : key,
                        risk == null ? "READY" : "AWAITING_APPROVAL", snapshot.fileId(), snapshot.fileName(), null, 0});
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

    /** The next page in planning order: parents (lower depth) first, then file order. */
    private List<Staged> page(long run, long[] after) {
        return jdbc.query("""
                SELECT id, depth, inbound_file_id, file_name, line_no, business_key, full_snapshot, values::text
                  FROM md_record WHERE job_instance_id = ? AND entity = ? AND (depth, id) > (?, ?)
                 ORDER BY depth, id LIMIT ?""",
                (rs, n) -> new Staged(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), rs.getBoolean(7), json.readValue(rs.getString(8),
                                new TypeReference<Map<String, Object>>() {
                                })),
                run, layout.entity, (int) after[0], after[1], PAGE);
    }

    /** The ids among these records that carry PlantSync's external id. */
    private Set<Integer> bound(Set<String> keys) {
        List<String> externalNames = keys.stream().map(layout::externalName).toList();
        return odoo.searchRead("ir.model.data", Domain.and(Domain.eq("module", MasterDataSyncJob.MODULE),
                Domain.eq("model", layout.model), Domain.in("name", externalNames)), List.of("res_id")).stream()
                .map(r -> r.getInt("res_id")).collect(Collectors.toSet());
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
