package dev.plantsync.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.json.JsonMapper;

/**
 * One real Odoo server of the acceptance suite, named by the environment ({@code PLANTSYNC_IT_ODOO18_*} or
 * {@code PLANTSYNC_IT_ODOO19_*}), and a deliberately plain JSON-RPC client for it: the suite creates its records and
 * reads back what Odoo holds through this, never through PlantSync's own {@code OdooClient}, so a defect there cannot
 * hide itself in the checks. The API key is read from its file (or variable) and never printed.
 */
public final class RealOdoo {

    public final int version;
    public final String url;
    public final String database;
    public final String login;
    private final String apiKey;
    private final Path apiKeyFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Integer uid;

    private RealOdoo(int version, String url, String database, String login, String apiKey, Path apiKeyFile) {
        this.version = version;
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.database = database;
        this.login = login;
        this.apiKey = apiKey;
        this.apiKeyFile = apiKeyFile;
    }

    /** The environment variable prefix of a version: {@code PLANTSYNC_IT_ODOO18_}. */
    public static String prefix(int version) {
        return "PLANTSYNC_IT_ODOO" + version + "_";
    }

    /** Why the server of this version cannot be used, or null when its environment is complete. */
    public static String missing(int version) {
        String p = prefix(version);
        if (blank(System.getenv(p + "URL"))) {
            return "no real Odoo " + version + ": set " + p + "URL, " + p + "DATABASE and " + p + "API_KEY_FILE (or "
                    + p + "API_KEY) to run this acceptance test against it";
        }
        if (blank(System.getenv(p + "DATABASE"))) {
            return p + "URL is set but " + p + "DATABASE is not";
        }
        String file = System.getenv(p + "API_KEY_FILE");
        if (blank(file) && blank(System.getenv(p + "API_KEY"))) {
            return p + "URL is set but neither " + p + "API_KEY_FILE nor " + p + "API_KEY";
        }
        if (!blank(file) && !Files.isReadable(Path.of(file))) {
            return p + "API_KEY_FILE names a file this process cannot read: " + file;
        }
        return null;
    }

    /** The server of this version from the environment; call only when {@link #missing} is null. */
    public static RealOdoo fromEnvironment(int version) {
        String why = missing(version);
        if (why != null) {
            throw new IllegalStateException(why);
        }
        String p = prefix(version);
        String file = System.getenv(p + "API_KEY_FILE");
        String login = System.getenv(p + "LOGIN");
        try {
            String key = blank(file) ? System.getenv(p + "API_KEY").trim() : Files.readString(Path.of(file)).trim();
            return new RealOdoo(version, System.getenv(p + "URL"), System.getenv(p + "DATABASE"),
                    blank(login) ? "admin" : login, key, blank(file) ? null : Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file holding the API key for PlantSync's {@code plantsync.odoo.api-key-file}: the given one, or a copy. */
    public Path apiKeyFile(Path temp) {
        if (apiKeyFile != null) {
            return apiKeyFile;
        }
        try {
            return Files.writeString(temp.resolve("odoo.key"), apiKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    // ---- JSON-RPC -----------------------------------------------------------------------------------------------

    public Object call(String model, String method, List<?> args, Map<String, ?> kwargs) {
        return rpc("object", "execute_kw", List.of(database, uid(), apiKey, model, method, args, kwargs));
    }

    public Object call(String model, String method, List<?> args) {
        return call(model, method, args, Map.of());
    }

    private int uid() {
        if (uid == null) {
            Object answer = rpc("common", "authenticate", List.of(database, login, apiKey, Map.of()));
            if (!(answer instanceof Number n)) {
                throw new IllegalStateException("Odoo " + version + " at " + url + " refused login " + login
                        + " on database " + database);
            }
            uid = n.intValue();
        }
        return uid;
    }

    private Object rpc(String service, String method, List<?> args) {
        Map<String, Object> body = Map.of("jsonrpc", "2.0", "method", "call", "id", ids.incrementAndGet(),
                "params", Map.of("service", service, "method", method, "args", args));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/jsonrpc"))
                    .timeout(Duration.ofSeconds(300)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            @SuppressWarnings("unchecked")
            Map<String, Object> answer = json.readValue(response.body(), Map.class);
            if (answer.get("error") instanceof Map<?, ?> error) {
                Object data = error.get("data");
                String name = data instanceof Map<?, ?> d ? String.valueOf(d.get("name")) : "";
                String message = data instanceof Map<?, ?> d ? String.valueOf(d.get("message")) : String.valueOf(error);
                String where = args.size() > 4 ? args.get(3) + "." + args.get(4) : service + "." + method;
                throw new OdooFault(where + ": " + name + ": " + message);
            }
            return answer.get("result");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A fault Odoo answered (its exception name and message, never the traceback). */
    public static final class OdooFault extends RuntimeException {
        OdooFault(String message) {
            super(message);
        }
    }

    // ---- model operations the suite needs ---------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> searchRead(String model, List<?> domain, List<String> fields) {
        return (List<Map<String, Object>>) call(model, "search_read", List.of(domain),
                Map.of("fields", fields, "context", Map.of("active_test", false)));
    }

    public Map<String, Object> one(String model, List<?> domain, List<String> fields) {
        List<Map<String, Object>> rows = searchRead(model, domain, fields);
        if (rows.size() != 1) {
            throw new IllegalStateException(model + " " + domain + ": " + rows.size() + " records, expected 1");
        }
        return rows.get(0);
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> read(String model, List<Integer> ids, List<String> fields,
            Map<String, Object> context) {
        return (List<Map<String, Object>>) call(model, "read", List.of(ids), Map.of("fields", fields,
                "context", context));
    }

    public int create(String model, Map<String, ?> values) {
        return ((Number) call(model, "create", List.of(values))).intValue();
    }

    public List<Integer> createMany(String model, List<? extends Map<String, ?>> values) {
        if (values.isEmpty()) {
            return List.of();
        }
        List<Integer> created = new ArrayList<>();
        for (Object id : (List<?>) call(model, "create", List.of(values))) {
            created.add(((Number) id).intValue());
        }
        return created;
    }

    public void write(String model, List<Integer> ids, Map<String, ?> values) {
        call(model, "write", List.of(ids, values));
    }

    /** The id of a record by its external id {@code module.name}, or null. */
    public Integer ref(String xmlId) {
        String[] parts = xmlId.split("\\.", 2);
        List<Map<String, Object>> rows = searchRead("ir.model.data", List.of(List.of("module", "=", parts[0]),
                List.of("name", "=", parts[1])), List.of("res_id"));
        return rows.isEmpty() ? null : ((Number) rows.get(0).get("res_id")).intValue();
    }

    public static int id(Object many2one) {
        return ((Number) ((List<?>) many2one).get(0)).intValue();
    }

    public static String display(Object many2one) {
        return many2one instanceof List<?> l ? (String) l.get(1) : null;
    }

    public static Map<String, Object> values(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
