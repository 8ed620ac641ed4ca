package dev.plantsync.monitoring;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The journey of one business object through PlantSync, with times: a vendor invoice from the partner's drop to its
 * bill in Odoo and the acknowledgement sent back; a product code through master-data changes, Odoo writes and cost
 * roll-ups; a manufacturing order from each release to its plant's MES to each completion event booked in Odoo. Built
 * from the records the jobs keep anyway, so nothing extra is written on the hot path.
 */
@Service
public class BusinessTrace {

    /** One stage: when, what, and the facts of it (file, segment, reason, who, Odoo id...). */
    public record Step(OffsetDateTime at, String stage, String detail) {
    }

    /** One object's journey (an invoice number may exist once per partner: one journey each). */
    public record Journey(String kind, String key, String partner, List<Step> steps) {
    }

    /** Odoo's suffix for the parts of a split order: WH/MO/00017 becomes -001 and its backorder -002. */
    private static final Pattern SPLIT_SUFFIX = Pattern.compile("-\\d{3}$");

    private static final Comparator<Step> BY_TIME = Comparator.comparing(Step::at,
            Comparator.nullsLast(Comparator.naturalOrder()));

    private final JdbcClient jdbc;

    BusinessTrace(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Journey> invoice(String number) {
        List<Journey> journeys = new ArrayList<>();
        jdbc.sql("""
                SELECT s.id, s.partner, s.outcome, s.reasons, s.staged_at, s.outcome_at, s.source_format, s.interchange,
                       s.position, s.odoo_move_id, s.odoo_partner_id, f.id AS file_id, f.name, f.sha256, f.dropped_at,
                       f.received_at, f.state, f.state_reason, f.acknowledgements, f.acknowledged_at, s.job_instance_id
                  FROM invoice_staging s JOIN inbound_file f ON f.id = s.inbound_file_id
                 WHERE s.invoice_number = :number ORDER BY s.id""")
                .param("number", number)
                .query(rs -> {
                    List<Step> steps = new ArrayList<>();
                    String file = rs.getString("name") + " (inbound file " + rs.getLong("file_id") + ", sha256 "
                            + abbreviate(rs.getString("sha256")) + ")";
                    add(steps, rs.getObject("dropped_at", OffsetDateTime.class), "dropped", file);
                    add(steps, rs.getObject("received_at", OffsetDateTime.class), "claimed", file + ", state "
                            + rs.getString("state") + (rs.getString("state_reason") == null ? ""
                                    : ": " + rs.getString("state_reason")));
                    add(steps, rs.getObject("staged_at", OffsetDateTime.class), "parsed", rs.getString("source_format")
                            + " interchange " + rs.getString("interchange") + ", segment " + rs.getObject("position")
                            + ", run " + rs.getLong("job_instance_id"));
                    add(steps, rs.getObject("outcome_at", OffsetDateTime.class), "outcome", rs.getString("outcome")
                            + (rs.getString("reasons") == null ? "" : ": " + rs.getString("reasons")));
                    long staging = rs.getLong("id");
                    approvals(staging, steps);
                    odooWrites(rs.getObject("odoo_partner_id") == null ? null
                            : rs.getLong("odoo_partner_id") + "|" + number, "account.move", steps);
                    if (rs.getObject("odoo_move_id") != null) {
                        add(steps, rs.getObject("outcome_at", OffsetDateTime.class), "in Odoo",
                                "account.move " + rs.getLong("odoo_move_id"));
                    }
                    if (rs.getString("acknowledgements") != null) {
                        add(steps, rs.getObject("acknowledged_at", OffsetDateTime.class), "acknowledged",
                                rs.getString("acknowledgements"));
                    }
                    steps.sort(BY_TIME);
                    journeys.add(new Journey("invoice", number, rs.getString("partner"), steps));
                });
        return journeys;
    }

    public List<Journey> product(String code) {
        List<Step> steps = new ArrayList<>();
        jdbc.sql("""
                SELECT c.entity, c.action, c.state, c.odoo_id, c.file_name, c.line_no, c.risk, c.message,
                       c.job_instance_id, f.received_at
                  FROM md_change c LEFT JOIN inbound_file f ON f.id = c.inbound_file_id
                 WHERE c.business_key = :code ORDER BY c.id""")
                .param("code", code)
                .query(rs -> {
                    add(steps, rs.getObject("received_at", OffsetDateTime.class), "master data " + rs.getString("entity"),
                            rs.getString("action") + " " + rs.getString("state") + " from " + rs.getString("file_name")
                                    + " line " + rs.getObject("line_no") + ", run " + rs.getLong("job_instance_id")
                                    + (rs.getString("risk") == null ? "" : ", held: " + rs.getString("risk"))
                                    + (rs.getString("message") == null ? "" : ", " + rs.getString("message"))
                                    + (rs.getObject("odoo_id") == null ? "" : ", Odoo id " + rs.getLong("odoo_id")));
                });
        odooWrites(code, null, steps);
        jdbc.sql("""
                SELECT l.job_instance_id, l.state, l.old_cost, l.new_cost, l.revaluation, e.end_time
                  FROM cost_rollup_line l
                  LEFT JOIN batch_job_execution e ON e.job_execution_id = (SELECT max(job_execution_id)
                       FROM batch_job_execution x WHERE x.job_instance_id = l.job_instance_id)
                 WHERE l.code = :code ORDER BY l.job_instance_id""")
                .param("code", code)
                .query(rs -> {
                    Timestamp end = rs.getTimestamp("end_time");
                    add(steps, end == null ? null : end.toInstant().atOffset(ZoneOffset.UTC), "cost roll-up",
                            rs.getString("state") + ": " + rs.getBigDecimal("old_cost") + " -> "
                                    + rs.getBigDecimal("new_cost") + ", revaluation " + rs.getBigDecimal("revaluation")
                                    + ", run " + rs.getLong("job_instance_id"));
                });
        steps.sort(BY_TIME);
        return steps.isEmpty() ? List.of() : List.of(new Journey("product", code, null, steps));
    }

    /**
     * A manufacturing order's family, one journey per plant: every release of it (file, version, change, the MES's
     * acknowledgement) and every MES event booked against it (staged from which file and line, its state and why, the
     * Odoo order it was applied to). {@code name} may be the MES's name or any Odoo name of the family: Odoo renames
     * a partly done order (WH/MO/00017 -> WH/MO/00017-001) and gives its backorder the next suffix (-002), while the
     * MES keeps the name it was released under; the family is the name without the suffix plus every suffixed name.
     */
    public List<Journey> manufacturingOrder(String name) {
        String root = SPLIT_SUFFIX.matcher(name).replaceFirst("");
        Map<String, List<Step>> byPlant = new TreeMap<>();
        jdbc.sql("""
                SELECT r.plant, r.mo_id, r.mo_name, r.version, r.change, r.changes, r.line_no, r.ack_status,
                       r.ack_reason, r.acked_at, r.ack_file_id, f.id AS file_id, f.name AS file_name, f.state,
                       f.created_at, f.delivered_at, f.job_instance_id
                  FROM production_release r JOIN production_release_file f ON f.id = r.file_id
                 WHERE r.mo_name IN (:name, :root) OR r.mo_name LIKE :family ESCAPE '\\'
                 ORDER BY r.id""")
                .param("name", name).param("root", root).param("family", likeFamily(root))
                .query(rs -> {
                    List<Step> steps = byPlant.computeIfAbsent(rs.getString("plant"), p -> new ArrayList<>());
                    OffsetDateTime delivered = rs.getObject("delivered_at", OffsetDateTime.class);
                    add(steps, delivered != null ? delivered : rs.getObject("created_at", OffsetDateTime.class),
                            "released", rs.getString("mo_name") + " (Odoo id " + rs.getInt("mo_id") + ") version "
                                    + rs.getInt("version") + " " + rs.getString("change")
                                    + (rs.getString("changes") == null ? "" : " (" + rs.getString("changes") + ")")
                                    + " in " + rs.getString("file_name") + " line " + rs.getInt("line_no")
                                    + " (release file " + rs.getLong("file_id") + ", " + rs.getString("state")
                                    + ", run " + rs.getLong("job_instance_id") + ")");
                    if (rs.getString("ack_status") != null) {
                        add(steps, rs.getObject("acked_at", OffsetDateTime.class), "MES acknowledged",
                                rs.getString("ack_status") + " version " + rs.getInt("version")
                                        + (rs.getString("ack_reason") == null ? "" : ": " + rs.getString("ack_reason"))
                                        + (rs.getObject("ack_file_id") == null ? ""
                                                : " (inbound file " + rs.getLong("ack_file_id") + ")"));
                    }
                });
        jdbc.sql("""
                SELECT e.plant, e.event_id, e.event_type, e.final, e.quantity, e.unit, e.product_code, e.lot,
                       e.event_time, e.work_centre, e.reason, e.mo_name, e.state, e.state_reason, e.line,
                       e.job_instance_id, e.odoo_mo_id, e.odoo_record_id, e.approved, e.staged_at, e.marked_at,
                       e.applied_at, f.id AS file_id, f.name AS file_name, """ + PlantLoopStatus.ODOO_NAME + """
                  FROM mes_event e LEFT JOIN inbound_file f ON f.id = e.inbound_file_id
                 WHERE e.mo_name IN (:name, :root) OR e.mo_name LIKE :family ESCAPE '\\'
                    OR e.odoo_mo_name IN (:name, :root) OR e.odoo_mo_name LIKE :family ESCAPE '\\'
                    OR (e.plant, e.mo_name) IN (SELECT m.plant, m.mes_name FROM mes_mo_map m
                                                WHERE m.odoo_name IN (:name, :root)
                                                   OR m.odoo_name LIKE :family ESCAPE '\\')
                 ORDER BY e.id""")
                .param("name", name).param("root", root).param("family", likeFamily(root))
                .query(rs -> {
                    List<Step> steps = byPlant.computeIfAbsent(rs.getString("plant"), p -> new ArrayList<>());
                    String event = "event " + rs.getString("event_id") + " " + rs.getString("event_type");
                    add(steps, rs.getObject("event_time", OffsetDateTime.class), "MES event", event
                            + (rs.getBigDecimal("quantity") == null ? ""
                                    : " " + rs.getBigDecimal("quantity").stripTrailingZeros().toPlainString()
                                            + (rs.getString("unit") == null ? "" : " " + rs.getString("unit")))
                            + (rs.getString("product_code") == null ? "" : " of " + rs.getString("product_code"))
                            + (rs.getString("lot") == null ? "" : ", lot " + rs.getString("lot"))
                            + (rs.getBoolean("final") ? ", final" : "")
                            + " on " + rs.getString("mo_name")
                            + (rs.getString("work_centre") == null ? "" : " at " + rs.getString("work_centre"))
                            + (rs.getString("reason") == null ? "" : ", reason: " + rs.getString("reason")));
                    add(steps, rs.getObject("staged_at", OffsetDateTime.class), "MES event staged", event + " from "
                            + (rs.getObject("file_id") == null ? "-" : rs.getString("file_name") + " (inbound file "
                                    + rs.getLong("file_id") + ")") + " line " + rs.getInt("line") + ", run "
                            + rs.getLong("job_instance_id"));
                    String state = rs.getString("state");
                    String reason = rs.getString("state_reason") == null ? "" : ": " + rs.getString("state_reason");
                    String odoo = rs.getObject("odoo_mo_id") == null ? ""
                            : " to " + (rs.getString("odoo_name") == null ? "" : rs.getString("odoo_name") + " ")
                                    + "(Odoo id " + rs.getLong("odoo_mo_id") + ")"
                                    + (rs.getObject("odoo_record_id") == null ? ""
                                            : ", record " + rs.getLong("odoo_record_id"));
                    OffsetDateTime marked = rs.getObject("marked_at", OffsetDateTime.class);
                    switch (state) {
                        case "APPLIED" -> add(steps, rs.getObject("applied_at", OffsetDateTime.class),
                                "applied in Odoo", event + odoo + (rs.getBoolean("approved") ? ", approved" : "")
                                        + reason);
                        case "STAGED" -> { } // the staged step says it all: it waits for the next run
                        case "MARKED" -> add(steps, marked, "being applied", event + odoo
                                + " (marked before its Odoo calls; a restart verifies what Odoo holds)");
                        default -> add(steps, marked, "MES event " + state.toLowerCase(java.util.Locale.ROOT),
                                event + odoo + reason);
                    }
                });
        jdbc.sql("""
                SELECT plant, mes_name, odoo_mo_id, odoo_name, ordered_qty, updated_at FROM mes_mo_map
                 WHERE mes_name IN (:name, :root) OR mes_name LIKE :family ESCAPE '\\'
                    OR odoo_name IN (:name, :root) OR odoo_name LIKE :family ESCAPE '\\'
                 ORDER BY plant, mes_name""")
                .param("name", name).param("root", root).param("family", likeFamily(root))
                .query(rs -> {
                    add(byPlant.computeIfAbsent(rs.getString("plant"), p -> new ArrayList<>()),
                            rs.getObject("updated_at", OffsetDateTime.class), "MES name mapped",
                            rs.getString("mes_name") + " -> " + rs.getString("odoo_name") + " (Odoo id "
                                    + rs.getLong("odoo_mo_id") + "), the family ordered "
                                    + rs.getBigDecimal("ordered_qty").stripTrailingZeros().toPlainString());
                });
        List<Journey> journeys = new ArrayList<>();
        byPlant.forEach((plant, steps) -> {
            steps.sort(BY_TIME);
            journeys.add(new Journey("manufacturing order", root, plant, steps));
        });
        return journeys;
    }

    /** {@code root-%} for LIKE, the root's own wildcards escaped. */
    private static String likeFamily(String root) {
        return root.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "-%";
    }

    private void approvals(long staging, List<Step> steps) {
        jdbc.sql("""
                SELECT id, reason_code, requested_at, state, decided_by, decided_at, decision_comment
                  FROM approval_request WHERE checkpoint = 'invoice-exceptions' AND business_key = :key""")
                .param("key", String.valueOf(staging))
                .query(rs -> {
                    add(steps, rs.getObject("requested_at", OffsetDateTime.class), "approval asked",
                            "#" + rs.getLong("id") + " " + rs.getString("reason_code"));
                    if (rs.getObject("decided_at") != null) {
                        add(steps, rs.getObject("decided_at", OffsetDateTime.class), "approval decided",
                                rs.getString("state") + " by " + rs.getString("decided_by")
                                        + (rs.getString("decision_comment") == null ? ""
                                                : ": " + rs.getString("decision_comment")));
                    }
                });
    }

    private void odooWrites(String key, String model, List<Step> steps) {
        if (key == null) {
            return;
        }
        jdbc.sql("""
                SELECT model, operation, odoo_id, state, job_name, job_execution_id, created_at, updated_at
                  FROM odoo_write WHERE business_key = :key AND (CAST(:model AS TEXT) IS NULL OR model = :model)
                 ORDER BY id""")
                .param("key", key).param("model", model)
                .query(rs -> {
                    add(steps, rs.getObject("updated_at", OffsetDateTime.class), "written to Odoo",
                            rs.getString("model") + " " + rs.getString("operation") + " " + rs.getString("state")
                                    + (rs.getObject("odoo_id") == null ? "" : ", id " + rs.getLong("odoo_id"))
                                    + " by " + rs.getString("job_name") + " execution " + rs.getLong("job_execution_id"));
                });
    }

    private static void add(List<Step> steps, OffsetDateTime at, String stage, String detail) {
        if (at != null || !"dropped".equals(stage)) {
            steps.add(new Step(at, stage, detail));
        }
    }

    private static String abbreviate(String sha) {
        return sha == null ? "-" : sha.substring(0, Math.min(12, sha.length()));
    }
}
