package dev.plantsync.console;

import java.math.BigDecimal;

import dev.plantsync.approvals.ApprovalRequest;
import dev.plantsync.approvals.Approvals;
import dev.plantsync.approvals.Decision;
import dev.plantsync.operations.JobControlException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The approval queue, oldest first, with what, why and the impact; approvers approve, approve with a corrected price
 * or quantity, or reject with a comment. Decided requests below, newest decision first.
 */
@Controller
class ApprovalsPage {

    private static final int HISTORY_PAGE = 25;

    private final Approvals approvals;

    ApprovalsPage(Approvals approvals) {
        this.approvals = approvals;
    }

    @GetMapping("/console/approvals")
    String approvals(@RequestParam(defaultValue = "1") int page, Model model) {
        model.addAttribute("pending", approvals.pending());
        model.addAttribute("decided", Paged.of(page, HISTORY_PAGE, approvals::decided));
        return "console/approvals";
    }

    @PostMapping("/console/approvals/{id}/approve")
    String approve(@PathVariable long id, @RequestParam(required = false) String comment, Authentication auth,
            RedirectAttributes flash) {
        return decide(id, Decision.approve(Forms.optional(comment)), auth, flash);
    }

    @PostMapping("/console/approvals/{id}/correct")
    String correct(@PathVariable long id, @RequestParam(required = false) BigDecimal unitPrice,
            @RequestParam(required = false) BigDecimal quantity, @RequestParam(required = false) String comment,
            Authentication auth, RedirectAttributes flash) {
        if (unitPrice == null && quantity == null) {
            flash.addFlashAttribute("error", "Request " + id + ": a correction needs a unit price or a quantity");
            return "redirect:/console/approvals";
        }
        return decide(id, Decision.correct(unitPrice, quantity, Forms.optional(comment)), auth, flash);
    }

    @PostMapping("/console/approvals/{id}/reject")
    String reject(@PathVariable long id, @RequestParam(required = false) String comment, Authentication auth,
            RedirectAttributes flash) {
        return decide(id, Decision.reject(Forms.optional(comment)), auth, flash);
    }

    private String decide(long id, Decision decision, Authentication auth, RedirectAttributes flash) {
        try {
            ApprovalRequest decided = approvals.decide(id, decision, ConsoleUser.of(auth).actor());
            flash.addFlashAttribute("message", "Request " + id + " (" + decided.subject() + "): "
                    + decided.state().replace('_', ' ').toLowerCase() + "; the job goes on when nothing of its run"
                    + " is pending any more");
        } catch (JobControlException e) {
            flash.addFlashAttribute("error", "Request " + id + ": " + e.getMessage());
        }
        return "redirect:/console/approvals";
    }
}
