package dev.plantsync.platform;

import java.io.IOException;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** The API's 401, 403 and 429 (throttled sign-in) as problems saying what to do, instead of an empty body. */
final class ApiRefusals implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof SignInThrottledException throttled) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
            Problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, throttled.getMessage());
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"PlantSync\"");
        Problems.write(request, response, HttpStatus.UNAUTHORIZED, e instanceof InsufficientAuthenticationException
                ? "Sign in with HTTP Basic as a user of plantsync.security.users"
                : "Wrong user name or password");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String who = auth == null ? "You" : auth.getName();
        String roles = auth == null ? "" : auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).sorted()
                .collect(Collectors.joining(", "));
        Problems.write(request, response, HttpStatus.FORBIDDEN, who + " (roles: " + roles + ") may not "
                + request.getMethod() + " " + request.getRequestURI()
                + ": launching and restarting need OPERATOR or ADMIN, decisions and sign-offs APPROVER, "
                + "the other actuator endpoints ADMIN");
    }
}
