package dev.plantsync.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * How long a business object took from the partner's drop to each stage of its flow ({@code claimed}, {@code posted},
 * {@code awaiting_approval}), as a Prometheus histogram {@code plantsync_flow_latency_seconds{flow,partner,stage}}
 * with buckets at the objectives operators talk about (minutes to a day).
 */
@Component
public class FlowLatency {

    /** The histogram buckets of business latencies: the objectives operators talk about, minutes to a day. */
    public static final Duration[] OBJECTIVE_BUCKETS = {Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8),
            Duration.ofHours(24)};

    private final MeterRegistry meters;
    private final Clock clock;

    public FlowLatency(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    public void record(String flow, String partner, String stage, Instant dropped) {
        if (dropped == null) {
            return;
        }
        Timer.builder("plantsync.flow.latency").description("from the partner's drop to this stage of the flow")
                .tag("flow", flow).tag("partner", partner).tag("stage", stage)
                .serviceLevelObjectives(OBJECTIVE_BUCKETS).register(meters)
                .record(Duration.between(dropped, clock.instant()).abs());
    }
}
