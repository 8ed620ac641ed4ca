package dev.plantsync.odoo;

import java.util.List;
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

    /**
     * A {@code search_read} call answered as a {@link RecordPage} whose columns are {@code fields}. Transports that
     * speak JSON parse the answer straight into the page; the others decode it first.
     */
    @SuppressWarnings("unchecked")
    default RecordPage searchReadPage(OdooCall call, List<String> fields) {
        return RecordPage.of((List<Map<String, Object>>) execute(call), fields);
    }

    /** The transports PlantSync speaks. */
    enum Transport {
        JSONRPC, XMLRPC, JSON2, AUTO
    }
}
