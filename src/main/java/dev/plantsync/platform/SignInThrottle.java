package dev.plantsync.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins counted per user name and per client address, in memory (one node's view: a guesser spreading
 * attempts over nodes gets at most the limit per node). Enough failures within the window lock the name or the
 * address for the lockout; a locked attempt is refused before its password is checked, so guessing stops paying.
 */
final class SignInThrottle {

    /** Keeps memory bounded under a flood of invented names or addresses. */
    private static final int MAX_KEYS = 50_000;

    private final SecurityProperties.SignIn settings;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    SignInThrottle(SecurityProperties.SignIn settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** How long the name or address must still wait, or empty when it may try. */
    Optional<Duration> lockedFor(String user, String address) {
        Instant now = clock.instant();
        Duration wait = max(wait(userKey(user), settings.maxFailuresPerUser(), now),
                wait(addressKey(address), settings.maxFailuresPerAddress(), now));
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    void failed(String user, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_KEYS) {
            failures.entrySet().removeIf(e -> { synchronized (e.getValue()) { return expire(e.getValue(), now); } });
        }
        for (String key : new String[] {userKey(user), addressKey(address)}) {
            Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (times) {
                expire(times, now);
                times.addLast(now);
            }
        }
    }

    /** The right password clears the name's failures (not the address's: one known account must not reset it). */
    void succeeded(String user) {
        failures.remove(userKey(user));
    }

    private Duration wait(String key, int limit, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Duration.ZERO;
        }
        synchronized (times) {
            expire(times, now);
            if (times.size() < limit) {
                return Duration.ZERO;
            }
            Duration left = Duration.between(now, times.peekLast().plus(settings.lockout()));
            return left.isNegative() ? Duration.ZERO : left;
        }
    }

    /** Drops failures older than the window; true when none is left. */
    private boolean expire(Deque<Instant> times, Instant now) {
        Instant oldest = now.minus(settings.window());
        while (!times.isEmpty() && times.peekFirst().isBefore(oldest)) {
            times.removeFirst();
        }
        return times.isEmpty();
    }

    private static String userKey(String user) {
        return "user:" + (user == null ? "" : user.toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
