package dev.plantsync.platform;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Users of the REST API and console, from configuration. Passwords are stored hashed with their encoder id,
 * e.g. {@code {bcrypt}$2a$10$...}; a plain password is refused at start-up.
 */
@ConfigurationProperties("plantsync.security")
public record SecurityProperties(List<User> users) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    public record User(String name, String password, List<Role> roles) {
    }
}
