package dev.plantsync.odoo;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;

import dev.plantsync.platform.UrlUserinfo;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP for the transports: pooled keep-alive connections, a connect and a response timeout on every call, gzip
 * accepted, and a cap on calls in flight to one Odoo. Network failures and 502/503/504 become
 * {@link OdooException.Transient}. Nothing is retried here (a create must never be sent twice unseen): retries are
 * {@link RetryPolicy}'s, for idempotent calls only.
 * <p>
 * Blocking calls on the caller's thread (Apache HttpClient, classic): every Odoo call waits for its answer anyway,
 * and the JDK's asynchronous {@code HttpClient} cost about a millisecond of CPU per call handing each exchange between
 * its threads (1M inventory bench: ~0.9 CPU-s for 1,004 calls, plus ~0.7 s compiling that machinery every night).
 */
final class OdooHttp {

    /** A response as the transports need it. */
    record Response(int status, String contentType, byte[] body) {
    }

    private final CloseableHttpClient client;
    private final URI base;
    private final Duration requestTimeout;
    private final Semaphore inFlight;

    OdooHttp(URI base, Duration connectTimeout, Duration requestTimeout, int maxConcurrent) {
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(maxConcurrent).setMaxConnPerRoute(maxConcurrent)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(requestTimeout)).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(requestTimeout)).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
        this.base = base;
        this.requestTimeout = requestTimeout;
        this.inFlight = new Semaphore(maxConcurrent, true);
    }

    Response post(String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpPost request = new HttpPost(base.resolve(path));
        request.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        headers.forEach(request::setHeader);
        try {
            inFlight.acquire();
            try {
                Response response = client.execute(request, answer -> {
                    Header type = answer.getFirstHeader("Content-Type");
                    return new Response(answer.getCode(), type == null ? "" : type.getValue(),
                            answer.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(answer.getEntity()));
                });
                int status = response.status();
                if (status == 502 || status == 503 || status == 504) {
                    throw new OdooException.Transient("http." + status, "Odoo answered HTTP " + status + " on " + path,
                            null);
                }
                return response;
            } finally {
                inFlight.release();
            }
        } catch (InterruptedIOException e) {
            // connect and response timeouts (a thread interrupted in I/O comes here too, and is retried or reported)
            throw new OdooException.Transient("timeout", "no answer from Odoo within " + requestTimeout + " on " + path, e);
        } catch (IOException e) {
            throw new OdooException.Transient("io", "connection to Odoo failed on " + path + ": " + UrlUserinfo.mask(e.toString()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OdooException.Transient("interrupted", "interrupted while calling Odoo", e);
        }
    }
}
