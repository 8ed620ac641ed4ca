package dev.plantsync.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.plantsync.support.TestUsers;
import dev.plantsync.support.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The operator REST API: roles decide who may do what, refusals are clear, every action is audited. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"plantsync.scheduler.enabled=false", "plantsync.jobs.async=false"})
@ActiveProfiles("test")
class JobsApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    private ApiClient api;

    @org.junit.jupiter.api.BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @DynamicPropertySource
    static void users(DynamicPropertyRegistry registry) {
        TestUsers.register(registry, "vera", "VIEWER", "otto", "OPERATOR", "anna", "APPROVER");
    }

    @Test
    void operatorLaunchesAndEveryoneMayLook() throws Exception {
        HttpResponse<String> launched = api.post("otto", "/api/jobs/demo/launch",
                "{\"items\":\"40\",\"businessDate\":\"2026-02-01\"}");

        assertThat(launched.statusCode()).isEqualTo(202);
        assertThat(launched.body()).contains("\"jobName\":\"demo\"", "\"status\":\"COMPLETED\"");
        assertThat(api.get("vera", "/api/jobs").body()).contains("\"name\":\"demo\"");
        assertThat(api.get("anna", "/api/jobs/demo/executions").body()).contains("businessDate=2026-02-01");
        assertThat(jdbc.sql("SELECT actor || ' ' || channel || ' ' || action || ' ' || outcome FROM audit_event")
                .query(String.class).list()).containsExactly("otto api LAUNCH OK");
        String metrics = http.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("spring_batch_job_seconds_count{", "job_name=\"demo\"");
    }

    @Test
    void viewerAndApproverCannotLaunchOrRestart() throws Exception {
        assertThat(api.post("vera", "/api/jobs/demo/launch", "{}").statusCode()).isEqualTo(403);
        assertThat(api.post("anna", "/api/jobs/executions/1/restart", "").statusCode()).isEqualTo(403);
    }

    @Test
    void strangersAndWrongPasswordsAreRejected() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/api/jobs")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(uri("/api/jobs"))
                .header("Authorization", basic("otto", "guess")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void unknownJobAndExecutionAreNotFoundWithAReason() throws Exception {
        HttpResponse<String> job = api.post("otto", "/api/jobs/nope/launch", "{}");
        HttpResponse<String> execution = api.get("vera", "/api/jobs/executions/999999");

        assertThat(job.statusCode()).isEqualTo(404);
        assertThat(job.body()).contains("unknown job 'nope'; jobs: cost-rollup, demo, inventory-reconciliation, master-data-sync, posting-reconciliation, supplier-invoice-posting, valuation-reconciliation");
        assertThat(execution.statusCode()).isEqualTo(404);
        assertThat(execution.body()).contains("unknown execution 999999");
    }

    @Test
    void healthAndPrometheusNeedNoLogin() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> prometheus = http.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
