package dev.plantsync.monitoring;

import dev.plantsync.platform.Periodic;
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
}
