package dev.plantsync.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.odoo.sim.SimFaults;
import dev.plantsync.odoo.sim.SimUsers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Calls, errors and records per model and method reach Micrometer with low-cardinality tags. */
class OdooMetricsTest {

    @Test
    void countsCallsErrorsAndRecordsPerModelAndMethod() {
        try (OdooSimulator sim = OdooSimulator.start(19)) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            OdooClient odoo = OdooConnector.connect(new OdooTarget(19, OdooTransport.Transport.JSON2).settings(sim),
                    SimUsers.ADMIN_API_KEY, registry);
            sim.faults().inject("res.partner", "search_read", SimFaults.Kind.HTTP_503, 1);

            odoo.create("res.partner", List.of(Map.of("name", "A"), Map.of("name", "B")), Map.of());
            odoo.searchRead("res.partner", Domain.all(), List.of("name"));

            assertThat(registry.get("plantsync.odoo.calls").tags("model", "res.partner", "method", "search_read",
                    "outcome", "ok").timer().count()).isEqualTo(1);
            assertThat(registry.get("plantsync.odoo.errors").tags("model", "res.partner", "method", "search_read",
                    "error", "Transient").counter().count()).isEqualTo(1);
            assertThat(registry.get("plantsync.odoo.records").tags("model", "res.partner", "method", "create",
                    "direction", "sent").summary().totalAmount()).isEqualTo(2);
            assertThat(registry.get("plantsync.odoo.records").tags("model", "res.partner", "method", "search_read",
                    "direction", "returned").summary().totalAmount()).isEqualTo(3);
        }
    }
}
