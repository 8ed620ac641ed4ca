package dev.plantsync.console;

import java.util.Arrays;

import dev.plantsync.platform.Role;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The console's own chain, after the API's: a login form and a session, CSRF tokens on every form, and the same
 * segregation of duties as the API, enforced here whatever buttons a page shows.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ConsoleSecurity {

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/error", "/webjars/**", "/console/assets/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/", "/console/**").hasAnyRole(names(Role.values()))
                        .requestMatchers(HttpMethod.POST, "/console/jobs/**", "/console/executions/**")
                        .hasAnyRole(names(Role.OPERATOR, Role.ADMIN))
                        .requestMatchers(HttpMethod.POST, "/console/approvals/**", "/console/reconciliation/**")
                        .hasRole(Role.APPROVER.name())
                        .anyRequest().denyAll())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/console/jobs", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"));
        return http.build();
    }

    private static String[] names(Role... roles) {
        return Arrays.stream(roles).map(Enum::name).toArray(String[]::new);
    }
}
