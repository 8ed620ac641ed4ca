package dev.plantsync.monitoring;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The journey of one business object through PlantSync, with times: a vendor invoice from the partner's drop to its
 * bill in Odoo and the acknowledgement sent back; a product code through master-data changes, Odoo writes and cost
 * roll-ups. Built from the records the jobs keep anyway, so nothing extra is written on the hot path.
 */
@Service
public class BusinessTrace {

    /** One stage: when, what, and the facts of it (file, segment, reason, who, Odoo id...). */
    public record Step(OffsetDateTime at, String stage, String detail) {
    }

    /** One object's journey (an invoice number may exist once per partner: one journey each). */
    public record Journey(String kind, String key, String partner, List<Step> steps) {
    }

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
