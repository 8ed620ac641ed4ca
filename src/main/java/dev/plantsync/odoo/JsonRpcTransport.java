package dev.plantsync.odoo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

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
    @SuppressWarnings("unchecked")
    protected Object rpc(String service, String method, List<Object> args) {
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
        Map<String, Object> answer = json.readValue(response.body(), Map.class);
        if (answer.get("error") instanceof Map<?, ?> error) {
            Map<String, Object> data = error.get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
            throw OdooException.of((String) data.get("name"),
                    String.valueOf(data.getOrDefault("message", error.get("message"))));
        }
        return answer.get("result");
    }
}
