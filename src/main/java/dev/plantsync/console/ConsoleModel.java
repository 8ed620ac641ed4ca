package dev.plantsync.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;

import dev.plantsync.operations.JobControlException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every console page has: the signed-in user with what they may do, and formats in their time zone (the browser
 * tells it in the {@code tz} cookie; without it, the server's business zone); refusals as pages.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    static final String ZONE_COOKIE = "tz";

    private final ZoneId serverZone;

    ConsoleModel(Clock clock) {
        this.serverZone = clock.getZone();
    }

    @ModelAttribute("user")
    ConsoleUser user(Authentication auth) {
        return ConsoleUser.of(auth);
    }

    @ModelAttribute("fmt")
    Formats formats(HttpServletRequest request) {
        return new Formats(zone(request), ZoneId.systemDefault());
    }

    /** A refusal on a console page becomes a page saying why, with the status the API would give. */
    @ExceptionHandler(JobControlException.class)
    ModelAndView refused(JobControlException e, Authentication auth, HttpServletRequest request) {
        HttpStatus status = switch (e.reason()) {
            case UNKNOWN_JOB, UNKNOWN_EXECUTION -> HttpStatus.NOT_FOUND;
            case BAD_PARAMETERS -> HttpStatus.BAD_REQUEST;
            case BUSY -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.CONFLICT;
        };
        // Exception handlers get no @ModelAttribute values: the page's frame needs them too.
        ModelAndView page = new ModelAndView("console/refused", status);
        page.addObject("user", user(auth));
        page.addObject("fmt", formats(request));
        page.addObject("reason", e.getMessage());
        page.addObject("status", status.value());
        return page;
    }

    private ZoneId zone(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (ZONE_COOKIE.equals(cookie.getName())) {
                    try {
                        return ZoneId.of(URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8));
                    } catch (DateTimeException | IllegalArgumentException e) {
                        break; // a zone the JVM does not know: the server's zone serves
                    }
                }
            }
        }
        return serverZone;
    }
}
