package dev.plantsync.monitoring;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.plantsync.odoo.OdooClient;
import dev.plantsync.sftp.Drop;
import dev.plantsync.sftp.Partner;
import dev.plantsync.sftp.PartnerRegistry;
import dev.plantsync.sftp.SftpSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Is each dependency reachable, and how fast: the database ({@code SELECT 1}), Odoo (its version call) and every
 * partner's drop (connect with the host key checked, list the inbound directory). Probed on server nodes every check
 * interval; the last outcome feeds the health indicators and {@code plantsync_dependency_up} /
 * {@code plantsync_dependency_latency_seconds} {dependency, partner}.
 */
@Component
public class DependencyProbes {

    private static final Logger log = LoggerFactory.getLogger(DependencyProbes.class);

    /** The last probe of one dependency. */
    public record Probe(String dependency, String partner, boolean up, long latencyMillis, String detail, Instant at) {
    }

    private final JdbcClient jdbc;
    private final ObjectProvider<OdooClient> odoo;
    private final PartnerRegistry partners;
    private final SftpSettings sftp;
    private final MeterRegistry meters;
    private final Map<String, Probe> last = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong[]> gauges = new ConcurrentHashMap<>();

    DependencyProbes(JdbcClient jdbc, ObjectProvider<OdooClient> odoo, PartnerRegistry partners, SftpSettings sftp,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.odoo = odoo;
        this.partners = partners;
        this.sftp = sftp;
        this.meters = meters;
    }

    public void probeAll() {
        probe("database", "none", () -> {
            jdbc.sql("SELECT 1").query(Integer.class).single();
            return "reachable";
        });
        probe("odoo", "none", () -> "Odoo " + odoo.getObject().version().get("server_version"));
        for (Partner partner : partners.all()) {
            probe("sftp", partner.id(), () -> {
                try (Drop drop = sftp.connector().open(partner)) {
                    return drop.list(partner.inbound()).size() + " file(s) in " + partner.inbound();
                }
            });
        }
    }

    /** Last outcome of each dependency, database first. */
    public List<Probe> last() {
        return last.values().stream().sorted(Comparator.comparing(Probe::dependency)
                .thenComparing(Probe::partner)).toList();
    }

    private void probe(String dependency, String partner, Supplier<String> check) {
        long start = System.nanoTime();
        boolean up;
        String detail;
        try {
            detail = check.get();
            up = true;
        } catch (RuntimeException e) {
            detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            up = false;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Probe probe = new Probe(dependency, partner, up, millis, detail, Instant.now());
        Probe before = last.put(dependency + "/" + partner, probe);
        if (!up && (before == null || before.up())) {
            log.warn("{}{} unreachable: {}", dependency, "none".equals(partner) ? "" : " of partner " + partner, detail);
        }
        AtomicLong[] values = gauges.computeIfAbsent(dependency + "/" + partner, k -> {
            AtomicLong[] v = {new AtomicLong(), new AtomicLong()};
            Gauge.builder("plantsync.dependency.up", v[0], AtomicLong::get).description("1 when reachable")
                    .tag("dependency", dependency).tag("partner", partner).register(meters);
            Gauge.builder("plantsync.dependency.latency.seconds", v[1], a -> a.get() / 1000.0)
                    .description("time the last probe took").tag("dependency", dependency).tag("partner", partner)
                    .register(meters);
            return v;
        });
        values[0].set(up ? 1 : 0);
        values[1].set(millis);
    }
}
