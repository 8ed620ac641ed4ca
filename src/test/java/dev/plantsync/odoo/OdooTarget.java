package dev.plantsync.odoo;

import java.time.Duration;
import java.util.stream.Stream;

import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.odoo.sim.SimUsers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** An Odoo version and a transport to run the client suite against. */
public record OdooTarget(int version, OdooTransport.Transport transport) {

    /** Every transport on every version that has it: JSON-2 exists on 19 only. */
    public static Stream<OdooTarget> all() {
        return Stream.of(new OdooTarget(19, OdooTransport.Transport.JSON2),
                new OdooTarget(19, OdooTransport.Transport.JSONRPC), new OdooTarget(19, OdooTransport.Transport.XMLRPC),
                new OdooTarget(18, OdooTransport.Transport.JSONRPC), new OdooTarget(18, OdooTransport.Transport.XMLRPC));
    }

    public OdooSettings settings(OdooSimulator sim) {
        return OdooSettings.of(sim.url(), OdooSimulator.DATABASE, SimUsers.ADMIN_LOGIN, transport)
                .withRetry(4, Duration.ofMillis(5), Duration.ofMillis(50));
    }

    public OdooClient connect(OdooSimulator sim) {
        return OdooConnector.connect(settings(sim), SimUsers.ADMIN_API_KEY, new SimpleMeterRegistry());
    }

    @Override
    public String toString() {
        return "Odoo " + version + " over " + transport;
    }
}
