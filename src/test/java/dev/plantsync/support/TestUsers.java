package dev.plantsync.support;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

/** API users for tests: each given as name and role, with the password "name-secret", stored hashed as in production. */
public final class TestUsers {

    private TestUsers() {
    }

    public static void register(DynamicPropertyRegistry registry, String... nameRolePairs) {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        for (int i = 0; i < nameRolePairs.length / 2; i++) {
            String name = nameRolePairs[2 * i];
            String role = nameRolePairs[2 * i + 1];
            String hash = "{bcrypt}" + bcrypt.encode(name + "-secret");
            registry.add("plantsync.security.users[" + i + "].name", () -> name);
            registry.add("plantsync.security.users[" + i + "].password", () -> hash);
            registry.add("plantsync.security.users[" + i + "].roles[0]", () -> role);
        }
    }
}
