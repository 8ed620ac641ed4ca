package dev.plantsync.console;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.plantsync.platform.Actor;
import dev.plantsync.platform.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Who is signed in and what the pages may offer them (the security chain decides again on every POST). */
record ConsoleUser(String name, Set<String> roles) {

    static ConsoleUser of(Authentication auth) {
        if (auth == null) {
            return new ConsoleUser(null, Set.of());
        }
        // Only roles: Spring Security also grants factor authorities (FACTOR_PASSWORD) that mean nothing here.
        return new ConsoleUser(auth.getName(), auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length()))
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    /** Launch, restart, stop and abandon jobs. */
    public boolean canOperate() {
        return roles.contains(Role.OPERATOR.name()) || roles.contains(Role.ADMIN.name());
    }

    /** Decide approvals, annotate breaks, sign reports off. */
    public boolean canApprove() {
        return roles.contains(Role.APPROVER.name());
    }

    Actor actor() {
        return new Actor(name, "console");
    }
}
