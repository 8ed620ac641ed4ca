package dev.plantsync.monitoring;

import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Business completion, backlog, data integrity and recovery per flow, as gauges refreshed from the database by
 * set-based queries (one per gauge, however many records): what happened to the invoices, files and records of the
 * last 24 hours, what waits and for how long, and how the latest report of each kind stands. Labels are
 * low-cardinality (partner, job, state, reason code, site), never a business key.
 */
@Component
public class FlowGauges {

    /** A gauge and the query giving its rows: label columns first, the value last. */
    private record Query(MultiGauge gauge, String sql) {
    }

    private final JdbcClient jdbc;
    private final Map<String, Query> queries = new LinkedHashMap<>();

    FlowGauges(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        add(meters, "plantsync.invoices", "invoices received in the last 24 h by partner and outcome", """
                SELECT s.partner, lower(s.outcome) AS outcome, count(*) FROM invoice_staging s
                  JOIN inbound_file f ON f.id = s.inbound_file_id
                 WHERE f.received_at > now() - interval '24 hours' GROUP BY 1, 2""");
        add(meters, "plantsync.inbound.files", "files dropped in the last 24 h by partner, document type and state", """
                SELECT partner, document_type AS document, lower(state) AS state, count(*) FROM inbound_file
                 WHERE received_at > now() - interval '24 hours' GROUP BY 1, 2, 3""");
        add(meters, "plantsync.inbound.backlog.files", "files claimed but not yet processed", """
                SELECT partner, document_type AS document, count(*) FROM inbound_file
                 WHERE state IN ('CLAIMED', 'STAGED') GROUP BY 1, 2""");
        add(meters, "plantsync.inbound.backlog.oldest.seconds", "age of the oldest file not yet processed", """
                SELECT partner, document_type AS document,
                       extract(epoch FROM now() - min(coalesce(dropped_at, received_at))) FROM inbound_file
                 WHERE state IN ('CLAIMED', 'STAGED') GROUP BY 1, 2""");
        add(meters, "plantsync.inbound.left.behind.files", "partner files runs of the last 24 h had to leave in the drop",
                """
                SELECT job_name AS job, count(*) FROM exception_record
                 WHERE reason_code = 'FILE_LEFT_BEHIND' AND created_at > now() - interval '24 hours' GROUP BY 1""");
        add(meters, "plantsync.exceptions.recorded", "bad records skipped in the last 24 h by job and reason", """
                SELECT job_name AS job, reason_code AS reason, count(*) FROM exception_record
                 WHERE created_at > now() - interval '24 hours' GROUP BY 1, 2""");
        add(meters, "plantsync.exceptions.open", "bad records not replayed yet", """
                SELECT job_name AS job, count(*) FROM exception_record WHERE replayed_at IS NULL GROUP BY 1""");
        add(meters, "plantsync.exceptions.open.oldest.seconds", "age of the oldest bad record not replayed", """
                SELECT job_name AS job, extract(epoch FROM now() - min(created_at)) FROM exception_record
                 WHERE replayed_at IS NULL GROUP BY 1""");
        add(meters, "plantsync.approvals.pending", "approval requests waiting for a decision", """
                SELECT job_name AS job, count(*) FROM approval_request WHERE state = 'PENDING' GROUP BY 1""");
        add(meters, "plantsync.approvals.pending.oldest.seconds", "age of the oldest pending approval", """
                SELECT job_name AS job, extract(epoch FROM now() - min(requested_at)) FROM approval_request
                 WHERE state = 'PENDING' GROUP BY 1""");
        // The plant loop (production-completion-import): what waits per plant and state, and since when it happened
        // on the shop floor. STAGED/MARKED wait for a run, APPROVAL for an approver, EXCEPTION for someone to fix the
        // MES file or Odoo. The events still open are few whatever the history (partial index mes_event_attention_idx).
        add(meters, "plantsync.mes.events.open", "MES events not yet applied by plant and state", """
                SELECT plant, lower(state) AS state, count(*) FROM mes_event
                 WHERE state IN ('STAGED', 'MARKED', 'APPROVAL', 'EXCEPTION') GROUP BY 1, 2""");
        add(meters, "plantsync.mes.events.open.oldest.seconds", "since the oldest open MES event happened", """
                SELECT plant, lower(state) AS state, extract(epoch FROM now() - min(event_time)) FROM mes_event
                 WHERE state IN ('STAGED', 'MARKED', 'APPROVAL', 'EXCEPTION') GROUP BY 1, 2""");
        add(meters, "plantsync.mes.events", "MES events staged in the last 24 h by plant and state", """
                SELECT plant, lower(state) AS state, count(*) FROM mes_event
                 WHERE staged_at > now() - interval '24 hours' GROUP BY 1, 2""");
        add(meters, "plantsync.masterdata.changes", "records of the latest master-data run by entity and state", """
                SELECT entity, lower(state) AS state, count(*) FROM md_change
                 WHERE job_instance_id = (SELECT max(job_instance_id) FROM md_change) GROUP BY 1, 2""");
        add(meters, "plantsync.costing.products", "products of the latest cost roll-up by state", """
                SELECT lower(state) AS state, count(*) FROM cost_rollup_line
                 WHERE job_instance_id = (SELECT max(job_instance_id) FROM cost_rollup_line) GROUP BY 1""");
        String latestReports = """
                SELECT DISTINCT ON (kind, scope) kind,
                       scope, breaks, reviewed_by, run_date FROM (
                    SELECT kind, CASE WHEN kind = 'inventory' THEN scope ELSE 'all' END AS scope, breaks, reviewed_by,
                           run_date, job_instance_id FROM reconciliation_report) r
                 ORDER BY kind, scope, run_date DESC, job_instance_id DESC""";
        add(meters, "plantsync.reconciliation.breaks", "breaks of the latest report per kind and site",
                "SELECT kind, scope, breaks FROM (" + latestReports + ") l");
        add(meters, "plantsync.reconciliation.signed.off", "1 when the latest report per kind and site is signed off",
                "SELECT kind, scope, CASE WHEN reviewed_by IS NULL THEN 0 ELSE 1 END FROM (" + latestReports + ") l");
        add(meters, "plantsync.reconciliation.last.run.date.seconds", "business date of the latest report (epoch s)",
                "SELECT kind, scope, extract(epoch FROM run_date) FROM (" + latestReports + ") l");
        add(meters, "plantsync.job.executions", "job executions started in the last 24 h by job and status", """
                SELECT i.job_name AS job, lower(e.status) AS status, count(*) FROM batch_job_execution e
                  JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                 WHERE e.create_time > localtimestamp - interval '24 hours' GROUP BY 1, 2""");
        add(meters, "plantsync.job.running.seconds", "how long the longest running execution of each job has run", """
                SELECT i.job_name AS job, extract(epoch FROM localtimestamp - min(e.start_time))
                  FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                 WHERE e.status IN ('STARTING', 'STARTED', 'STOPPING') AND e.start_time IS NOT NULL GROUP BY 1""");
        add(meters, "plantsync.manual.interventions", "actions people took in the last 24 h by action", """
                SELECT action, count(*) FROM audit_event
                 WHERE channel IN ('console', 'api', 'cli') AND occurred_at > now() - interval '24 hours'
                 GROUP BY 1""");
        add(meters, "plantsync.nodes", "PlantSync processes by liveness (heartbeat within a minute)", """
                SELECT CASE WHEN stopped_at IS NULL AND heartbeat_at > now() - interval '1 minute'
                            THEN 'alive' ELSE 'silent' END AS state, count(*) FROM plantsync_node
                 WHERE started_at > now() - interval '7 days' GROUP BY 1""");
    }

    private void add(MeterRegistry meters, String name, String description, String sql) {
        queries.put(name, new Query(MultiGauge.builder(name).description(description).register(meters), sql));
    }

    /** Re-reads every gauge; labels that disappeared are dropped. */
    public void refresh() {
        queries.values().forEach(q -> q.gauge().register(rows(q.sql()), true));
    }

    private List<MultiGauge.Row<?>> rows(String sql) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        jdbc.sql(sql).query(rs -> {
            ResultSetMetaData meta = rs.getMetaData();
            int last = meta.getColumnCount();
            Tags tags = Tags.empty();
            for (int i = 1; i < last; i++) {
                String value = rs.getString(i);
                tags = tags.and(meta.getColumnLabel(i), value == null ? "none" : value);
            }
            rows.add(MultiGauge.Row.of(tags, rs.getDouble(last)));
        });
        return rows;
    }
}
