package dev.plantsync.odoo.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Flow 08, the manufacturing-order lifecycle, recorded on real Odoo 18 (JSON-RPC) and 19 (JSON-2), 116 calls each:
 * every recorded request body goes to the simulator as it went to Odoo, in order, and every answer must be the
 * recorded one: HTTP status, states, quantities, names, lots, ids, actions and error envelopes. Only what cannot be
 * the same is normalised: timestamps (the MO's and work orders' dates, a scrap's date_done) and tracebacks; and the
 * ids of quants, which the flow only ever reads back (never sends), are compared as a consistent renaming: the same
 * recorded quant must always be the same simulated one.
 */
class ManufacturingFlowReplayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Values that are the time of the call. */
    private static final Set<String> TIMESTAMPS = Set.of("date_start", "date_finished", "date_done", "create_date",
            "write_date", "date");

    /** Steps compared other than exactly, and why (none so far: keep this list short and honest). */
    private static final Map<String, String> NOT_EXACT = Map.of();

    @TestFactory
    Stream<DynamicNode> simulatorRunsTheManufacturingFlowAsRealOdooDid() {
        List<DynamicNode> versions = new ArrayList<>();
        for (int version : List.of(18, 19)) {
            versions.add(DynamicContainer.dynamicContainer("Odoo " + version, replay(version)));
        }
        return versions.stream();
    }

    private Stream<DynamicNode> replay(int version) {
        List<ManufacturingFlowFixture.Call> calls = ManufacturingFlowFixture.calls(version);
        OdooSimulator[] sim = new OdooSimulator[1];
        Map<Integer, Integer> quantIds = new HashMap<>();
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("seed", () -> sim[0] = ManufacturingFlowFixture.simulator(version)));
        for (ManufacturingFlowFixture.Call call : calls) {
            tests.add(DynamicTest.dynamicTest(call.step() + ": " + call.model() + "." + call.method(),
                    () -> check(sim[0], version, call, quantIds)));
        }
        tests.add(DynamicTest.dynamicTest("stop", () -> sim[0].close()));
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private void check(OdooSimulator sim, int version, ManufacturingFlowFixture.Call call, Map<Integer, Integer> quantIds)
            throws Exception {
        Map<String, Object> request = call.request();
        prepareIds(sim, call);
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(sim.url() + (String) request.get("path")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request.get("body"))));
        ((Map<String, String>) request.get("headers")).forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Content-Length") && !k.equalsIgnoreCase("Host")) {
                http.header(k, v);
            }
        });
        HttpResponse<byte[]> response = HTTP.send(http.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, Object> expectedResponse = expectedResponse(version, call.step());
        assertThat(response.statusCode()).as("HTTP status of step %s", call.step())
                .isEqualTo(((Number) expectedResponse.get("status")).intValue());
        Object expected = normalize(expectedResponse.get("body"));
        Object actual = normalize(response.body().length == 0 ? null : JSON.readValue(response.body(), Object.class));
        if (call.model().equals("stock.quant") && call.method().equals("search_read")) {
            expected = renameQuants(expected, actual, quantIds);
        }
        String reason = NOT_EXACT.get(version + "/" + call.step());
        assertThat(actual).as("answer to step %s %s.%s%s", call.step(), call.model(), call.method(),
                reason == null ? "" : " (" + reason + ")").isEqualTo(expected);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> expectedResponse(int version, int step) {
        for (Object o : (List<Object>) ManufacturingFlowFixture.recording(version).get("calls")) {
            Map<String, Object> c = (Map<String, Object>) o;
            if (((Number) c.get("step")).intValue() == step) {
                return (Map<String, Object>) c.get("response");
            }
        }
        throw new IllegalStateException("no step " + step);
    }

    /** A create gets the id Odoo gave it, so later calls find the same record. */
    private static void prepareIds(OdooSimulator sim, ManufacturingFlowFixture.Call call) {
        if (call.method().equals("create") && call.answer() instanceof List<?> ids && !ids.isEmpty()
                && ids.get(0) instanceof Number n) {
            sim.nextId(call.model(), n.intValue());
        }
    }

    /** Quants the moves created (at the lots' first entry into stock) get the simulator's ids: the recorded ones, renamed. */
    @SuppressWarnings("unchecked")
    private static Object renameQuants(Object expected, Object actual, Map<Integer, Integer> quantIds) {
        if (expected instanceof Map<?, ?> envelope && actual instanceof Map<?, ?> got && envelope.containsKey("result")) {
            Map<String, Object> out = new TreeMap<>((Map<String, Object>) envelope);
            out.put("result", renameQuants(envelope.get("result"), got.get("result"), quantIds));
            return out;
        }
        if (!(expected instanceof List<?> rows) || !(actual instanceof List<?> got) || rows.size() != got.size()) {
            return expected;
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = new TreeMap<>((Map<String, Object>) rows.get(i));
            Object recordedId = row.get("id");
            Object simId = ((Map<?, ?>) got.get(i)).get("id");
            if (recordedId instanceof Integer r && simId instanceof Integer s) {
                Integer known = quantIds.get(r);
                if (known == null && !quantIds.containsValue(s)) {
                    quantIds.put(r, s);
                    known = s;
                }
                row.put("id", known == null ? r : known);
            }
            out.add(row);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object normalize(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                if (key.equals("debug")) {
                    return; // tracebacks: Odoo's file and line numbers
                }
                out.put(key, TIMESTAMPS.contains(key) && v instanceof String ? "<timestamp>" : normalize(v));
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(normalize(v)));
            return out;
        }
        if (value instanceof Number n && !(value instanceof Integer) && !(value instanceof Long)) {
            return n.doubleValue();
        }
        return value;
    }
}
