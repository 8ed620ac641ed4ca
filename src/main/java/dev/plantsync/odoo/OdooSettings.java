package dev.plantsync.odoo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How to reach Odoo ({@code plantsync.odoo.*}). The secret is never a property: it is read from the environment
 * variable named by {@code apiKeyEnv} (default {@code PLANTSYNC_ODOO_API_KEY}) or the file named by
 * {@code apiKeyFile}; it may be an API key (required for JSON-2) or a password.
 */
@ConfigurationProperties("plantsync.odoo")
public record OdooSettings(URI url, String database, String login, String apiKeyEnv, Path apiKeyFile,
        OdooTransport.Transport transport, Integer pageSize, Duration connectTimeout, Duration requestTimeout,
        Integer maxConcurrent, Integer retryAttempts, Duration retryInitialBackoff, Duration retryMaxBackoff) {

    public OdooSettings {
        apiKeyEnv = apiKeyEnv == null ? "PLANTSYNC_ODOO_API_KEY" : apiKeyEnv;
        transport = transport == null ? OdooTransport.Transport.AUTO : transport;
        pageSize = pageSize == null ? 2000 : pageSize;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(120) : requestTimeout;
        maxConcurrent = maxConcurrent == null ? 4 : maxConcurrent;
        retryAttempts = retryAttempts == null ? 4 : retryAttempts;
        retryInitialBackoff = retryInitialBackoff == null ? Duration.ofMillis(250) : retryInitialBackoff;
        retryMaxBackoff = retryMaxBackoff == null ? Duration.ofSeconds(10) : retryMaxBackoff;
    }

    /** Settings for a given URL with defaults for everything else (tests, {@code odoo check --url}). */
    public static OdooSettings of(URI url, String database, String login, OdooTransport.Transport transport) {
        return new OdooSettings(url, database, login, null, null, transport, null, null, null, null, null, null, null);
    }

    public OdooSettings withPageSize(int size) {
        return new OdooSettings(url, database, login, apiKeyEnv, apiKeyFile, transport, size, connectTimeout,
                requestTimeout, maxConcurrent, retryAttempts, retryInitialBackoff, retryMaxBackoff);
    }

    public OdooSettings withTimeouts(Duration connect, Duration request) {
        return new OdooSettings(url, database, login, apiKeyEnv, apiKeyFile, transport, pageSize, connect, request,
                maxConcurrent, retryAttempts, retryInitialBackoff, retryMaxBackoff);
    }

    public OdooSettings withRetry(int attempts, Duration initial, Duration max) {
        return new OdooSettings(url, database, login, apiKeyEnv, apiKeyFile, transport, pageSize, connectTimeout,
                requestTimeout, maxConcurrent, attempts, initial, max);
    }

    /** The secret from the file or the environment; a clear error when neither has it. */
    String secret() {
        if (apiKeyFile != null) {
            try {
                return Files.readString(apiKeyFile).strip();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the Odoo API key file " + apiKeyFile + ": " + e.getMessage());
            }
        }
        String value = System.getenv(apiKeyEnv);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("no Odoo API key: set the environment variable " + apiKeyEnv
                    + " or plantsync.odoo.api-key-file");
        }
        return value.strip();
    }
}
