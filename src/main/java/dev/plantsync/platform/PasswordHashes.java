package dev.plantsync.platform;

import java.util.Set;

/**
 * Which stored password hashes a user of {@code plantsync.security.users} may have: only slow, salted ones (bcrypt,
 * argon2, pbkdf2, scrypt). Fast or legacy encoders ({@code {MD5}}, {@code {sha256}}, {@code {ldap}}, {@code {noop}}...)
 * stop the start: a leaked configuration must not be one dictionary run away from the passwords.
 */
final class PasswordHashes {

    static final Set<String> STRONG = Set.of("bcrypt", "argon2", "pbkdf2", "scrypt");

    private PasswordHashes() {
    }

    /** The hash as given when it is strong; otherwise an exception saying what to configure instead. */
    static String requireStrong(String user, String hash) {
        String advice = "; give a strong hash with its encoder id, e.g. {bcrypt}$2a$10$... "
                + "(htpasswd -bnBC 10 \"\" PASSWORD | tr -d ':\\n', then prefix {bcrypt}); accepted: {bcrypt}, "
                + "{argon2}, {pbkdf2}, {scrypt}";
        if (hash == null || !hash.startsWith("{") || hash.indexOf('}') < 0) {
            throw new IllegalStateException("plantsync.security.users: user " + user
                    + " has a password without an encoder id (plain passwords are not accepted)" + advice);
        }
        String id = hash.substring(1, hash.indexOf('}'));
        String family = id.contains("@") ? id.substring(0, id.indexOf('@')) : id; // {argon2@SpringSecurity_v5_8}
        if (!STRONG.contains(family)) {
            throw new IllegalStateException("plantsync.security.users: user " + user + " has a {" + id
                    + "} password hash, which is too weak to store passwords" + advice);
        }
        return hash;
    }
}
