package dev.plantsync.odoo.sim;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults the simulator injects per model and method ({@code "*"} matches any), each for a number of calls: the ways
 * a real Odoo and the network between fail, including the nastiest for exactly-once: the write is committed and the
 * answer lost.
 */
public final class SimFaults {

    /** What goes wrong. */
    public enum Kind {
        /** Answer late (millis). */
        LATENCY,
        /** HTTP 502/503/504 from a proxy in front of Odoo; nothing done. */
        HTTP_502, HTTP_503, HTTP_504,
        /** Connection closed without an answer; nothing done. */
        DROP,
        /** Odoo takes longer than the client waits (millis), then does the work anyway. */
        TIMEOUT,
        /** PostgreSQL serialization conflict surfaced as an Odoo fault; nothing done. */
        SERIALIZATION,
        /** The work is done and committed, then the connection drops before the answer. */
        COMMIT_THEN_FAIL
    }

    record Rule(String model, String method, Kind kind, long millis, AtomicInteger remaining, AtomicInteger skip) {
        boolean matches(String m, String f) {
            return (model.equals("*") || model.equals(m)) && (method.equals("*") || method.equals(f));
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final AtomicInteger fired = new AtomicInteger();
    private volatile long latencyMillis;

    /** Every call waits this long first (a remote Odoo's round trip). */
    public SimFaults latency(Duration latency) {
        this.latencyMillis = latency.toMillis();
        return this;
    }

    public SimFaults inject(String model, String method, Kind kind, int times) {
        return inject(model, method, kind, times, Duration.ofSeconds(2));
    }

    public SimFaults inject(String model, String method, Kind kind, int times, Duration duration) {
        rules.add(new Rule(model, method, kind, duration.toMillis(), new AtomicInteger(times), new AtomicInteger(0)));
        return this;
    }

    /** As {@link #inject(String, String, Kind, int)}, but only after the next {@code after} matching calls went through. */
    public SimFaults injectAfter(String model, String method, int after, Kind kind, int times) {
        rules.add(new Rule(model, method, kind, 2000, new AtomicInteger(times), new AtomicInteger(after)));
        return this;
    }

    public void clear() {
        rules.clear();
        latencyMillis = 0;
    }

    /** How many faults were injected so far. */
    public int fired() {
        return fired.get();
    }

    long latencyMillis() {
        return latencyMillis;
    }

    Optional<Rule> take(String model, String method) {
        for (Rule rule : rules) {
            if (rule.matches(model, method) && rule.skip().getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                continue;
            }
            if (rule.matches(model, method) && rule.remaining().getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                fired.incrementAndGet();
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
