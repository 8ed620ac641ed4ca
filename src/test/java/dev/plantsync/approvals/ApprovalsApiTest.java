package dev.plantsync.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import dev.plantsync.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The approval queue over HTTP: anyone signed in may look; only an approver may decide; a rejection needs a reason. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"plantsync.scheduler.enabled=false", "plantsync.jobs.async=false"})
@ActiveProfiles("test")
class ApprovalsApiTest {

    @LocalServerPort
    int port;

    @Autowired
    Approvals approvals;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private long requestId;

    @DynamicPropertySource
    static void users(DynamicPropertyRegistry registry) {
        TestUsers.register(registry, "vera", "VIEWER", "otto", "OPERATOR", "anna", "APPROVER", "adam", "ADMIN");
    }

    @BeforeEach
    void aPendingRequest() {
        String key = String.valueOf(System.nanoTime());
        approvals.request("supplier-invoice-posting", 999, 999, "invoice-exceptions", key,
                "acme invoice INV-1 (PO-1)", "PRICE_VARIANCE", "PRICE_VARIANCE: line 1 price 3.5 vs PO 3, impact 2.00",
                new BigDecimal("2.00"), "USD", BigDecimal.ZERO);
        requestId = jdbc.sql("SELECT id FROM approval_request WHERE business_key = ?").param(key).query(Long.class).single();
    }

    @Test
    void everyoneSeesTheQueueWithImpact() throws Exception {
        HttpResponse<String> list = send("vera", "GET", "/api/approvals", null);

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"subject\":\"acme invoice INV-1 (PO-1)\"", "\"impactAmount\":2.0",
                "\"reasonCode\":\"PRICE_VARIANCE\"");
    }

    @Test
    void operatorsViewersAndAdminsCannotDecideApproversCan() throws Exception {
        assertThat(send("otto", "POST", "/api/approvals/" + requestId + "/approve", "{}").statusCode()).isEqualTo(403);
        assertThat(send("vera", "POST", "/api/approvals/" + requestId + "/approve", "{}").statusCode()).isEqualTo(403);
        assertThat(send("adam", "POST", "/api/approvals/" + requestId + "/approve", "{}").statusCode()).isEqualTo(403);

        HttpResponse<String> approved = send("anna", "POST", "/api/approvals/" + requestId + "/correct",
                "{\"unitPrice\": 3.0, \"comment\": \"contract price\"}");

        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(approved.body()).contains("\"state\":\"APPROVED_WITH_CORRECTION\"", "\"decidedBy\":\"anna\"");
        assertThat(send("anna", "POST", "/api/approvals/" + requestId + "/reject", "{\"comment\":\"x\"}").statusCode())
                .as("decided once").isEqualTo(409);
    }

    @Test
    void rejectionWithoutAReasonIsRefused() throws Exception {
        HttpResponse<String> refused = send("anna", "POST", "/api/approvals/" + requestId + "/reject", "{}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("a rejection needs a comment saying why");
        assertThat(jdbc.sql("SELECT state FROM approval_request WHERE id = ?").param(requestId).query(String.class)
                .single()).isEqualTo("PENDING");
    }

    private HttpResponse<String> send(String user, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-secret")
                        .getBytes(StandardCharsets.UTF_8)));
        if ("POST".equals(method)) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
