package dev.plantsync.masterdata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.LoadAccepting;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooException;
import dev.plantsync.platform.ExceptionRecords;
import dev.plantsync.platform.OdooWriteLedger;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Applies a chunk of ready master-data changes, kind by kind in dependency order, with Odoo's batch operations: new
 * records in one {@code load} per shape with PlantSync's external ids (loading the same ids again updates, so a
 * restart after a crash between Odoo's commit and ours creates nothing twice), updates in one {@code write} per
 * distinct set of values, deactivations likewise, and records PlantSync adopts (found by key, not yet carrying its
 * external id) bound in one {@code create} of {@code ir.model.data}. Each applied record is marked and put in the
 * odoo_write ledger in the chunk's transaction. A record Odoo refuses goes to exceptions with Odoo's message; the
 * rest of the chunk is applied.
 */
class ChangeWriter implements ItemWriter<Long>, StepExecutionListener {

    private final OdooClient odoo;
    private final JdbcClient jdbc;
    private final OdooWriteLedger ledger;
    private final ExceptionRecords exceptions;
    private final ObjectMapper json = MasterDataJson.MAPPER;
    /** Changes of the chunk being written that Odoo refused. */
    private final Set<Long> failed = new HashSet<>();
    private StepExecution step;

    ChangeWriter(OdooClient odoo, JdbcClient jdbc, OdooWriteLedger ledger, ExceptionRecords exceptions) {
        this.odoo = odoo;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.exceptions = exceptions;
    }

    private record Change(long id, String entity, String key, String action, Integer odooId, boolean bound,
            Map<String, Object> values, Long fileId, String where, int depth) {
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.step = stepExecution;
    }

    @Override
    public void write(Chunk<? extends Long> ids) {
        failed.clear();
        List<Change> changes = jdbc.sql("""
                SELECT id, entity, business_key, action, odoo_id::int AS odoo_id, bound, values::text AS values,
                       inbound_file_id, file_name || coalesce(':' || line_no, '') AS location, depth
                  FROM md_change WHERE id IN (:ids) AND state = 'READY' ORDER BY id""")
                .param("ids", List.copyOf(ids.getItems()))
                .query((rs, n) -> new Change(rs.getLong("id"), rs.getString("entity"), rs.getString("business_key"),
                        rs.getString("action"), (Integer) rs.getObject("odoo_id", Integer.class),
                        rs.getBoolean("bound"), json.readValue(rs.getString("values"),
                                new TypeReference<Map<String, Object>>() {
                                }), (Long) rs.getObject("inbound_file_id", Long.class), rs.getString("location"),
                        rs.getInt("depth")))
                .list();
        for (EntityLayout layout : MasterDataSyncJob.LAYOUTS) {
            List<Change> mine = changes.stream().filter(c -> c.entity().equals(layout.entity)).toList();
            if (!mine.isEmpty()) {
                apply(layout, mine);
            }
        }
    }

