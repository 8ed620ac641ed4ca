package dev.plantsync.monitoring;

import java.util.List;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /actuator/health} components {@code odoo} and {@code sftp} from the last probes (never a probe per request):
 * up with the latency, down with the reason, unknown before the first probe.
 */
@Configuration(proxyBeanMethods = false)
class DependencyHealth {

    @Bean
    HealthIndicator odooHealthIndicator(DependencyProbes probes) {
        return () -> of(probes.last().stream().filter(p -> p.dependency().equals("odoo")).toList());
    }

    @Bean
    HealthIndicator sftpHealthIndicator(DependencyProbes probes) {
        return () -> of(probes.last().stream().filter(p -> p.dependency().equals("sftp")).toList());
    }

    private static Health of(List<DependencyProbes.Probe> probes) {
        if (probes.isEmpty()) {
            return Health.unknown().withDetail("reason", "not probed yet (server nodes probe every check interval)")
                    .build();
        }
        Health.Builder health = probes.stream().allMatch(DependencyProbes.Probe::up) ? Health.up() : Health.down();
        // One line per probe, by partner (Odoo has one probe, named after itself).
        probes.forEach(p -> health.withDetail("none".equals(p.partner()) ? p.dependency() : p.partner(),
                (p.up() ? "up" : "down") + ", " + p.latencyMillis() + " ms, " + p.detail()));
        return health.build();
    }
}
