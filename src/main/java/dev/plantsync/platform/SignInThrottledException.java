package dev.plantsync.platform;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** A sign-in refused without checking the password: too many recent failures for the name or the address. */
public class SignInThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    SignInThrottledException(Duration retryAfter) {
        super("Too many failed sign-ins for this user or from this address: try again in " + seconds(retryAfter)
                + " s");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds to wait, at least 1 (the value of a {@code Retry-After} header). */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
