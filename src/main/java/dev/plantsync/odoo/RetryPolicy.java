package dev.plantsync.odoo;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Exponential backoff with full jitter for transient Odoo failures, a bounded number of attempts. */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    private static final Logger log = LoggerFactory.getLogger(RetryPolicy.class);

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    <T> T run(String what, Supplier<T> call) {
        for (int attempt = 1;; attempt++) {
            try {
                return call.get();
            } catch (OdooException e) {
                if (!e.isTransient() || attempt >= maxAttempts) {
                    throw e;
                }
                long cap = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
                long sleep = cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap / 2, cap + 1);
                // The application's registry is part of the global one (Spring Boot's default).
                Metrics.counter("plantsync.retries", "dependency", "odoo").increment();
                log.warn("Odoo {} failed transiently (attempt {}/{}): {}; retrying in {} ms", what, attempt,
                        maxAttempts, e.getMessage(), sleep);
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
