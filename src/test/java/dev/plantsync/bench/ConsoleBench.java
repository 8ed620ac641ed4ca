package dev.plantsync.bench;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.plantsync.PlantSyncApplication;
import dev.plantsync.support.ConsoleSession;
import dev.plantsync.support.TestDatabases;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Console page times at volume: a server node on a fresh database seeded (set-based SQL) with {@code executions} job
 * executions of two steps each, one inventory run of {@code breaks} breaks among 30 runs for the trend, audit events,
 * partner files and decided approvals. Each page is fetched signed in, warmed up, then timed 20 times: median, p95
 * and max, server time plus the local HTTP round trip.
 */
public final class ConsoleBench {

    private static final int ROUNDS = 20;

    private ConsoleBench() {
    }

    public static void main(String[] args) throws Exception {
        int executions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int breaks = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        TestDatabases.FreshDatabase db = TestDatabases.create();
        List<String> props = new ArrayList<>(List.of(db.properties()));
        props.addAll(List.of("server.port=0", "logging.level.root=WARN", "plantsync.scheduler.enabled=false",
                "plantsync.security.users[0].name=bench",
                "plantsync.security.users[0].password={bcrypt}" + new BCryptPasswordEncoder(4).encode("bench-secret"),
                "plantsync.security.users[0].roles[0]=OPERATOR", "plantsync.security.users[0].roles[1]=APPROVER"));
        try (ConfigurableApplicationContext context = PlantSyncApplication.builder(true)
                .properties(props.toArray(String[]::new)).run()) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            long seeded = System.nanoTime();
            seed(jdbc, executions, breaks);
            System.out.printf("seeded %,d executions, %,d breaks in %.1f s%n", executions, breaks,
                    (System.nanoTime() - seeded) / 1e9);
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            ConsoleSession console = new ConsoleSession(port).signIn("bench", "bench-secret");
            long run = 2_000_000L + 29;
            long someExecution = 1_000_000L + executions / 2;
            List<String> pages = List.of("/console/jobs", "/console/executions",
                    "/console/executions?job=demo&page=" + (executions / 2 / 50 / 2),
                    "/console/executions?status=FAILED", "/console/executions/" + someExecution,
                    "/console/approvals", "/console/reconciliation?kind=inventory",
                    "/console/reconciliation/inventory/" + run,
                    "/console/reconciliation/inventory/" + run + "?category=QTY_MISMATCH&minValue=500",
                    "/console/reconciliation/inventory/" + run + "?minNights=3&page=" + (breaks / 100 / 4),
                    "/console/files", "/console/files?partner=p3&state=QUARANTINED", "/console/audit",
                    "/console/audit?actor=user7");
            System.out.printf("%-75s %8s %8s %8s%n", "page", "median", "p95", "max");
            for (String page : pages) {
                long[] ms = time(console, page);
                System.out.printf("%-75s %6d ms %5d ms %5d ms%n", page, ms[ROUNDS / 2], ms[ROUNDS * 95 / 100],
                        ms[ROUNDS - 1]);
            }
        }
        System.exit(0);
    }

    private static void seed(JdbcClient jdbc, int executions, int breaks) {
        jdbc.sql("""
                INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key)
                SELECT 1000000 + g, 0, (ARRAY['demo', 'supplier-invoice-posting', 'master-data-sync',
                       'inventory-reconciliation', 'posting-reconciliation'])[1 + g % 5], md5(g::text)
                  FROM generate_series(1, :n) g""").param("n", executions).update();
        jdbc.sql("""
                INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time, start_time,
                       end_time, status, exit_code, exit_message, last_updated)
                SELECT 1000000 + g, 2, 1000000 + g, ts, ts, ts + interval '3 minutes',
                       CASE WHEN g % 50 = 0 THEN 'FAILED' ELSE 'COMPLETED' END,
                       CASE WHEN g % 50 = 0 THEN 'FAILED' ELSE 'COMPLETED' END,
                       CASE WHEN g % 50 = 0 THEN 'java.lang.IllegalStateException: boom' ELSE '' END, ts
                  FROM generate_series(1, :n) g, LATERAL (SELECT now() - (:n - g) * interval '1 hour' AS ts) t""")
                .param("n", executions).update();
        jdbc.sql("""
                INSERT INTO batch_job_execution_params (job_execution_id, parameter_name, parameter_type,
                       parameter_value, identifying)
                SELECT 1000000 + g, 'businessDate', 'java.time.LocalDate', (current_date - g)::text, 'Y'
                  FROM generate_series(1, :n) g""").param("n", executions).update();
        jdbc.sql("""
                INSERT INTO batch_step_execution (step_execution_id, version, step_name, job_execution_id, create_time,
                       start_time, end_time, status, commit_count, read_count, filter_count, write_count,
                       read_skip_count, write_skip_count, process_skip_count, rollback_count, exit_code, last_updated)
                SELECT 1000000 + g * 2 + s, 3, 'step-' || s, 1000000 + g, now(), now(), now(), 'COMPLETED', 10, 10000,
                       0, 9990, 5, 0, 5, 0, 'COMPLETED', now()
                  FROM generate_series(1, :n) g, generate_series(0, 1) s""").param("n", executions).update();
        jdbc.sql("""
                INSERT INTO inventory_recon_run (job_instance_id, site, run_date, odoo_rows, wms_rows, breaks,
                       break_value, new_breaks, resolved_breaks, flagged_breaks)
                SELECT 2000000 + r, 'MAIN', current_date - (29 - r), :b, :b, :b / (30 - r), 1000 * r, 10, 5, 1
                  FROM generate_series(0, 29) r""").param("b", breaks).update();
        jdbc.sql("""
                INSERT INTO inventory_break (job_instance_id, site, category, location, item, lot, odoo_quantity,
                       wms_quantity, difference, value, first_seen, nights_open, flagged)
                SELECT 2000029, 'MAIN', (ARRAY['QTY_MISMATCH', 'MISSING_IN_WMS', 'MISSING_IN_ODOO', 'LOT_MISMATCH',
                       'UNMAPPED_LOCATION'])[1 + g % 5], 'WH/Stock/Shelf ' || (g % 200), 'ITEM-' || g, '',
                       g % 100, g % 100 + 3, 3, (g % 1000) * 1.5, current_date - g % 10, 1 + g % 10, g % 10 > 6
                  FROM generate_series(1, :b) g""").param("b", breaks).update();
        jdbc.sql("""
                INSERT INTO audit_event (occurred_at, actor, channel, action, target, outcome, detail)
                SELECT now() - g * interval '1 minute', 'user' || (g % 20), 'console',
                       (ARRAY['LAUNCH', 'RESTART', 'DECIDE'])[1 + g % 3], 'demo#' || g, 'OK', NULL
                  FROM generate_series(1, :n) g""").param("n", executions * 5).update();
        jdbc.sql("""
                INSERT INTO inbound_file (partner, document_type, name, size_bytes, sha256, received_at, state,
                       state_reason, acknowledgements)
                SELECT 'p' || (g % 10), 'INVOICE', 'file-' || g || '.edi', 1000 + g, md5(g::text) || md5(g::text),
                       now() - g * interval '1 minute', CASE WHEN g % 20 = 0 THEN 'QUARANTINED' ELSE 'PROCESSED' END,
                       CASE WHEN g % 20 = 0 THEN 'segment 7: bad date' END, '997_' || g || '.edi'
                  FROM generate_series(1, :n) g""").param("n", executions * 2).update();
        jdbc.sql("""
                INSERT INTO approval_request (job_name, job_instance_id, job_execution_id, checkpoint, business_key,
                       subject, reason_code, reason, impact_amount, impact_currency, state, decided_by, decided_at)
                SELECT 'supplier-invoice-posting', 1000000 + g, 1000000 + g, 'invoice-exceptions', g::text,
                       'invoice ' || g, 'PRICE_OVER_TOLERANCE', 'price over tolerance', g, 'USD',
                       CASE WHEN g <= 20 THEN 'PENDING' ELSE 'APPROVED' END, CASE WHEN g > 20 THEN 'anna' END,
                       CASE WHEN g > 20 THEN now() - g * interval '1 minute' END
                  FROM generate_series(1, :n) g""").param("n", executions / 2).update();
        jdbc.sql("ANALYZE").update();
    }

    private static long[] time(ConsoleSession console, String page) throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> warm = console.get(page);
            if (warm.statusCode() != 200) {
                throw new IllegalStateException(page + ": HTTP " + warm.statusCode());
            }
        }
        long[] ms = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            console.get(page);
            ms[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(ms);
        return ms;
    }
}
