package dev.plantsync.platform;

import java.time.Clock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Every password check of the API (HTTP Basic) and the console (login form) goes through here: throttled per user
 * name and client address ({@code plantsync.security.sign-in.*}), and each refusal audited ({@code SIGN_IN REFUSED})
 * and counted ({@code plantsync_sign_in_failures_total{channel}}; names stay out of metric labels).
 */
@Component
@ConditionalOnWebApplication
public class SignInGuard {

    private static final Logger log = LoggerFactory.getLogger(SignInGuard.class);

    private final DaoAuthenticationProvider passwords;
    private final SignInThrottle throttle;
    private final AuditLog audit;
    private final MeterRegistry meters;

    SignInGuard(UserDetailsService users, PasswordEncoder encoder, SecurityProperties properties, AuditLog audit,
            MeterRegistry meters, Clock clock) {
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(encoder);
        this.throttle = new SignInThrottle(properties.signIn(), clock);
        this.audit = audit;
        this.meters = meters;
    }

    /** The authentication manager of one security chain; {@code channel} names it in audit rows and metrics. */
    public AuthenticationManager manager(String channel) {
        ProviderManager manager = new ProviderManager(new Guarded(channel));
        manager.setEraseCredentialsAfterAuthentication(true);
        return manager;
    }

    private final class Guarded implements AuthenticationProvider {

        private final String channel;

        Guarded(String channel) {
            this.channel = channel;
        }

        @Override
        public Authentication authenticate(Authentication attempt) throws AuthenticationException {
            String user = attempt.getName();
            String address = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress()
                    : "unknown";
            var locked = throttle.lockedFor(user, address);
            if (locked.isPresent()) {
                SignInThrottledException refused = new SignInThrottledException(locked.get());
                refused(user, address, "throttled: " + refused.getMessage());
                throw refused;
            }
            try {
                Authentication done = passwords.authenticate(attempt);
                throttle.succeeded(user);
                return done;
            } catch (AuthenticationException e) {
                throttle.failed(user, address);
                refused(user, address, "wrong user name or password (" + e.getClass().getSimpleName() + ")");
                throw e;
            }
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
        }

        private void refused(String user, String address, String why) {
            Counter.builder("plantsync.sign.in.failures").description("sign-ins refused: wrong password or throttled")
                    .tag("channel", channel).register(meters).increment();
            try {
                audit.record(new Actor(printable(user, 100), channel), "SIGN_IN", printable(address, 200),
                        "REFUSED", why);
            } catch (RuntimeException e) {
                // The refusal stands even when the database cannot record it.
                log.warn("sign-in refusal of {} not audited: {}", printable(user, 100), e.toString());
            }
        }
    }

    /** What an attacker typed as a name, safe for a log line and the audit column. */
    private static String printable(String s, int max) {
        String clean = s == null || s.isBlank() ? "(none)" : s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
