package dev.plantsync.odoo;

import java.util.List;
import java.util.Map;

/**
 * What JSON-RPC and XML-RPC share: the {@code common} service for version and login, then {@code execute_kw} with
 * the user id, which is looked up once and kept.
 */
abstract class RpcTransport implements OdooTransport {

    protected final OdooCredentials credentials;
    private volatile Integer uid;

    RpcTransport(OdooCredentials credentials) {
        this.credentials = credentials;
    }

    /** One call to a service ({@code common} or {@code object}); faults come back as typed exceptions. */
    protected abstract Object rpc(String service, String method, List<Object> args);

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> version() {
        return (Map<String, Object>) rpc("common", "version", List.of());
    }

    @Override
    public int authenticate() {
        Object result = rpc("common", "authenticate",
                List.of(credentials.database(), credentials.login(), credentials.secret(), Map.of()));
        if (!(result instanceof Number n)) {
            // Odoo answers a wrong password with false, not with an error.
            throw new OdooException.AccessDenied("odoo.exceptions.AccessDenied", "Access Denied: Odoo refused login '"
                    + credentials.login() + "' on database '" + credentials.database() + "'");
        }
        uid = n.intValue();
        return uid;
    }

    @Override
    public Object execute(OdooCall call) {
        return rpc("object", "execute_kw", RpcArguments.executeKw(credentials, user(), call));
    }

    @Override
    public RecordPage searchReadPage(OdooCall call, List<String> fields) {
        return rpcPage(call, RpcArguments.executeKw(credentials, user(), call), fields);
    }

    /** {@code execute_kw} answered as a page: decoded first, unless the transport can read the answer as it parses. */
    @SuppressWarnings("unchecked")
    protected RecordPage rpcPage(OdooCall call, List<Object> args, List<String> fields) {
        return RecordPage.of((List<Map<String, Object>>) rpc("object", "execute_kw", args), fields);
    }

    private int user() {
        Integer current = uid;
        return current != null ? current : authenticate();
    }
}
