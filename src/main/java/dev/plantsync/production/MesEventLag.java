package dev.plantsync.production;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.plantsync.platform.FlowLatency;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The plant loop's SLO: how long from the MES event's own time to its stock move in Odoo, as the Prometheus
 * histogram {@code plantsync_mes_event_lag_seconds{plant,type}}, recorded when the event is applied (the moment its
 * move is done in Odoo). Buckets at the objectives operators talk about (minutes to a day), as the flow latency's.
 */
public class MesEventLag {

    private final MeterRegistry meters;
    private final Clock clock;

    public MesEventLag(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    public void record(String plant, MesEvent.Type type, Instant eventTime) {
        Duration lag = Duration.between(eventTime, clock.instant());
        Timer.builder("plantsync.mes.event.lag").description("from the MES event's time to its stock move in Odoo")
                .tag("plant", plant).tag("type", type.name())
                .serviceLevelObjectives(FlowLatency.OBJECTIVE_BUCKETS).register(meters)
                // an MES clock ahead of ours is no negative lag
                .record(lag.isNegative() ? Duration.ZERO : lag);
    }
}
