package dev.plantsync.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.plantsync.support.TestUsers;
import dev.plantsync.support.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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
        TestUsers.register(registry, "vera", "VIEWER", "otto", "OPERATOR", "anna", "APPROVER", "adam", "ADMIN",
                "tess", "VIEWER");
    }

    @Test
    void operatorLaunchesAndEveryoneMayLook() throws Exception {
        HttpResponse<String> launched = api.post("otto", "/api/jobs/demo/launch",
                "{\"items\":\"40\",\"businessDate\":\"2026-02-01\"}");

        assertThat(launched.statusCode()).isEqualTo(202);
        assertThat(launched.body()).contains("\"jobName\":\"demo\"", "\"status\":\"COMPLETED\"");
        assertThat(api.get("vera", "/api/jobs").body()).contains("\"name\":\"demo\"");
        assertThat(api.get("anna", "/api/jobs/demo/executions").body()).contains("businessDate=2026-02-01");
        assertThat(jdbc.sql("SELECT actor || ' ' || channel || ' ' || action || ' ' || outcome FROM audit_event"
                + " WHERE action <> 'SIGN_IN' AND detail LIKE '%2026-02-01%'").query(String.class).list())
                .containsExactly("otto api LAUNCH OK");
        String metrics = http.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("spring_batch_job_seconds_count{", "job_name=\"demo\"");
    }

    @Test
    void identicalLaunchesAtOnceRunOnceAndTheOthersAreToldItIsAlreadyRunning() throws Exception {
        int launches = 6;
        String body = "{\"items\":\"5000\",\"pauseMillis\":\"600\",\"businessDate\":\"2026-02-02\"}";
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(launches);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < launches; i++) {
            answers.add(clients.submit(() -> {
                go.await();
                return api.post("otto", "/api/jobs/demo/launch", body);
            }));
        }
        go.countDown();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            responses.add(answer.get(60, TimeUnit.SECONDS));
        }
        clients.shutdown();

        assertThat(responses).filteredOn(r -> r.statusCode() == 202).singleElement()
                .satisfies(r -> assertThat(r.body()).contains("\"status\":\"COMPLETED\""));
        assertThat(responses).filteredOn(r -> r.statusCode() != 202).hasSize(launches - 1).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("application/problem+json"));
            assertThat(r.body()).contains("\"title\":\"ALREADY_RUNNING\"", "job demo is ", "nothing was started")
                    .doesNotContainIgnoringCase("insert").doesNotContainIgnoringCase("sql")
                    .doesNotContainIgnoringCase("batch_job");
        });
        assertThat(jdbc.sql("SELECT count(*) FROM batch_job_execution e JOIN batch_job_execution_params p"
                + " ON p.job_execution_id = e.job_execution_id WHERE p.parameter_value = '2026-02-02'")
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT outcome FROM audit_event WHERE action = 'LAUNCH' AND (target LIKE '%2026-02-02%'"
                + " OR detail LIKE '%2026-02-02%') ORDER BY outcome").query(String.class).list())
                .containsExactly("OK", "REFUSED", "REFUSED", "REFUSED", "REFUSED", "REFUSED");
    }

    @Test
    void aBusyNodeAnswers503WithRetryAfter() {
        ResponseEntity<ProblemDetail> answer = new JobsController(null).refused(new JobControlException(
                JobControlException.Reason.BUSY, "all 4 job slots of this node are in use", Duration.ofSeconds(30)));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("30");
        assertThat(answer.getBody().getTitle()).isEqualTo("BUSY");
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
        assertThat(job.body()).contains("unknown job 'nope'; jobs: cost-rollup, demo, inventory-reconciliation, master-data-sync, posting-reconciliation, production-completion-import, production-order-release, supplier-invoice-posting, valuation-reconciliation");
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

    @Test
    void everyRefusalIsAProblemSayingWhatToDo() throws Exception {
        assertProblem(http.send(HttpRequest.newBuilder(uri("/api/jobs")).build(), HttpResponse.BodyHandlers.ofString()),
                401, "Sign in with HTTP Basic");
        assertProblem(http.send(HttpRequest.newBuilder(uri("/api/jobs")).header("Authorization", basic("otto", "guess"))
                .build(), HttpResponse.BodyHandlers.ofString()), 401, "Wrong user name or password");
        assertProblem(api.post("vera", "/api/jobs/demo/launch", "{}"), 403,
                "vera (roles: VIEWER) may not POST /api/jobs/demo/launch");
        assertProblem(api.post("otto", "/api/jobs/demo/launch", "{\"items\": 40,"), 400,
                "The request body is not the JSON expected (line 1");
        assertProblem(http.send(HttpRequest.newBuilder(uri("/api/jobs/demo/launch"))
                .header("Authorization", basic("otto", "otto-secret")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("items=40")).build(), HttpResponse.BodyHandlers.ofString()),
                415, "Content-Type text/plain is not supported here: send JSON with Content-Type: application/json");
        assertProblem(api.get("vera", "/api/jobs/executions/abc"), 400, "id must be a whole number, not 'abc'");
        assertProblem(api.get("vera", "/api/jobs/demo/executions?limit=abc"), 400,
                "limit must be a whole number, not 'abc'");
        assertProblem(api.get("vera", "/api/costing/runs/x1"), 400, "run must be a whole number, not 'x1'");
        for (String path : new String[] {"/api/costing/runs/424242", "/api/costing/runs/424242/products.csv",
                "/api/costing/runs/424242/products.xlsx"}) {
            assertProblem(api.get("vera", path), 404, "no cost roll-up run 424242: GET /api/jobs/cost-rollup/executions");
        }
        for (String path : new String[] {"/api/masterdata/runs/424242", "/api/masterdata/runs/424242/changes.csv",
                "/api/masterdata/runs/424242/changes.xlsx"}) {
            assertProblem(api.get("vera", path), 404, "no master-data run 424242");
        }
        assertProblem(api.get("vera", "/api/trace/invoices/NOPE-1"), 404, "no journey of invoice NOPE-1");
        // No controller at all: the error page answers, in the same shape, even to a browser.
        assertProblem(api.get("vera", "/api/no/such/thing"), 404, "Nothing at /api/no/such/thing");
        assertProblem(api.get("vera", "/api/no/such/thing", "text/html"), 404, "Nothing at /api/no/such/thing");
        assertProblem(api.get("vera", "/actuator/metrics"), 403, "vera (roles: VIEWER) may not GET /actuator/metrics");
    }

    @Test
    void repeatedWrongPasswordsLockTheUserOutAndAreAuditedAndCounted() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(http.send(HttpRequest.newBuilder(uri("/api/jobs")).header("Authorization",
                    basic("tess", "guess-" + i)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(401);
        }
        HttpResponse<String> right = api.get("tess", "/api/jobs");

        assertProblem(right, 429, "Too many failed sign-ins for this user or from this address: try again in");
        assertThat(Long.parseLong(right.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 300L);
        assertThat(api.get("vera", "/api/jobs").statusCode()).as("other users from the same address").isEqualTo(200);
        assertThat(jdbc.sql("SELECT channel || ' ' || target || ' ' || outcome || ' ' || left(detail, 9)"
                + " FROM audit_event WHERE actor = 'tess' AND action = 'SIGN_IN' ORDER BY id").query(String.class)
                .list()).hasSize(6).startsWith("api 127.0.0.1 REFUSED wrong use").endsWith("api 127.0.0.1 REFUSED throttled");
        String metrics = http.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("plantsync_sign_in_failures_total\\{channel=\"api\"[^}]*} [1-9]")
                .doesNotContain("tess");
    }

    @Test
    void healthDetailsOnlyForAdminsAndNoFileSystemPathsInMetrics() throws Exception {
        String anonymous = http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String viewer = api.get("vera", "/actuator/health").body();
        String admin = api.get("adam", "/actuator/health").body();

        assertThat(anonymous).contains("\"components\"", "\"db\"", "\"diskSpace\"").doesNotContain("\"details\"");
        assertThat(viewer).contains("\"components\"", "\"db\"").doesNotContain("\"details\"", "\"path\"");
        assertThat(admin).contains("\"details\"", "\"path\"");
        String metrics = http.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("disk_free_bytes").doesNotContainPattern("path=\"/");
    }

    /** An RFC 7807 problem: its media type, the status in the body too, and a detail a person can act on. */
    private static void assertProblem(HttpResponse<?> answer, int status, String detail) {
        assertThat(answer.statusCode()).as(answer.uri() + " " + answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).as(answer.uri().toString())
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(String.valueOf(answer.body())).as(answer.uri().toString())
                .contains("\"status\":" + status, "\"detail\":\"" + detail);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
