package dev.plantsync.odoo;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Calls, errors by class, latency and records per Odoo model and method (low-cardinality tags only). */
final class OdooMetrics {

    private final MeterRegistry registry;

    OdooMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void call(OdooCall call, long nanos, String outcome) {
        Timer.builder("plantsync.odoo.calls")
                .description("Odoo external API calls")
                .tag("model", call.model()).tag("method", call.method()).tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        if (!"ok".equals(outcome)) {
            Counter.builder("plantsync.odoo.errors").tag("model", call.model()).tag("method", call.method())
                    .tag("error", outcome).register(registry).increment();
        }
    }

    void records(OdooCall call, String direction, int count) {
        DistributionSummary.builder("plantsync.odoo.records")
                .description("records returned by or sent to Odoo per call")
                .tag("model", call.model()).tag("method", call.method()).tag("direction", direction)
                .register(registry).record(count);
    }
}
