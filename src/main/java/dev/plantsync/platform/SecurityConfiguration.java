package dev.plantsync.platform;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic on the REST API with the roles of {@link Role}, sign-ins throttled ({@link SignInGuard}), refusals as
 * problems ({@link ApiRefusals}); health (status only, details for ADMIN) and the Prometheus scrape stay open unless
 * {@code plantsync.security.prometheus-role} is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** Before the console's chain: the API's paths are matched first. */
    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, SignInGuard signIn, SecurityProperties properties) throws Exception {
        ApiRefusals refusals = new ApiRefusals();
        Role scraper = properties.prometheusRole();
        String[] anyone = roles(Role.values());
        String[] operators = roles(Role.OPERATOR, Role.ADMIN);
        http.securityMatcher("/api/**", "/actuator/**")
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/actuator/health/**", "/actuator/health").permitAll();
                    // Scrapeable by anyone unless one setting names the role a scraper must sign in with.
                    if (scraper == null) {
                        auth.requestMatchers("/actuator/prometheus").permitAll();
                    } else {
                        auth.requestMatchers("/actuator/prometheus").hasRole(scraper.name());
                    }
                    auth.requestMatchers("/actuator/**").hasAnyRole(roles(Role.ADMIN))
                            .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(anyone)
                            .requestMatchers(HttpMethod.POST, "/api/jobs/**", "/api/executions/**").hasAnyRole(operators)
                            // Segregation of duties: only approvers decide; an operator (or admin) cannot approve.
                            .requestMatchers(HttpMethod.POST, "/api/approvals/**", "/api/reconciliation/**")
                            .hasRole(Role.APPROVER.name())
                            .anyRequest().denyAll();
                })
                .authenticationManager(signIn.manager("api"))
                .httpBasic(basic -> basic.authenticationEntryPoint(refusals))
                .exceptionHandling(e -> e.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(ContentSecurityPolicy.POLICY)))
                // Stateless Basic-auth API: no session, so no CSRF token to protect (the console has its own chain).
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    InMemoryUserDetailsManager users(SecurityProperties properties) {
        if (properties.users().isEmpty()) {
            log.warn("No users configured (plantsync.security.users): the REST API refuses every request.");
        }
        List<UserDetails> users = properties.users().stream().map(SecurityConfiguration::toUser).toList();
        return new InMemoryUserDetailsManager(users);
    }

    private static UserDetails toUser(SecurityProperties.User u) {
        return User.withUsername(u.name()).password(PasswordHashes.requireStrong(u.name(), u.password()))
                .roles(u.roles().stream().map(Enum::name).toArray(String[]::new)).build();
    }

    private static String[] roles(Role... roles) {
        return java.util.Arrays.stream(roles).map(Enum::name).toArray(String[]::new);
    }
}