    private void apply(EntityLayout layout, List<Change> all) {
        // What Odoo stores on the record itself; virtual fields (a vendor's bank account) follow separately.
        List<Change> changes = all.stream().map(c -> stored(layout, c)).toList();
        Map<Long, Integer> created = create(layout, changes.stream().filter(c -> c.action().equals("CREATE")).toList());
        Map<String, List<Change>> byValues = new TreeMap<>();
        for (Change c : changes) {
            if ((c.action().equals("UPDATE") || c.action().equals("DEACTIVATE")) && !c.values().isEmpty()) {
                byValues.computeIfAbsent(json.writeValueAsString(new TreeMap<>(c.values())), v -> new ArrayList<>())
                        .add(c);
            }
        }
        Map<String, Integer> runIds = runExternalIds(layout, changes);
        byValues.values().forEach(same -> update(layout, same, withIds(layout, same.get(0).values(), runIds)));
        if (!layout.virtualFields().isEmpty()) {
            Map<Integer, Map<String, Object>> applied = new LinkedHashMap<>();
            for (Change c : all) {
                Integer odooId = c.odooId() != null ? c.odooId() : created.get(c.id());
                if (!failed.contains(c.id()) && odooId != null && !c.values().isEmpty()) {
                    applied.put(odooId, c.values());
                }
            }
            layout.applyVirtualFields(odoo, applied);
        }
        bind(layout, changes.stream().filter(c -> !c.bound() && c.odooId() != null && !failed.contains(c.id()))
                .toList());
        // Marked applied and put in the ledger in one statement each for the chunk (not two per record).
        List<Long> appliedIds = new ArrayList<>();
        List<Long> appliedOdooIds = new ArrayList<>();
        List<OdooWriteLedger.FieldsWritten> written = new ArrayList<>();
        for (Change c : changes) {
            if (failed.contains(c.id())) {
                continue;
            }
            Integer odooId = c.odooId() != null ? c.odooId() : created.get(c.id());
            appliedIds.add(c.id());
            appliedOdooIds.add(odooId == null ? null : odooId.longValue());
            if (!c.values().isEmpty()) {
                written.add(new OdooWriteLedger.FieldsWritten(c.key(), odooId, c.action().toLowerCase(),
                        c.action().equals("CREATE") ? "CREATED" : "UPDATED",
                        json.writeValueAsString(withIds(layout, c.values(), runIds))));
            }
        }
        if (!appliedIds.isEmpty()) {
            jdbc.sql("""
                    UPDATE md_change m SET state = 'APPLIED', odoo_id = a.odoo_id
                      FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[])) AS a(id, odoo_id) WHERE m.id = a.id""")
                    .params(appliedIds.toArray(Long[]::new), appliedOdooIds.toArray(Long[]::new)).update();
        }
        if (!written.isEmpty()) {
            ledger.recordFieldsAll(layout.model, written, MasterDataSyncJob.NAME, step.getJobExecutionId());
        }
    }

    /**
     * New records, one load per shape: references to records of this run (by external id) and to Odoo's (by database
     * id) are different columns, a parent must be loaded before its children, and an empty cell for a field with a
     * default (active, type, unit, category) would overwrite the default, archiving a product whose line had no
     * active value. Empty plain fields (weight, barcode, cost) load as their defaults anyway.
     */
    private Map<Long, Integer> create(EntityLayout layout, List<Change> creates) {
        Map<Long, Integer> ids = new HashMap<>();
        Map<String, List<Change>> byShape = new LinkedHashMap<>();
        for (Change c : creates) {
            Set<String> shape = new TreeSet<>();
            c.values().forEach((field, value) -> {
                if (layout.defaulted().contains(field)) {
                    shape.add(column(layout, field, value));
                }
            });
            byShape.computeIfAbsent(c.depth() + " " + shape, k -> new ArrayList<>()).add(c);
        }
        byShape.values().forEach(group -> ids.putAll(load(layout, group)));
        return ids;
    }

    /** One load; rows Odoo refuses are set aside with its message, the rest loaded (see {@link LoadAccepting}). */
    private Map<Long, Integer> load(EntityLayout layout, List<Change> creates) {
        List<String> fields = new ArrayList<>(List.of("id"));
        Map<String, String> fieldOfColumn = new LinkedHashMap<>();
        creates.forEach(c -> c.values().forEach((field, value) -> {
            String column = column(layout, field, value);
            if (!fields.contains(column)) {
                fields.add(column);
                fieldOfColumn.put(column, field);
            }
        }));
        List<List<String>> rows = new ArrayList<>();
        for (Change c : creates) {
            List<String> row = new ArrayList<>();
            row.add(MasterDataSyncJob.MODULE + "." + layout.externalName(c.key()));
            for (String column : fields.subList(1, fields.size())) {
                Object value = c.values().get(fieldOfColumn.get(column));
                row.add(column.equals(column(layout, fieldOfColumn.get(column), value)) ? text(value) : "");
            }
            rows.add(row);
        }
        Map<Long, Integer> ids = new HashMap<>();
        LoadAccepting.load(odoo, layout.model, fields, rows, (i, message) -> fail(layout, creates.get(i), message))
                .forEach((i, id) -> ids.put(creates.get(i).id(), id));
        return ids;
    }

    /** Records sharing identical new values: one write for all of them. */
    private void update(EntityLayout layout, List<Change> same, Map<String, Object> values) {
        try {
            odoo.write(layout.model, same.stream().map(Change::odooId).toList(), values, Map.of("active_test", false));
        } catch (OdooException e) {
            if (e.isTransient()) {
                throw e;
            }
            if (same.size() == 1) {
                fail(layout, same.get(0), e.getMessage());
                return;
            }
            // One of them is refused: write them one by one so the others still apply.
            same.forEach(c -> update(layout, List.of(c), values));
        }
    }

