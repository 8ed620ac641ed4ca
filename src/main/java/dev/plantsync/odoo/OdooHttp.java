package dev.plantsync.odoo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.zip.GZIPInputStream;

/**
 * HTTP for the transports: one reused client, a connect and a request timeout on every call, gzip accepted, and a cap
 * on calls in flight to one Odoo. Network failures and 502/503/504 become {@link OdooException.Transient}.
 */
final class OdooHttp {

    /** A response as the transports need it. */
    record Response(int status, String contentType, byte[] body) {
    }

    private final HttpClient client;
    private final URI base;
    private final Duration requestTimeout;
    private final Semaphore inFlight;

    OdooHttp(URI base, Duration connectTimeout, Duration requestTimeout, int maxConcurrent) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        this.base = base;
        this.requestTimeout = requestTimeout;
        this.inFlight = new Semaphore(maxConcurrent, true);
    }

    Response post(String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(requestTimeout)
                .header("Content-Type", contentType)
                .header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            inFlight.acquire();
            try {
                HttpResponse<InputStream> response = client.send(request.build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                byte[] bytes = read(response);
                int status = response.statusCode();
                if (status == 502 || status == 503 || status == 504) {
                    throw new OdooException.Transient("http." + status, "Odoo answered HTTP " + status + " on " + path,
                            null);
                }
                return new Response(status, response.headers().firstValue("Content-Type").orElse(""), bytes);
            } finally {
                inFlight.release();
            }
        } catch (HttpTimeoutException e) {
            throw new OdooException.Transient("timeout", "no answer from Odoo within " + requestTimeout + " on " + path, e);
        } catch (IOException e) {
            throw new OdooException.Transient("io", "connection to Odoo failed on " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OdooException.Transient("interrupted", "interrupted while calling Odoo", e);
        }
    }

    private static byte[] read(HttpResponse<InputStream> response) throws IOException {
        boolean gzip = response.headers().firstValue("Content-Encoding").map("gzip"::equalsIgnoreCase).orElse(false);
        try (InputStream in = gzip ? new GZIPInputStream(response.body()) : response.body()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
