package dev.plantsync.masterdata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.LoadResult;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooException;
import dev.plantsync.platform.ExceptionRecords;
import dev.plantsync.platform.OdooWriteLedger;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Applies a chunk of ready product changes with Odoo's batch operations: new products in one {@code load} with
 * PlantSync's external ids (loading the same ids again updates, so a restart after a crash between Odoo's commit and
 * ours creates nothing twice), updates in one {@code write} per distinct set of values, deactivations in one write,
 * and products PlantSync adopts (found by code, not yet carrying its external id) bound in one {@code create} of
 * {@code ir.model.data}. Each applied record is marked and put in the odoo_write ledger in the chunk's transaction.
 * A record Odoo refuses goes to exceptions with Odoo's message; the rest of the chunk is applied.
 */
class ProductWriter implements ItemWriter<Long>, StepExecutionListener {

    private final OdooClient odoo;
    private final JdbcClient jdbc;
    private final OdooWriteLedger ledger;
    private final ExceptionRecords exceptions;
    private final ObjectMapper json = MasterDataJson.MAPPER;
    /** Changes of the chunk being written that Odoo refused. */
    private final Set<Long> failed = new HashSet<>();
    private StepExecution step;

    ProductWriter(OdooClient odoo, JdbcClient jdbc, OdooWriteLedger ledger, ExceptionRecords exceptions) {
        this.odoo = odoo;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.exceptions = exceptions;
    }

    private record Change(long id, String key, String action, Integer odooId, boolean bound,
            Map<String, Object> values, Long fileId, String where) {
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.step = stepExecution;
    }

    @Override
    public void write(Chunk<? extends Long> ids) {
        failed.clear();
        List<Change> changes = jdbc.sql("""
                SELECT id, business_key, action, odoo_id::int AS odoo_id, bound, values::text AS values, inbound_file_id,
                       file_name || coalesce(':' || line_no, '') AS location
                  FROM md_change WHERE id IN (:ids) AND state = 'READY' ORDER BY id""")
                .param("ids", List.copyOf(ids.getItems()))
                .query((rs, n) -> new Change(rs.getLong("id"), rs.getString("business_key"), rs.getString("action"),
                        (Integer) rs.getObject("odoo_id", Integer.class), rs.getBoolean("bound"),
                        json.readValue(rs.getString("values"), new TypeReference<Map<String, Object>>() {
                        }), (Long) rs.getObject("inbound_file_id", Long.class), rs.getString("location")))
                .list();
        List<Change> creates = changes.stream().filter(c -> c.action().equals("CREATE")).toList();
        Map<Long, Integer> created = create(creates);
        Map<String, List<Change>> byValues = new TreeMap<>();
        for (Change c : changes) {
            if (c.action().equals("UPDATE") || c.action().equals("DEACTIVATE")) {
                byValues.computeIfAbsent(json.writeValueAsString(new TreeMap<>(c.values())), v -> new ArrayList<>())
                        .add(c);
            }
        }
        byValues.values().forEach(this::update);
        bind(changes.stream().filter(c -> !c.bound() && c.odooId() != null && !failed.contains(c.id())).toList());
        for (Change c : changes) {
            if (failed.contains(c.id())) {
                continue;
            }
            Integer odooId = c.odooId() != null ? c.odooId() : created.get(c.id());
            jdbc.sql("UPDATE md_change SET state = 'APPLIED', odoo_id = :odoo WHERE id = :id")
                    .param("odoo", odooId).param("id", c.id()).update();
            if (!c.values().isEmpty()) {
                ledger.recordFields(ProductLayout.MODEL, c.key(), odooId, c.action().toLowerCase(),
                        c.action().equals("CREATE") ? "CREATED" : "UPDATED", MasterDataSyncJob.NAME, step.getJobExecutionId(),
                        json.writeValueAsString(c.values()));
            }
        }
    }

    /**
     * New products, one load per set of defaulted fields given: an empty cell for a field with a default (active,
     * type, unit, category, tracking) would overwrite the default with false, archiving a product whose line had no
     * active value. Empty plain fields (weight, barcode, cost) load as their defaults anyway.
     */
    private Map<Long, Integer> create(List<Change> creates) {
        Map<Long, Integer> ids = new HashMap<>();
        Map<Set<String>, List<Change>> byColumns = new LinkedHashMap<>();
        creates.forEach(c -> byColumns.computeIfAbsent(c.values().keySet().stream()
                .filter(ProductLayout.DEFAULTED::contains).collect(java.util.stream.Collectors.toCollection(
                        java.util.TreeSet::new)), k -> new ArrayList<>()).add(c));
        byColumns.values().forEach(group -> ids.putAll(load(group)));
        return ids;
    }