    /** Records PlantSync now owns but found by key: their external ids, the ones Odoo does not have yet. */
    private void bind(EntityLayout layout, List<Change> adopted) {
        if (adopted.isEmpty()) {
            return;
        }
        Map<String, Change> byName = new LinkedHashMap<>();
        adopted.forEach(c -> byName.put(layout.externalName(c.key()), c));
        odoo.searchRead("ir.model.data", Domain.and(Domain.eq("module", MasterDataSyncJob.MODULE),
                Domain.in("name", List.copyOf(byName.keySet()))), List.of("name"))
                .forEach(r -> byName.remove(r.getString("name")));
        if (byName.isEmpty()) {
            return;
        }
        List<Map<String, Object>> data = new ArrayList<>();
        byName.forEach((name, c) -> data.add(Map.of("module", MasterDataSyncJob.MODULE, "name", name, "model",
                layout.model, "res_id", c.odooId(), "noupdate", false)));
        odoo.create("ir.model.data", data, Map.of());
    }

    /** The change without its virtual fields. */
    private static Change stored(EntityLayout layout, Change c) {
        if (layout.virtualFields().isEmpty()) {
            return c;
        }
        Map<String, Object> values = new LinkedHashMap<>(c.values());
        values.keySet().removeAll(layout.virtualFields());
        return new Change(c.id(), c.entity(), c.key(), c.action(), c.odooId(), c.bound(), values, c.fileId(),
                c.where(), c.depth());
    }

    /**
     * The Odoo ids of the records of this run that the chunk's values refer to by external id (a new parent category),
     * read in one call once the chunk's own creates are loaded.
     */
    private Map<String, Integer> runExternalIds(EntityLayout layout, List<Change> changes) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        changes.forEach(c -> c.values().forEach((field, value) -> {
            if (layout.references().containsKey(field) && value instanceof String xmlId) {
                names.add(xmlId.substring(xmlId.indexOf('.') + 1));
            }
        }));
        Map<String, Integer> ids = new HashMap<>();
        if (!names.isEmpty()) {
            odoo.searchRead("ir.model.data", Domain.and(Domain.eq("module", MasterDataSyncJob.MODULE),
                    Domain.in("name", List.copyOf(names))), List.of("name", "res_id"))
                    .forEach(r -> ids.put(MasterDataSyncJob.MODULE + "." + r.getString("name"), r.getInt("res_id")));
        }
        return ids;
    }

    /** Values to write with references to records of this run (external ids) turned into their Odoo ids. */
    private static Map<String, Object> withIds(EntityLayout layout, Map<String, Object> values,
            Map<String, Integer> runIds) {
        Map<String, Object> resolved = new LinkedHashMap<>(values);
        values.forEach((field, value) -> {
            if (layout.references().containsKey(field) && value instanceof String xmlId) {
                Integer id = runIds.get(xmlId);
                if (id == null) {
                    throw new IllegalStateException("external id " + xmlId + " is not in Odoo");
                }
                resolved.put(field, id);
            }
        });
        return resolved;
    }

    private void fail(EntityLayout layout, Change c, String message) {
        failed.add(c.id());
        jdbc.sql("UPDATE md_change SET state = 'FAILED', message = :message WHERE id = :id")
                .param("message", message).param("id", c.id()).update();
        exceptions.record(MasterDataSyncJob.NAME, step.getJobExecutionId(), step.getStepName(), c.fileId(),
                c.where(), c.key(), "ODOO_REJECTED", c.where() + ": Odoo refused " + c.action().toLowerCase() + " of "
                        + layout.entity + " " + c.key() + ": " + message, json.writeValueAsString(c.values()));
    }

    /** A reference is loaded by database id ("field/.id") or, when this run creates it, by external id ("field/id"). */
    private static String column(EntityLayout layout, String field, Object value) {
        if (!layout.references().containsKey(field)) {
            return field;
        }
        return value instanceof String ? field + "/id" : field + "/.id";
    }

    /** load takes text: booleans as 1/0, numbers plain, absent as empty. */
    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof Number n) {
            return new java.math.BigDecimal(n.toString()).toPlainString();
        }
        return value.toString();
    }
}
