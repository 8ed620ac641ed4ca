package dev.plantsync.odoo;

import java.util.List;
import java.util.Map;

import dev.plantsync.platform.UrlUserinfo;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds an {@link OdooClient}: asks {@code common.version} once, picks the transport (configured, or JSON-2 from
 * Odoo 19 on and JSON-RPC before), and wires retries, metrics and the HTTP limits.
 */
public final class OdooConnector {

    private static final Logger log = LoggerFactory.getLogger(OdooConnector.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OdooConnector() {
    }

    public static OdooClient connect(OdooSettings settings, MeterRegistry registry) {
        return connect(settings, settings.secret(), registry);
    }

    public static OdooClient connect(OdooSettings settings, String secret, MeterRegistry registry) {
        if (settings.url() == null) {
            throw new IllegalStateException("no Odoo URL: set plantsync.odoo.url (PLANTSYNC_ODOO_URL)");
        }
        OdooHttp http = new OdooHttp(settings.url(), settings.connectTimeout(), settings.requestTimeout(),
                settings.maxConcurrent());
        OdooCredentials credentials = new OdooCredentials(settings.database(), settings.login(), secret);
        RetryPolicy retry = new RetryPolicy(settings.retryAttempts(), settings.retryInitialBackoff(),
                settings.retryMaxBackoff());
        OdooTransport probe = new JsonRpcTransport(http, credentials, JSON);
        int major = major(retry.run("common.version", probe::version));
        OdooTransport.Transport kind = settings.transport() == OdooTransport.Transport.AUTO
                ? (major >= 19 ? OdooTransport.Transport.JSON2 : OdooTransport.Transport.JSONRPC)
                : settings.transport();
        OdooTransport transport = switch (kind) {
            case JSONRPC, AUTO -> probe;
            case XMLRPC -> new XmlRpcTransport(http, credentials);
            case JSON2 -> new Json2Transport(http, credentials, JSON);
        };
        log.info("Odoo {} at {} (database {}, login {}) over {}", major, UrlUserinfo.mask(settings.url()), settings.database(),
                settings.login(), kind);
        return new OdooClient(transport, retry, new OdooMetrics(registry), settings.pageSize(), major);
    }

    private static int major(Map<String, Object> version) {
        if (version.get("server_version_info") instanceof List<?> info && !info.isEmpty()
                && info.get(0) instanceof Number n) {
            return n.intValue();
        }
        String text = String.valueOf(version.get("server_version"));
        return Integer.parseInt(text.replaceAll("^\\D*(\\d+).*$", "$1"));
    }
}
