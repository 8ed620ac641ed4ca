package dev.plantsync.odoo;

import java.util.Map;

/** One of Odoo's external APIs: JSON-RPC, XML-RPC or JSON-2. */
public interface OdooTransport {

    Transport kind();

    /** {@code common.version}: needs no authentication. */
    Map<String, Object> version();

    /** The user id for the configured credentials; {@link OdooException.AccessDenied} when they are wrong. */
    int authenticate();

    /** Executes a model method; Odoo faults come back as typed {@link OdooException}s. */
    Object execute(OdooCall call);

    /** The transports PlantSync speaks. */
    enum Transport {
        JSONRPC, XMLRPC, JSON2, AUTO
    }
}
