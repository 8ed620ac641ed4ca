package dev.plantsync.monitoring;

import dev.plantsync.platform.Periodic;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Server nodes evaluate the objectives and refresh the flow gauges continuously; every node can on demand. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SloSettings.class)
class MonitoringConfiguration {

    @Bean
    @ConditionalOnProperty(name = "plantsync.scheduler.enabled", havingValue = "true")
    Periodic sloCheckSchedule(SloMonitor monitor, SloSettings settings) {
        return new Periodic("slo-checks", settings.sloCheckInterval(), monitor::evaluate);
    }

    @Bean
    @ConditionalOnProperty(name = "plantsync.scheduler.enabled", havingValue = "true")
    Periodic dependencyProbeSchedule(DependencyProbes probes, SloSettings settings) {
        return new Periodic("dependency-probes", settings.sloCheckInterval(), probes::probeAll);
    }

    @Bean
    @ConditionalOnProperty(name = "plantsync.scheduler.enabled", havingValue = "true")
    Periodic flowGaugeSchedule(FlowGauges gauges, SloSettings settings) {
        return new Periodic("flow-gauges", settings.sloCheckInterval(), gauges::refresh);
    }

    /** Disk-space meters carry the directory's absolute path as a label: the scrape must not tell the file system. */
    @Bean
    MeterFilter noPathsInMetricLabels() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().startsWith("disk.") && id.getTag("path") != null
                        ? id.replaceTags(id.getTags().stream().filter(t -> !"path".equals(t.getKey())).toList())
                        : id;
            }
        };
    }
}
