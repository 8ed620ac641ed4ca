package dev.plantsync.odoo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One model method call in a form every transport can send. JSON-2 takes only named arguments ({@code ids},
 * {@code context} and the method's own parameter names); the RPC transports send {@code ids} and the parameters named
 * in {@code positional} positionally (Odoo's {@code create} accepts its values no other way) and the rest as kwargs.
 */
public record OdooCall(String model, String method, List<Integer> ids, Map<String, Object> params,
        List<String> positional, Map<String, Object> context) {

    public OdooCall {
        params = params == null ? Map.of() : new LinkedHashMap<>(params);
        positional = positional == null ? List.of() : List.copyOf(positional);
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    /** A call whose parameters all go as keyword arguments. */
    public static OdooCall named(String model, String method, List<Integer> ids, Map<String, Object> params) {
        return new OdooCall(model, method, ids, params, List.of(), Map.of());
    }

    public OdooCall withContext(Map<String, Object> ctx) {
        return new OdooCall(model, method, ids, params, positional, ctx);
    }

    /** How the record count of this call is measured for metrics. */
    String target() {
        return model + "." + method;
    }
}
