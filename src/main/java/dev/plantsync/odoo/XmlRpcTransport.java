package dev.plantsync.odoo;

import java.util.List;
import java.util.Map;

/**
 * XML-RPC ({@code /xmlrpc/2/common}, {@code /xmlrpc/2/object}; deprecated on 19). Faults carry only a code: 3 is
 * AccessDenied, 4 AccessError, 2 a UserError (its subclasses cannot be told apart, except MissingError by its
 * message), 1 anything else with the whole traceback, whose last line names the exception. A {@code None} result
 * comes as fault 1 "cannot marshal None" after the method ran and committed: that is success.
 */
final class XmlRpcTransport extends RpcTransport {

    private final OdooHttp http;

    XmlRpcTransport(OdooHttp http, OdooCredentials credentials) {
        super(credentials);
        this.http = http;
    }

    @Override
    public Transport kind() {
        return Transport.XMLRPC;
    }

    @Override
    protected Object rpc(String service, String method, List<Object> params) {
        String path = "/xmlrpc/2/" + service;
        OdooHttp.Response response = http.post(path, "text/xml", XmlRpcCodec.methodCall(method, params), Map.of());
        if (response.status() != 200) {
            throw new OdooException.ServerError("http." + response.status(),
                    "Odoo answered HTTP " + response.status() + " on " + path);
        }
        Object result = XmlRpcCodec.parseResponse(response.body());
        if (result instanceof XmlRpcCodec.Fault fault) {
            return faultResult(fault);
        }
        return result;
    }

    private static Object faultResult(XmlRpcCodec.Fault fault) {
        String text = fault.string();
        switch (fault.code()) {
            case 2:
                throw text.startsWith("Record does not exist or has been deleted")
                        ? new OdooException.MissingError("odoo.exceptions.MissingError", text)
                        : new OdooException.UserError("odoo.exceptions.UserError", text);
            case 3:
                throw new OdooException.AccessDenied("odoo.exceptions.AccessDenied", text);
            case 4:
                throw new OdooException.AccessError("odoo.exceptions.AccessError", text);
            default:
                String last = text.strip().lines().reduce((a, b) -> b).orElse(text);
                if (last.contains("cannot marshal None")) {
                    return null;
                }
                int colon = last.indexOf(": ");
                String name = colon > 0 && !last.substring(0, colon).contains(" ") ? last.substring(0, colon) : "";
                String message = colon > 0 && !name.isEmpty() ? last.substring(colon + 2) : last;
                throw OdooException.of(name.contains(".") ? name : "builtins." + name, message);
        }
    }
}
