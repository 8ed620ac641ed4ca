package dev.plantsync.odoo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON-RPC ({@code POST /jsonrpc}, Odoo 14-19; deprecated on 19). Errors always come as HTTP 200 with an
 * {@code error} object whose {@code data.name} is Odoo's exception class; a {@code None} result drops the
 * {@code result} key.
 */
final class JsonRpcTransport extends RpcTransport {

    private final OdooHttp http;
    private final JsonMapper json;
    private final AtomicLong ids = new AtomicLong();

    JsonRpcTransport(OdooHttp http, OdooCredentials credentials, JsonMapper json) {
        super(credentials);
        this.http = http;
        this.json = json;
    }

    @Override
    public Transport kind() {
        return Transport.JSONRPC;
    }

    @Override
    protected Object rpc(String service, String method, List<Object> args) {
        return result(post(service, method, args));
    }

    /** The answer parsed as it is read: {@code result} straight into the page, anything else as {@link #rpc}. */
    @Override
    protected RecordPage rpcPage(OdooCall call, List<Object> args, List<String> fields) {
        byte[] body = post("object", "execute_kw", args);
        try (JsonParser answer = json.createParser(body)) {
            if (answer.nextToken() == JsonToken.START_OBJECT) {
                for (String name = answer.nextName(); name != null; name = answer.nextName()) {
                    if (answer.nextToken() == JsonToken.START_ARRAY && name.equals("result")) {
                        return RecordPage.parse(answer, call, fields);
                    }
                    answer.skipChildren();
                }
            }
        }
        // an error, or no list of records: decoded whole and reported as any other answer
        Object result = result(body);
        throw new OdooException.ServerError("jsonrpc.answer", "Odoo answered " + call.target()
                + " with something other than a list of records: " + result);
    }

    private byte[] post(String service, String method, List<Object> args) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("service", service);
        params.put("method", method);
        params.put("args", args);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("method", "call");
        body.put("params", params);
        body.put("id", ids.incrementAndGet());
        OdooHttp.Response response = http.post("/jsonrpc", "application/json", json.writeValueAsBytes(body), Map.of());
        if (response.status() != 200) {
            throw new OdooException.ServerError("http." + response.status(),
                    "Odoo answered HTTP " + response.status() + " on /jsonrpc");
        }
        return response.body();
    }

    @SuppressWarnings("unchecked")
    private Object result(byte[] body) {
        Map<String, Object> answer = json.readValue(body, Map.class);
        if (answer.get("error") instanceof Map<?, ?> error) {
            Map<String, Object> data = error.get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
            throw OdooException.of((String) data.get("name"),
                    String.valueOf(data.getOrDefault("message", error.get("message"))));
        }
        return answer.get("result");
    }
}
