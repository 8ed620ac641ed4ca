package dev.plantsync.console;

import java.util.Arrays;
import java.util.Map;

import dev.plantsync.platform.ContentSecurityPolicy;
import dev.plantsync.platform.Role;
import dev.plantsync.platform.SignInGuard;
import dev.plantsync.platform.SignInThrottledException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;

/**
 * The console's own chain, after the API's: a login form (throttled like the API's sign-ins) and a session cookie
 * ({@code SameSite=Lax}, {@code Secure} behind TLS: see application.yml), CSRF tokens on every form, a
 * Content-Security-Policy without inline script, and the same segregation of duties as the API, enforced here
 * whatever buttons a page shows.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ConsoleSecurity {

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, SignInGuard signIn) throws Exception {
        // A throttled sign-in is told apart from a wrong password: the form says to wait instead of to retype.
        ExceptionMappingAuthenticationFailureHandler failed = new ExceptionMappingAuthenticationFailureHandler();
        failed.setDefaultFailureUrl("/login?error");
        failed.setExceptionMappings(Map.of(SignInThrottledException.class.getName(), "/login?throttled"));
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/error", "/webjars/**", "/console/assets/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/", "/console/**").hasAnyRole(names(Role.values()))
                        .requestMatchers(HttpMethod.POST, "/console/jobs/**", "/console/executions/**")
                        .hasAnyRole(names(Role.OPERATOR, Role.ADMIN))
                        .requestMatchers(HttpMethod.POST, "/console/approvals/**", "/console/reconciliation/**")
                        .hasRole(Role.APPROVER.name())
                        .anyRequest().denyAll())
                .authenticationManager(signIn.manager("console"))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/console/jobs", false)
                        .failureHandler(failed).permitAll())
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(ContentSecurityPolicy.POLICY)))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"));
        return http.build();
    }

    private static String[] names(Role... roles) {
        return Arrays.stream(roles).map(Enum::name).toArray(String[]::new);
    }
}
