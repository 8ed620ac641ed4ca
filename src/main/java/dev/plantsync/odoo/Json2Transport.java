package dev.plantsync.odoo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON-2 ({@code POST /json/2/<model>/<method>}, Odoo 19+): bearer API key, named arguments only, bare JSON
 * results, errors as HTTP status with Odoo's exception name. Each request is its own transaction.
 */
final class Json2Transport implements OdooTransport {

    private final OdooHttp http;
    private final OdooCredentials credentials;
    private final JsonMapper json;
    private final JsonRpcTransport versionProbe;

    Json2Transport(OdooHttp http, OdooCredentials credentials, JsonMapper json) {
        this.http = http;
        this.credentials = credentials;
        this.json = json;
        this.versionProbe = new JsonRpcTransport(http, credentials, json);
    }

    @Override
    public Transport kind() {
        return Transport.JSON2;
    }

    /** JSON-2 has no version call; common.version over JSON-RPC needs no login and still answers on 19. */
    @Override
    public Map<String, Object> version() {
        return versionProbe.version();
    }

    @Override
    public int authenticate() {
        Object context = execute(OdooCall.named("res.users", "context_get", null, Map.of()));
        if (context instanceof Map<?, ?> ctx && ctx.get("uid") instanceof Number uid) {
            return uid.intValue();
        }
        throw new OdooException.AccessDenied("odoo.exceptions.AccessDenied", "Odoo did not say who the API key belongs to");
    }

    @Override
    public Object execute(OdooCall call) {
        OdooHttp.Response response = send(call);
        if (response.status() == 200) {
            return json.readValue(response.body(), Object.class);
        }
        throw failure(call, response);
    }

    @Override
    public RecordPage searchReadPage(OdooCall call, List<String> fields) {
        OdooHttp.Response response = send(call);
        if (response.status() != 200) {
            throw failure(call, response);
        }
        try (JsonParser answer = json.createParser(response.body())) {
            if (answer.nextToken() != JsonToken.START_ARRAY) {
                throw new OdooException.ServerError("json2.answer", "Odoo answered " + path(call)
                        + " with something other than a list of records");
            }
            return RecordPage.parse(answer, call, fields);
        }
    }

    private OdooHttp.Response send(OdooCall call) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (call.ids() != null) {
            body.put("ids", call.ids());
        }
        body.putAll(call.params());
        if (!call.context().isEmpty()) {
            body.put("context", call.context());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "bearer " + credentials.secret());
        if (credentials.database() != null && !credentials.database().isBlank()) {
            headers.put("X-Odoo-Database", credentials.database());
        }
        return http.post(path(call), "application/json", json.writeValueAsBytes(body), headers);
    }

    private static String path(OdooCall call) {
        return "/json/2/" + call.model() + "/" + call.method();
    }

    private OdooException failure(OdooCall call, OdooHttp.Response response) {
        String path = path(call);
        if (response.status() == 303) {
            return new OdooException.ServerError("http.303", "this Odoo has no JSON-2 API (it redirects " + path
                    + " to the login page); JSON-2 needs Odoo 19 or later, use transport JSONRPC or XMLRPC");
        }
        Object error = response.contentType().contains("json") ? json.readValue(response.body(), Object.class) : null;
        if (error instanceof Map<?, ?> e && e.get("name") instanceof String name) {
            return OdooException.of(name, String.valueOf(e.get("message")));
        }
        return new OdooException.ServerError("http." + response.status(),
                "Odoo answered HTTP " + response.status() + " on " + path);
    }
}
