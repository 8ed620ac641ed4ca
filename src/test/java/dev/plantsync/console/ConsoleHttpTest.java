package dev.plantsync.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.plantsync.approvals.Approvals;
import dev.plantsync.support.ConsoleSession;
import dev.plantsync.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's rules at the HTTP level, without a browser: sign-in, CSRF, who may post what, refusals that say why,
 * and launches from the form.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"plantsync.scheduler.enabled=false", "plantsync.jobs.async=false"})
@ActiveProfiles("test")
class ConsoleHttpTest {

    @DynamicPropertySource
    static void users(DynamicPropertyRegistry registry) {
        TestUsers.register(registry, "otto", "OPERATOR", "anna", "APPROVER", "vera", "VIEWER", "tina", "VIEWER");
    }

    @LocalServerPort
    int port;

    @Autowired
    Approvals approvals;

    @Autowired
    JdbcClient jdbc;

    @Test
    void strangersAreSentToTheLoginFormAndWrongPasswordsRefused() throws Exception {
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/console/jobs")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        ConsoleSession stranger = new ConsoleSession(port);
        stranger.get("/login");
        HttpResponse<String> wrong = stranger.post("/login", "username=otto&password=guess");
        assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("error"));
    }

    @Test
    void theSignInFormIsThrottledAndItsCookieAndPagesHardened() throws Exception {
        ConsoleSession stranger = new ConsoleSession(port);
        HttpResponse<String> form = stranger.get("/login");
        assertThat(form.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("JSESSIONID=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax"));
        assertThat(form.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self';", "frame-ancestors 'none'").doesNotContain("unsafe-eval"));
        assertThat(form.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContainPattern(" on[a-z]+=\"");

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = stranger.post("/login", "username=tina&password=guess-" + i);
            assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("?error"));
        }
        HttpResponse<String> right = stranger.post("/login", "username=tina&password=tina-secret");

        assertThat(right.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("?throttled"));
        assertThat(stranger.get("/login?throttled").body()).contains("Too many failed sign-ins");
        assertThat(stranger.get("/console/jobs").statusCode()).as("still signed out").isEqualTo(302);
        assertThat(jdbc.sql("SELECT channel || ' ' || outcome FROM audit_event WHERE actor = 'tina'"
                + " AND action = 'SIGN_IN'").query(String.class).list()).hasSize(6).containsOnly("console REFUSED");
    }

    @Test
    void operatorLaunchesFromTheFormAndBadParametersAreExplained() throws Exception {
        ConsoleSession otto = new ConsoleSession(port).signIn("otto", "otto-secret");

        HttpResponse<String> launched = otto.post("/console/jobs/demo/launch",
                "parameters=businessDate%3D2026-01-05%0Aitems%3D50");
        assertThat(launched.statusCode()).isEqualTo(302);
        String page = launched.headers().firstValue("Location").orElseThrow();
        assertThat(page).matches(".*/console/executions/\\d+");
        HttpResponse<String> execution = otto.get(URI.create(page).getPath());
        assertThat(execution.body()).contains("Launched demo as execution", "COMPLETED", "businessDate=2026-01-05");

        otto.post("/console/jobs/demo/launch", "parameters=nonsense");
        assertThat(otto.get("/console/jobs").body()).contains("parameter &#39;nonsense&#39; is not key=value");
        assertThat(jdbc.sql("SELECT actor || ' ' || channel || ' ' || action || ' ' || outcome FROM audit_event")
                .query(String.class).list()).contains("otto console LAUNCH OK");
    }

    @Test
    void anOperatorAbandonsAFailedRunAndCannotRestartItAfterwards() throws Exception {
        ConsoleSession otto = new ConsoleSession(port).signIn("otto", "otto-secret");
        String page = otto.post("/console/jobs/demo/launch",
                "parameters=businessDate%3D2026-01-06%0Aitems%3D50%0AfailAt%3D10").headers().firstValue("Location")
                .orElseThrow();
        String execution = URI.create(page).getPath();
        assertThat(otto.get(execution).body()).contains("FAILED", "id=\"restart\"", "id=\"abandon\"");

        otto.post(execution + "/abandon", "");
        String abandoned = otto.get(execution).body();
        assertThat(abandoned).contains("Abandoned execution", "ABANDONED").doesNotContain("id=\"restart\"");
        otto.post(execution + "/restart", "");
        assertThat(otto.get(execution).body()).contains("is ABANDONED; only FAILED or STOPPED executions can be restarted");
    }

    @Test
    void unknownThingsAreNotFoundWithTheReason() throws Exception {
        ConsoleSession vera = new ConsoleSession(port).signIn("vera", "vera-secret");
        HttpResponse<String> missing = vera.get("/console/executions/987654");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("unknown execution 987654");
        assertThat(vera.get("/console/reconciliation?kind=stock").body())
                .contains("no reconciliation report kind stock; known: inventory, postings, valuation");
        assertThat(vera.get("/console/reconciliation/inventory/424242").statusCode()).isEqualTo(404);
    }

    @Test
    void eachRoleMayPostOnlyWhatItsDutiesAllow() throws Exception {
        long request = pendingRequest("dup-1");
        ConsoleSession otto = new ConsoleSession(port).signIn("otto", "otto-secret");
        ConsoleSession anna = new ConsoleSession(port).signIn("anna", "anna-secret");
        ConsoleSession vera = new ConsoleSession(port).signIn("vera", "vera-secret");

        assertThat(otto.post("/console/approvals/" + request + "/approve", "").statusCode())
                .as("an operator cannot approve").isEqualTo(403);
        assertThat(anna.post("/console/jobs/demo/launch", "parameters=").statusCode())
                .as("an approver cannot launch").isEqualTo(403);
        assertThat(vera.post("/console/reconciliation/inventory/1/review", "").statusCode()).isEqualTo(403);
        assertThat(otto.postRaw("/console/jobs/demo/launch", "parameters=items%3D5").statusCode())
                .as("no CSRF token").isEqualTo(403);
        assertThat(approvals.find(request).orElseThrow().state()).isEqualTo("PENDING");
    }

    @Test
    void aRejectionWithoutACommentIsRefusedAndOneWithAReasonRecorded() throws Exception {
        long request = pendingRequest("dup-2");
        ConsoleSession anna = new ConsoleSession(port).signIn("anna", "anna-secret");

        anna.post("/console/approvals/" + request + "/reject", "comment=");
        assertThat(anna.get("/console/approvals").body()).contains("a rejection needs a comment saying why");
        assertThat(approvals.find(request).orElseThrow().state()).isEqualTo("PENDING");

        anna.post("/console/approvals/" + request + "/reject", "comment=billed+twice");
        String page = anna.get("/console/approvals").body();
        assertThat(approvals.find(request).orElseThrow().state()).isEqualTo("REJECTED");
        assertThat(page).contains("billed twice").doesNotContain("id=\"request-" + request + "\"");
    }

    private long pendingRequest(String key) {
        approvals.request("supplier-invoice-posting", 77, 77, "invoice-exceptions", key, "acme invoice " + key,
                "PRICE_OVER_TOLERANCE", "price 1.30 over PO 1.00", new BigDecimal("1234.5"), "USD", null);
        return jdbc.sql("SELECT id FROM approval_request WHERE business_key = :k").param("k", key).query(Long.class)
                .single();
    }
}
