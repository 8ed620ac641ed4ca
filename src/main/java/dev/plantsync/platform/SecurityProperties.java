package dev.plantsync.platform;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Users of the REST API and console, from configuration. Passwords are stored hashed with their encoder id,
 * e.g. {@code {bcrypt}$2a$10$...}; a plain or weak hash is refused at start-up ({@link PasswordHashes}).
 *
 * @param signIn         how many failed sign-ins a user name or a client address may have before it must wait
 * @param prometheusRole when set, {@code /actuator/prometheus} needs this role (the scraper signs in with HTTP Basic);
 *                       unset, it stays open to any scraper
 */
@ConfigurationProperties("plantsync.security")
public record SecurityProperties(List<User> users, SignIn signIn, Role prometheusRole) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
        signIn = signIn == null ? new SignIn(null, null, null, null) : signIn;
    }

    public record User(String name, String password, List<Role> roles) {
    }

    /**
     * Sign-in throttling: {@code maxFailuresPerUser} failures of one user name, or {@code maxFailuresPerAddress} from
     * one client address, within {@code window} lock that name or address for {@code lockout}; each further failure
     * after the lockout (the earlier ones are still in the window) locks it again.
     */
    public record SignIn(Integer maxFailuresPerUser, Integer maxFailuresPerAddress, Duration window,
            Duration lockout) {

        public SignIn {
            maxFailuresPerUser = maxFailuresPerUser == null ? 5 : maxFailuresPerUser;
            maxFailuresPerAddress = maxFailuresPerAddress == null ? 20 : maxFailuresPerAddress;
            window = window == null ? Duration.ofMinutes(15) : window;
            lockout = lockout == null ? Duration.ofMinutes(5) : lockout;
            if (maxFailuresPerUser < 1 || maxFailuresPerAddress < 1 || window.isNegative() || window.isZero()
                    || lockout.isNegative()) {
                throw new IllegalArgumentException("plantsync.security.sign-in: max-failures-per-user and "
                        + "max-failures-per-address must be at least 1, window positive, lockout not negative");
            }
        }
    }
}
