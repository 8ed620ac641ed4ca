package dev.plantsync.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** Guessing stops paying: a name or an address with too many recent failures waits, then gets one more try. */
class SignInThrottleTest {

    private Instant now = Instant.parse("2026-12-03T10:00:00Z");

    private final SignInThrottle throttle = new SignInThrottle(
            new SecurityProperties.SignIn(3, 5, Duration.ofMinutes(15), Duration.ofMinutes(5)), new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            });

    @Test
    void aUserIsLockedAfterTheLimitForTheLockoutAndAgainAfterTheNextFailure() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.lockedFor("Tess", "10.0.0.1")).isEmpty();
            throttle.failed("Tess", "10.0.0.1");
        }
        assertThat(throttle.lockedFor("tess", "10.0.0.9")).as("names ignore case, any address")
                .contains(Duration.ofMinutes(5));
        now = now.plusSeconds(301);
        assertThat(throttle.lockedFor("tess", "10.0.0.1")).isEmpty();
        throttle.failed("tess", "10.0.0.1");
        assertThat(throttle.lockedFor("tess", "10.0.0.1")).as("earlier failures still in the window")
                .contains(Duration.ofMinutes(5));
        now = now.plus(Duration.ofMinutes(16));
        assertThat(throttle.lockedFor("tess", "10.0.0.1")).as("the window forgets").isEmpty();
    }

    @Test
    void anAddressTryingManyNamesIsLockedAndSuccessClearsOnlyTheName() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "10.0.0.2");
        }
        assertThat(throttle.lockedFor("someone-else", "10.0.0.2")).isPresent();
        assertThat(throttle.lockedFor("someone-else", "10.0.0.3")).isEmpty();

        throttle.failed("otto", "10.0.0.4");
        throttle.failed("otto", "10.0.0.4");
        throttle.succeeded("otto");
        throttle.failed("otto", "10.0.0.4");
        assertThat(throttle.lockedFor("otto", "10.0.0.5")).as("two failures forgotten on success").isEmpty();
    }
}
