package dev.plantsync.odoo.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.plantsync.odoo.XmlRpcCodec;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The recordings of real Odoo 18 and 19 are the simulator's contract: every recorded request is sent to the simulator
 * as it was sent to Odoo, in order, and the answer must be the recorded one (tracebacks and timestamps aside). Where
 * the recorded database held records the recordings never show, the answer must have the recorded shape.
 */
class TranscriptReplayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Recordings compared by shape only, and why. */
    private static final Map<String, String> SHAPE_ONLY = Map.of(
            "15", "the recorded database had PS-A products no recording shows",
            "16", "the recorded database had PS-A products no recording shows",
            "33", "Odoo spends two ir.model.data ids per external id",
            "json2/03", "the recorded database had 42 partners");

    /** Recordings compared by the field names of their records: every field of the model, values seeded or not. */
    private static final Set<String> FIELD_NAMES_ONLY = Set.of("13");

    /** Recordings compared by HTTP status only, and why. */
    private static final Map<String, String> STATUS_ONLY = Map.of(
            "68", "lists API keys that exist only in the recorded database");

    @TestFactory
    Stream<DynamicNode> simulatorAnswersAsRealOdooDid() {
        List<DynamicNode> versions = new ArrayList<>();
        for (int version : List.of(19, 18)) {
            for (String transport : List.of("jsonrpc", "xmlrpc", "json2")) { // 18's json2 holds its 303 answer
                versions.add(DynamicContainer.dynamicContainer("Odoo " + version + " " + transport, replay(version, transport)));
            }
        }
        return versions.stream();
    }

    private Stream<DynamicNode> replay(int version, String transport) {
        List<Transcript> recordings = Transcript.load(version, transport);
        OdooSimulator[] sim = new OdooSimulator[1];
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("seed", () -> sim[0] = TranscriptFixture.simulator(version)));
        for (Transcript t : recordings) {
            tests.add(DynamicTest.dynamicTest(t.file() + ": " + t.note(), () -> check(sim[0], t)));
        }
        tests.add(DynamicTest.dynamicTest("stop", () -> sim[0].close()));
        return tests.stream();
    }

    private void check(OdooSimulator sim, Transcript t) throws Exception {
        prepareIds(sim, t);
        TranscriptFixture.prepare(sim, t);
        byte[] body = t.requestBody() instanceof String xml ? xml.getBytes(StandardCharsets.UTF_8)
                : JSON.writeValueAsBytes(t.requestBody());
        if (t.note().contains("wrong password") && t.transport().equals("xmlrpc")) {
            // The sanitiser wrote <PASSWORD> for the wrong password in this XML recording.
            body = new String(body, StandardCharsets.UTF_8).replace("&lt;PASSWORD&gt;", "&lt;WRONG_PASSWORD&gt;")
                    .getBytes(StandardCharsets.UTF_8);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.url() + t.path()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        t.headers().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Content-Length") && !k.equalsIgnoreCase("Host")) {
                request.header(k, v);
            }
        });
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).as("HTTP status of %s", t).isEqualTo(t.status());
        if (t.status() == 303 || STATUS_ONLY.containsKey(t.number())) {
            return;
        }
        Object expected = normalize(t, t.responseBody() instanceof String xml ? xml(xml.getBytes(StandardCharsets.UTF_8))
                : t.responseBody());
        Object actual = normalize(t, t.responseBody() instanceof String ? xml(response.body())
                : JSON.readValue(response.body(), Object.class));
        String reason = SHAPE_ONLY.getOrDefault(t.transport() + "/" + t.number(), SHAPE_ONLY.get(t.number()));
        if (FIELD_NAMES_ONLY.contains(t.number())) {
            assertThat(fieldNames(actual)).as("field names in the answer to %s", t).isEqualTo(fieldNames(expected));
        } else if (reason != null) {
            assertThat(shape(actual)).as("shape of the answer to %s (%s)", t, reason).isEqualTo(shape(expected));
        } else {
            assertThat(actual).as("answer to %s", t).isEqualTo(expected);
        }
    }

    /** A create or load gets the ids Odoo gave it, so that later recordings find the same records. */
    private static void prepareIds(OdooSimulator sim, Transcript t) {
        String model;
        String method;
        Object result;
        if (t.transport().equals("json2")) {
            String[] parts = t.path().split("/");
            model = parts.length > 4 ? parts[3] : "";
            method = parts.length > 4 ? parts[4] : "";
            result = t.responseBody();
        } else if (t.transport().equals("xmlrpc")) {
            XmlRpcCodec.Call call = XmlRpcCodec.parseCall(((String) t.requestBody()).getBytes(StandardCharsets.UTF_8));
            model = call.params().size() > 4 ? String.valueOf(call.params().get(3)) : "";
            method = call.params().size() > 4 ? String.valueOf(call.params().get(4)) : "";
            result = XmlRpcCodec.parseResponse(((String) t.responseBody()).getBytes(StandardCharsets.UTF_8));
        } else {
            List<Object> args = TranscriptFixture.args(t);
            model = args.size() > 4 ? String.valueOf(args.get(3)) : "";
            method = args.size() > 4 ? String.valueOf(args.get(4)) : "";
            result = ((Map<?, ?>) t.responseBody()).get("result");
        }
        if (method.equals("load") && result instanceof Map<?, ?> m) {
            result = m.get("ids");
        }
        if ((method.equals("create") || method.equals("load")) && (result instanceof Number || result instanceof List<?>)) {
            Object first = result instanceof List<?> l ? (l.isEmpty() ? null : l.get(0)) : result;
            if (first instanceof Number n) {
                sim.nextId(model, n.intValue());
            }
        }
    }

    private static Object xml(byte[] body) {
        Object value = XmlRpcCodec.parseResponse(body);
        if (value instanceof XmlRpcCodec.Fault f) {
            String text = f.code() == 1 ? f.string().strip().lines().reduce((a, b) -> b).orElse("") : f.string();
            return Map.of("faultCode", f.code(), "faultString", text);
        }
        return value;
    }

    private static final Set<String> TIMESTAMPS = Set.of("create_date", "write_date");

    @SuppressWarnings("unchecked")
    private static Object normalize(Transcript t, Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                if (key.equals("debug")) {
                    return;
                }
                out.put(key, TIMESTAMPS.contains(key) && v instanceof String ? "<timestamp>" : normalize(t, v));
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(normalize(t, v)));
            return out;
        }
        if (value instanceof Number n && !(value instanceof Double) && n.longValue() == n.doubleValue()
                && n.doubleValue() % 1 == 0 && (value instanceof Float)) {
            return n.doubleValue();
        }
        return value;
    }

    private static Object fieldNames(Object value) {
        Object records = value instanceof Map<?, ?> m && m.containsKey("result") ? m.get("result") : value;
        return records instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> first
                ? new java.util.TreeSet<>(first.keySet().stream().map(String::valueOf).toList()) : records;
    }

    /** The JSON type structure of a value: what a client's parser depends on. */
    private static Object shape(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), shape(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? List.of() : List.of(shape(list.get(0)));
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        return value == null ? "null" : "string";
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
