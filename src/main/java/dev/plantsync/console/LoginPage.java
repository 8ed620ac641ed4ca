package dev.plantsync.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form; Spring Security checks the credentials it posts. */
@Controller
class LoginPage {

    @GetMapping("/login")
    String login() {
        return "console/login";
    }
}
