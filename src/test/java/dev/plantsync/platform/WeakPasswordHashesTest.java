package dev.plantsync.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Only slow, salted hashes in plantsync.security.users: a weak one stops the start saying what to use. */
class WeakPasswordHashesTest {

    private final PasswordEncoder encoders = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void weakOrPlainHashesStopTheStartWithAClearMessage() {
        for (String hash : List.of("{MD5}5f4dcc3b5aa765d61d8327deb882cf99",
                "{sha256}97cde38028ad898ebcd6c8d5a0da4f3b" + "d8c2f63c5b4ab1b8c2ee7a6fbe3c1f0d",
                "{ldap}{SSHA}dGVzdHRlc3Q=", "{noop}secret", "{SHA-1}5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8",
                "secret")) {
            assertThatThrownBy(() -> users(hash)).as(hash).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("plantsync.security.users: user ursula")
                    .hasMessageContaining("accepted: {bcrypt}, {argon2}, {pbkdf2}, {scrypt}");
        }
        assertThatThrownBy(() -> users("{MD5}5f4dcc3b5aa765d61d8327deb882cf99"))
                .hasMessageContaining("{MD5} password hash, which is too weak");
    }

    @Test
    void strongHashesAreAccepted() {
        for (String id : List.of("bcrypt", "pbkdf2@SpringSecurity_v5_8", "argon2@SpringSecurity_v5_8",
                "scrypt@SpringSecurity_v5_8")) {
            String hash = "{" + id + "}" + encoderFor(id).encode("s3cret");
            assertThat(users(hash).loadUserByUsername("ursula").getPassword()).isEqualTo(hash);
            assertThat(encoders.matches("s3cret", hash)).isTrue();
        }
    }

    private static PasswordEncoder encoderFor(String id) {
        return switch (id.substring(0, id.indexOf('@') < 0 ? id.length() : id.indexOf('@'))) {
            case "bcrypt" -> new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4);
            case "argon2" -> org.springframework.security.crypto.argon2.Argon2PasswordEncoder
                    .defaultsForSpringSecurity_v5_8();
            case "scrypt" -> org.springframework.security.crypto.scrypt.SCryptPasswordEncoder
                    .defaultsForSpringSecurity_v5_8();
            default -> org.springframework.security.crypto.password.Pbkdf2PasswordEncoder
                    .defaultsForSpringSecurity_v5_8();
        };
    }

    private static org.springframework.security.provisioning.InMemoryUserDetailsManager users(String hash) {
        return new SecurityConfiguration().users(new SecurityProperties(
                List.of(new SecurityProperties.User("ursula", hash, List.of(Role.VIEWER))), null, null));
    }
}
