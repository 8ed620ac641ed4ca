package dev.plantsync.odoo.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.plantsync.odoo.XmlRpcCodec;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for Odoo 18 or 19 that speaks its external API over HTTP on a random local port: JSON-RPC
 * ({@code /jsonrpc}), XML-RPC ({@code /xmlrpc/2/common}, {@code /xmlrpc/2/object}) and, on 19, JSON-2
 * ({@code /json/2/<model>/<method>}), with the answers and error shapes real Odoo gives (see the recordings in
 * {@code odoo-corpus/transcripts}). It counts calls per model and method and injects faults on request.
 * Tests and the demo use it; product code cannot tell it from Odoo.
 */
public final class OdooSimulator implements AutoCloseable {

    public static final String DATABASE = "plantsync_sim";

    static {
        // Without it the JDK server writes headers and body in two segments and Nagle's algorithm meets the client's
        // delayed ACK: every call would cost 40 ms that a real Odoo does not.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int version;
    private final SimOrm orm;
    private final SimUsers users = new SimUsers();
    private final SimDispatcher dispatcher;
    private final SimFaults faults = new SimFaults();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor;
    private volatile boolean gzipProxy;
    private final AtomicInteger gzipped = new AtomicInteger();

    private OdooSimulator(int version) throws IOException {
        this.version = version;
        this.orm = new SimOrm(version);
        this.dispatcher = new SimDispatcher(orm, users);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        this.executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "odoo-sim");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/jsonrpc", guarded(this::jsonRpc));
        server.createContext("/xmlrpc/2/", guarded(this::xmlRpc));
        server.createContext("/json/2/", guarded(this::json2));
        server.start();
    }

