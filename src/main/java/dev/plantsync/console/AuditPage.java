package dev.plantsync.console;

import dev.plantsync.platform.AuditLog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Who did what, when, through which channel, with which outcome; newest first. */
@Controller
class AuditPage {

    private static final int PAGE_SIZE = 100;

    private final AuditLog audit;

    AuditPage(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/console/audit")
    String audit(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(defaultValue = "1") int page, Model model) {
        String who = Forms.optional(actor);
        String what = Forms.optional(action);
        model.addAttribute("events", Paged.of(page, PAGE_SIZE, (offset, limit) -> audit.recent(who, what, offset,
                limit)));
        model.addAttribute("actor", who);
        model.addAttribute("action", what);
        return "console/audit";
    }
}
