package dev.plantsync.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page has: the signed-in user with what they may do, and formats in their time zone (the browser
 * tells it in the {@code tz} cookie; without it, the server's business zone).
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