    /** One load; rows Odoo refuses are set aside with its message and the rest loaded again. */
    private Map<Long, Integer> load(List<Change> creates) {
        Map<Long, Integer> ids = new HashMap<>();
        List<Change> pending = new ArrayList<>(creates);
        for (int attempt = 0; attempt < 2 && !pending.isEmpty(); attempt++) {
            List<String> fields = new ArrayList<>(List.of("id", ProductLayout.KEY));
            pending.forEach(c -> c.values().keySet().forEach(f -> {
                String column = isReference(f) ? f + "/.id" : f;
                if (!fields.contains(column)) {
                    fields.add(column);
                }
            }));
            List<List<String>> rows = new ArrayList<>();
            for (Change c : pending) {
                List<String> row = new ArrayList<>();
                for (String column : fields) {
                    String field = column.endsWith("/.id") ? column.substring(0, column.length() - 4) : column;
                    row.add(column.equals("id") ? MasterDataSyncJob.MODULE + "." + ProductLayout.externalName(c.key())
                            : text(c.values().get(field)));
                }
                rows.add(row);
            }
            LoadResult result = odoo.load(ProductLayout.MODEL, fields, rows, Map.of());
            if (result.saved()) {
                for (int i = 0; i < pending.size(); i++) {
                    ids.put(pending.get(i).id(), result.ids().get(i));
                }
                return ids;
            }
            Set<Integer> refused = new HashSet<>();
            for (Map<String, Object> message : result.messages()) {
                Object record = message.get("record");
                if (record instanceof Number n) {
                    refused.add(n.intValue());
                    fail(pending.get(n.intValue()), "ODOO_REJECTED", String.valueOf(message.get("message")));
                }
            }
            if (refused.isEmpty()) {
                pending.forEach(c -> fail(c, "ODOO_REJECTED", result.messages().toString()));
                return ids;
            }
            List<Change> rest = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                if (!refused.contains(i)) {
                    rest.add(pending.get(i));
                }
            }
            pending = rest;
        }
        pending.forEach(c -> fail(c, "ODOO_REJECTED", "refused by Odoo together with other rows twice"));
        return ids;
    }

    /** Records sharing identical new values: one write for all of them. */
    private void update(List<Change> same) {
        try {
            odoo.write(ProductLayout.MODEL, same.stream().map(Change::odooId).toList(), same.get(0).values(),
                    Map.of("active_test", false));
        } catch (OdooException e) {
            if (e.isTransient() || same.size() == 1) {
                if (e.isTransient()) {
                    throw e;
                }
                fail(same.get(0), "ODOO_REJECTED", e.getMessage());
                return;
            }
            // One of them is refused: write them one by one so the others still apply.
            same.forEach(c -> update(List.of(c)));
        }
    }

    /** Products PlantSync now owns but found by code: their external ids, the ones Odoo does not have yet. */
    private void bind(List<Change> adopted) {
        if (adopted.isEmpty()) {
            return;
        }
        Map<String, Change> byName = new LinkedHashMap<>();
        adopted.forEach(c -> byName.put(ProductLayout.externalName(c.key()), c));
        odoo.searchRead("ir.model.data", Domain.and(Domain.eq("module", MasterDataSyncJob.MODULE),
                Domain.in("name", List.copyOf(byName.keySet()))), List.of("name"))
                .forEach(r -> byName.remove(r.getString("name")));
        if (byName.isEmpty()) {
            return;
        }
        List<Map<String, Object>> data = new ArrayList<>();
        byName.forEach((name, c) -> data.add(Map.of("module", MasterDataSyncJob.MODULE, "name", name, "model",
                ProductLayout.MODEL, "res_id", c.odooId(), "noupdate", false)));
        odoo.create("ir.model.data", data, Map.of());
    }

    private void fail(Change c, String code, String message) {
        failed.add(c.id());
        jdbc.sql("UPDATE md_change SET state = 'FAILED', message = :message WHERE id = :id")
                .param("message", message).param("id", c.id()).update();
        exceptions.record(MasterDataSyncJob.NAME, step.getJobExecutionId(), step.getStepName(), c.fileId(),
                c.where(), c.key(), code, c.where() + ": Odoo refused " + c.action().toLowerCase() + " of product "
                        + c.key() + ": " + message, json.writeValueAsString(c.values()));
    }

    private static boolean isReference(String field) {
        return field.equals(ProductLayout.CATEGORY) || field.equals(ProductLayout.UNIT)
                || field.equals(ProductLayout.PURCHASE_UNIT);
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
