package dev.plantsync.odoo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Splits an {@link OdooCall} into the positional arguments and kwargs of {@code execute_kw} (JSON-RPC, XML-RPC). */
final class RpcArguments {

    private RpcArguments() {
    }

    static List<Object> positional(OdooCall call) {
        List<Object> args = new ArrayList<>();
        if (call.ids() != null) {
            args.add(call.ids());
        }
        for (String name : call.positional()) {
            args.add(call.params().get(name));
        }
        return args;
    }

    static Map<String, Object> keywords(OdooCall call) {
        Map<String, Object> kwargs = new LinkedHashMap<>(call.params());
        call.positional().forEach(kwargs::remove);
        if (!call.context().isEmpty()) {
            kwargs.put("context", call.context());
        }
        return kwargs;
    }

    static List<Object> executeKw(OdooCredentials credentials, int uid, OdooCall call) {
        return List.of(credentials.database(), uid, credentials.secret(), call.model(), call.method(),
                positional(call), keywords(call));
    }
}
