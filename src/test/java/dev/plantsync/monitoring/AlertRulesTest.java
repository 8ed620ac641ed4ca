package dev.plantsync.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.sim.SimFaults;
import dev.plantsync.operations.ExecutionRecovery;
import dev.plantsync.operations.JobControl;
import dev.plantsync.platform.Actor;
import dev.plantsync.platform.FlowLatency;
import dev.plantsync.support.SimulatedWorld;
import io.micrometer.core.instrument.MeterRegistry;
import dev.plantsync.production.MesEvent;
import dev.plantsync.production.MesEventLag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code ops/prometheus/alerts.yml} and the Grafana dashboard only speak of metrics a server node really exports: a node with something of
 * every kind to report (a failed and a recovered run, files, invoices, exceptions, approvals, reports, an Odoo error,
 * probes) is scraped, and every metric name in every rule must be there. The rules also pass {@code promtool} where
 * it is installed (CI installs Debian's prometheus package).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"plantsync.scheduler.enabled=false", "plantsync.jobs.async=false",
                "plantsync.slo-check-interval=PT1H", "plantsync.recovery.check-interval=PT1H"})
@ActiveProfiles("test")
class AlertRulesTest {

    private static final Path RULES = Path.of("ops", "prometheus", "alerts.yml");
    private static final Path DASHBOARD = Path.of("ops", "grafana", "plantsync.json");
    private static final Pattern METRIC = Pattern.compile("\\b((?:plantsync|spring_batch|jvm)_[a-z_]+)");
    private static final SimulatedWorld WORLD = SimulatedWorld.start(19, "acme", "ACMEFAST", "ACME");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        WORLD.register(registry);
    }

    @AfterAll
    static void stop() {
        WORLD.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JobControl jobs;

    @Autowired
    ExecutionRecovery recovery;

    @Autowired
    FlowGauges gauges;

    @Autowired
    DependencyProbes probes;

    @Autowired
    SloMonitor slos;

    @Autowired
    OdooClient odoo;

    @Autowired
    FlowLatency latency;

    @Autowired
    MeterRegistry meters;

    @Test
    void everyMetricTheRulesUseIsExported() throws Exception {
        somethingOfEveryKind();
        Set<String> exported = exportedNames();

        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> rule : rules().entrySet()) {
            Matcher m = METRIC.matcher(rule.getValue());
            while (m.find()) {
                if (!exported.contains(m.group(1))) {
                    missing.add(rule.getKey() + ": " + m.group(1));
                }
            }
        }
        JsonNode dashboard = YAMLMapper.builder().build().readTree(Files.readString(DASHBOARD));
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = METRIC.matcher(target.get("expr").asString());
                while (m.find()) {
                    if (!exported.contains(m.group(1))) {
                        missing.add("dashboard panel " + panel.get("title").asString() + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(missing).as("metrics named in alert rules or the dashboard but not exported; exported: %s",
                exported).isEmpty();
        assertThat(rules()).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void everyAlertHasARunbookSection() throws Exception {
        String runbook = Files.readString(Path.of("ops", "RUNBOOK.md"));
        assertThat(rules().keySet()).isNotEmpty().allSatisfy(alert -> assertThat(runbook).contains("## " + alert));
    }

    @Test
    void theRulesPassPromtool() throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        assumeTrue(Files.isExecutable(promtool) || System.getenv("CI") != null,
                "promtool not installed here (CI installs Debian's prometheus package)");
        Process check = new ProcessBuilder(promtool.toString(), "check", "rules", RULES.toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(output).isZero();
        assertThat(output).contains("SUCCESS");
    }

    private void somethingOfEveryKind() throws Exception {
        long file = jdbc.sql("""
                INSERT INTO inbound_file (partner, document_type, name, size_bytes, sha256, state, dropped_at)
                VALUES ('acme', 'invoice', 'a.edi', 1, 'x', 'CLAIMED', now() - interval '2 hours') RETURNING id""")
                .query(Long.class).single();
        jdbc.sql("INSERT INTO invoice_staging (job_instance_id, inbound_file_id, partner, invoice_number, outcome)"
                + " VALUES (1, :f, 'acme', 'A-1', 'MATCHED')").param("f", file).update();
        jdbc.sql("INSERT INTO exception_record (job_name, job_execution_id, reason_code, message)"
                + " VALUES ('supplier-invoice-posting', 1, 'BAD_DATE', 'segment 7: bad date')").update();
        jdbc.sql("INSERT INTO approval_request (job_name, job_instance_id, job_execution_id, checkpoint, business_key,"
                + " subject, reason_code, reason) VALUES ('supplier-invoice-posting', 1, 1, 'c', 'k', 's', 'R', 'r')")
                .update();
        jdbc.sql("INSERT INTO md_change (job_instance_id, entity, business_key, action, state)"
                + " VALUES (1, 'product', 'P-1', 'CREATE', 'APPLIED')").update();
        jdbc.sql("INSERT INTO cost_rollup_line (job_instance_id, product_id, code, cost_source, old_cost, on_hand, state)"
                + " VALUES (1, 1, 'P-1', 'bom', 1, 0, 'READY')").update();
        jdbc.sql("INSERT INTO inventory_recon_run (job_instance_id, site, run_date, breaks, break_value)"
                + " VALUES (77, 'MAIN', current_date - 1, 3, 10)").update();
        jdbc.sql("""
                INSERT INTO mes_event (plant, event_id, line, mo_name, event_type, event_time, fingerprint, state,
                       state_reason, job_instance_id)
                VALUES ('plant-1', 'E-1', 2, 'WH/MO/00017', 'PRODUCED', now() - interval '20 minutes', 'f', 'STAGED',
                        NULL, 1),
                       ('plant-1', 'E-2', 3, 'WH/MO/00017', 'SCRAPPED', now() - interval '5 hours', 'f', 'APPROVAL',
                        'over tolerance', 1),
                       ('plant-1', 'E-3', 4, 'WH/MO/00017', 'CONSUMED', now() - interval '1 hour', 'f', 'EXCEPTION',
                        'unknown product', 1)""").update();
        mesEventApplied("plant-1", Duration.ofMinutes(3));
        jobs.launch("demo", Map.of("businessDate", "2026-09-01", "items", "20", "failAt", "5"),
                new Actor("otto", "console"));
        leftRunningByADeadNode();
        recovery.recoverOrphans();
        WORLD.odoo.faults().inject("res.partner", "search_read", SimFaults.Kind.HTTP_503, 1);
        odoo.searchRead("res.partner", Domain.all(), List.of("id"));
        try {
            odoo.searchRead("no.such.model", Domain.all(), List.of("id"));
        } catch (RuntimeException expected) {
            // an Odoo fault, counted as an error
        }
        latency.record("invoice", "acme", "claimed", Instant.now().minusSeconds(90));
        latency.record("supplier-invoice-posting", "acme", "posted", Instant.now().minusSeconds(600));
        probes.probeAll();
        gauges.refresh();
        slos.evaluate();
    }

    /** What production-completion-import records as it applies an event: the lag from the event's own time. */
    private void mesEventApplied(String plant, Duration lag) {
        new MesEventLag(meters, Clock.systemUTC()).record(plant, MesEvent.Type.PRODUCED, Instant.now().minus(lag));
    }

    /** One run a dead node left, one a live node is busy with. */
    private void leftRunningByADeadNode() {
        running(990, "cost-rollup", "gone", "1 hour");
        running(991, "master-data-sync", "busy", "0 seconds");
    }

    private void running(long id, String job, String node, String silentFor) {
        jdbc.sql("INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key) VALUES (:id, 0, :job, :key)")
                .param("id", id).param("job", job).param("key", "k" + id).update();
        jdbc.sql("""
                INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time, start_time,
                       status, exit_code) VALUES (:id, 1, :id, localtimestamp, localtimestamp, 'STARTED', 'UNKNOWN')""")
                .param("id", id).update();
        jdbc.sql("INSERT INTO plantsync_node (node_id, host, pid, server, heartbeat_at)"
                + " VALUES (:node, 'h', 1, true, now() - CAST(:silent AS INTERVAL))")
                .param("node", node).param("silent", silentFor).update();
        jdbc.sql("INSERT INTO execution_owner (job_execution_id, node_id) VALUES (:id, :node)")
                .param("id", id).param("node", node).update();
    }

    private Set<String> exportedNames() throws IOException, InterruptedException {
        String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Set<String> names = new TreeSet<>();
        scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
        return names;
    }

    /** Alert name to expression. */
    private static Map<String, String> rules() throws IOException {
        JsonNode root = YAMLMapper.builder().build().readTree(Files.readString(RULES));
        Map<String, String> rules = new LinkedHashMap<>();
        for (JsonNode group : root.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                rules.put(rule.get("alert").asString(), rule.get("expr").asString());
            }
        }
        return rules;
    }
}