    /** An empty Odoo of the given major version (18 or 19) with the base records every database has. */
    public static OdooSimulator start(int version) {
        try {
            OdooSimulator sim = new OdooSimulator(version);
            SimBase.seed(sim);
            return sim;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Odoo simulator", e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int version() {
        return version;
    }

    public SimFaults faults() {
        return faults;
    }

    /**
     * Odoo itself (werkzeug) sends JSON and XML uncompressed; a proxy in front of it (nginx, Odoo.sh) often gzips
     * answers for clients that accept it. Off by default, as Odoo answers.
     */
    public OdooSimulator behindGzipProxy(boolean on) {
        this.gzipProxy = on;
        return this;
    }

    /** How many answers went out gzipped (see {@link #behindGzipProxy}). */
    public int gzippedAnswers() {
        return gzipped.get();
    }

    public SimUsers users() {
        return users;
    }

    // ---- direct access for tests and seeding (no HTTP, not counted) ---------------------------------------------

    public List<Integer> create(String model, List<Map<String, Object>> values) {
        return orm.create(model, values, 2);
    }

    public int create(String model, Map<String, Object> values) {
        return create(model, List.of(values)).get(0);
    }

    public void write(String model, int id, Map<String, Object> values) {
        orm.write(model, List.of(id), values, 2);
    }

    public void unlink(String model, int id) {
        orm.unlink(model, List.of(id), 2);
    }

    public List<Map<String, Object>> searchRead(String model, List<Object> domain, List<String> fields) {
        Map<String, Object> everything = Map.of("active_test", false);
        return orm.read(model, orm.search(model, domain, null, null, null, everything), fields, everything);
    }

    public int count(String model) {
        return orm.count(model);
    }

    public void nextId(String model, int id) {
        orm.nextId(model, id);
    }

    /**
     * Makes a numbering sequence continue at {@code next}: "mrp.production" (WH/MO/00017), "stock.scrap" (SP/00003),
     * "stock.lot.serial" (generated lot names), to replay a recording of a database that had used them.
     */
    public void sequence(String sequence, int next) {
        orm.mrp.sequence(sequence, next);
    }

    public Object call(String model, String method, List<Object> args, Map<String, Object> kwargs) {
        return dispatcher.executeKw(2, model, method, args, kwargs);
    }

    /** Model calls received over HTTP, by {@code model.method}. */
    public Map<String, Integer> calls() {
        Map<String, Integer> copy = new TreeMap<>();
        calls.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** The write calls (anything but reads) received since {@code before} (a copy of {@link #calls()}), by model.method. */
    public Map<String, Integer> writesSince(Map<String, Integer> before) {
        Map<String, Integer> writes = new TreeMap<>();
        calls().forEach((call, n) -> {
            int since = n - before.getOrDefault(call, 0);
            if (since > 0 && !call.matches(".*\\.(search_read|read|search|search_count|fields_get|name_search)$")
                    && !call.startsWith("common.") && !call.startsWith("db.")) {
                writes.put(call, since);
            }
        });
        return writes;
    }

    public int calls(String model, String method) {
        AtomicInteger n = calls.get(model + "." + method);
        return n == null ? 0 : n.get();
    }

    public int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public void resetCalls() {
        calls.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- transports ---------------------------------------------------------------------------------------------

    private Map<String, Object> versionInfo() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("server_version", version >= 19 ? "19.0" : "18.0-20250506");
        v.put("server_version_info", List.of(version, 0, 0, "final", 0, ""));
        v.put("server_serie", version + ".0");
        v.put("protocol_version", 1);
        return v;
    }

    /** A model call after the fault plan had its say; empty when the fault ate the answer. */
    private interface Work {
        Object run();
    }

    private static final Object DROPPED = new Object();

    private Object modelCall(String model, String method, Work work, HttpExchange exchange) throws IOException {
        calls.computeIfAbsent(model + "." + method, k -> new AtomicInteger()).incrementAndGet();
        sleep(faults.latencyMillis());
        Optional<SimFaults.Rule> fault = faults.take(model, method);
        if (fault.isPresent()) {
            SimFaults.Rule rule = fault.get();
            switch (rule.kind()) {
                case LATENCY -> sleep(rule.millis());
                case HTTP_502, HTTP_503, HTTP_504 -> {
                    int status = Integer.parseInt(rule.kind().name().substring(5));
                    send(exchange, status, "text/html", ("<html><body><h1>" + status + "</h1></body></html>")
                            .getBytes(StandardCharsets.UTF_8));
                    return DROPPED;
                }
                case DROP -> {
                    exchange.close();
                    return DROPPED;
                }
                case TIMEOUT -> sleep(rule.millis());
                case SERIALIZATION -> throw new SimError("psycopg2.errors.SerializationFailure",
                        "could not serialize access due to concurrent update");
                case COMMIT_THEN_FAIL -> {
                    work.run();
                    exchange.close();
                    return DROPPED;
                }
            }
        }
        return work.run();
    }

    @SuppressWarnings("unchecked")
    private void jsonRpc(HttpExchange exchange) throws IOException {
        Map<String, Object> request = JSON.readValue(body(exchange), Map.class);
        Object id = request.get("id");
        Map<String, Object> params = (Map<String, Object>) request.getOrDefault("params", Map.of());
        String service = String.valueOf(params.get("service"));
        String method = String.valueOf(params.get("method"));
        List<Object> args = (List<Object>) params.getOrDefault("args", List.of());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("jsonrpc", "2.0");
        answer.put("id", id);
        try {
            Object result;
            if (service.equals("common")) {
                result = common(method, args);
            } else {
                result = executeKw(args, exchange);
                if (result == DROPPED) {
                    return;
                }
            }
            if (result != null) {
                answer.put("result", result); // a None result has no result key at all
            }
        } catch (SimError e) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("name", e.name);
            data.put("message", e.getMessage());
            data.put("arguments", List.of(e.getMessage()));
            data.put("context", Map.of());
            data.put("debug", e.traceback());
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", version >= 19 ? 0 : 200);
            error.put("message", "Odoo Server Error");
            error.put("data", data);
            answer.put("error", error);
        }
        send(exchange, 200, "application/json; charset=utf-8", JSON.writeValueAsBytes(answer));
    }

    private Object common(String method, List<Object> args) {
        return switch (method) {
            case "version" -> versionInfo();
            case "authenticate", "login" -> {
                Integer uid = users.authenticate(String.valueOf(args.get(1)), args.get(2));
                yield uid == null ? false : uid;
            }
            default -> throw new SimError("builtins.AttributeError", "module 'odoo.service.common' has no attribute 'exp_"
                    + method + "'");
        };
    }

    @SuppressWarnings("unchecked")
    private Object executeKw(List<Object> args, HttpExchange exchange) throws IOException {
        int uid = ((Number) args.get(1)).intValue();
        if (!users.check(uid, args.get(2))) {
            throw new SimError("odoo.exceptions.AccessDenied", "Access Denied");
        }
        String model = String.valueOf(args.get(3));
        String method = String.valueOf(args.get(4));
        List<Object> positional = args.size() > 5 ? (List<Object>) args.get(5) : List.of();
        Map<String, Object> kwargs = args.size() > 6 && args.get(6) instanceof Map<?, ?> m ? (Map<String, Object>) m
                : Map.of();
        return modelCall(model, method, () -> dispatcher.executeKw(uid, model, method, positional, kwargs), exchange);
    }

    private void xmlRpc(HttpExchange exchange) throws IOException {
        XmlRpcCodec.Call call = XmlRpcCodec.parseCall(body(exchange));
        byte[] out;
        try {
            Object result = exchange.getRequestURI().getPath().endsWith("/common") ? common(call.method(), call.params())
                    : executeKw(call.params(), exchange);
            if (result == DROPPED) {
                return;
            }
            out = result == null
                    ? XmlRpcCodec.fault(new XmlRpcCodec.Fault(1, "Traceback (most recent call last):\n  File "
                            + "\"PYTHON_LIB/xmlrpc/client.py\", line 540, in dump_nil\n"
                            + "TypeError: cannot marshal None unless allow_none is enabled\n"))
                    : XmlRpcCodec.response(result);
        } catch (SimError e) {
            int code = e.faultCode();
            out = XmlRpcCodec.fault(new XmlRpcCodec.Fault(code, code == 1 ? e.traceback() : e.getMessage()));
        }
        send(exchange, 200, "text/xml; charset=utf-8", out);
    }

    @SuppressWarnings("unchecked")
    private void json2(HttpExchange exchange) throws IOException {
        byte[] raw = body(exchange);
        if (version < 19) {
            exchange.getResponseHeaders().add("Location", "/web/login?redirect=" + exchange.getRequestURI().getPath());
            send(exchange, 303, "text/html; charset=utf-8", "<!doctype html>\n<title>Redirecting...</title>"
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        String[] parts = exchange.getRequestURI().getPath().split("/");
        try {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.toLowerCase().startsWith("bearer ")) {
                throw new SimError("werkzeug.exceptions.Unauthorized",
                        "User not authenticated, use an API Key with a Bearer Authorization header.");
            }
            Integer uid = users.keyUid(auth.substring(7).trim());
            if (uid == null) {
                throw new SimError("werkzeug.exceptions.Unauthorized", "Invalid apikey");
            }
            if (parts.length != 5) {
                throw new SimError("werkzeug.exceptions.NotFound", "Did you mean POST /json/2/<model>/<method>?");
            }
            String model = parts[3];
            String method = parts[4];
            Map<String, Object> body = raw.length == 0 ? Map.of() : JSON.readValue(raw, Map.class);
            Object result = modelCall(model, method, () -> dispatcher.json2(uid, model, method, body), exchange);
            if (result == DROPPED) {
                return;
            }
            send(exchange, 200, "application/json; charset=utf-8", JSON.writeValueAsBytes(result));
        } catch (SimError e) {
            int status = e.json2Status();
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("name", e.name);
            error.put("message", e.getMessage());
            List<Object> arguments = new ArrayList<>();
            arguments.add(e.getMessage());
            if (e.name.startsWith("werkzeug")) {
                arguments.add(status);
            }
            error.put("arguments", arguments);
            error.put("context", Map.of());
            error.put("debug", e.traceback());
            send(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(error));
        }
    }

    /** A defect in the simulator answers as Odoo answers an unexpected error (HTTP 500), never a hung request. */
    private com.sun.net.httpserver.HttpHandler guarded(com.sun.net.httpserver.HttpHandler handler) {
        return exchange -> {
            try {
                handler.handle(exchange);
            } catch (RuntimeException | Error e) {
                System.err.println("odoo-sim: unexpected error on " + exchange.getRequestURI());
                e.printStackTrace();
                byte[] body = ("{\"name\": \"builtins." + e.getClass().getSimpleName() + "\", \"message\": \""
                        + String.valueOf(e.getMessage()).replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
                try {
                    send(exchange, 500, "application/json; charset=utf-8", body);
                } catch (IOException | RuntimeException ignored) {
                    exchange.close();
                }
            }
        };
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        String accept = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        byte[] payload = body;
        if (gzipProxy && accept != null && accept.contains("gzip") && body.length > 1024) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
                gz.write(body);
            }
            payload = zipped.toByteArray();
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            gzipped.incrementAndGet();
        }
        exchange.sendResponseHeaders(status, payload.length == 0 ? -1 : payload.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(payload);
        }
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
