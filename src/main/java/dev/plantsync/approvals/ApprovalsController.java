package dev.plantsync.approvals;

import java.math.BigDecimal;
import java.security.Principal;
import java.util.List;

import dev.plantsync.operations.JobControlException;
import dev.plantsync.platform.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The approval queue over HTTP: everyone may look, only approvers decide (the security chain enforces it). */
@RestController
@RequestMapping("/api/approvals")
class ApprovalsController {

    /** What an approver sends: a comment (required to reject) and, to correct, a unit price and/or quantity. */
    record DecisionBody(String comment, BigDecimal unitPrice, BigDecimal quantity) {
    }

    private final Approvals approvals;

    ApprovalsController(Approvals approvals) {
        this.approvals = approvals;
    }

    @GetMapping
    List<ApprovalRequest> pending() {
        return approvals.pending();
    }

    @PostMapping("/{id}/approve")
    ApprovalRequest approve(@PathVariable long id, @RequestBody(required = false) DecisionBody body, Principal user) {
        return approvals.decide(id, Decision.approve(body == null ? null : body.comment()), actor(user));
    }

    @PostMapping("/{id}/correct")
    ApprovalRequest correct(@PathVariable long id, @RequestBody DecisionBody body, Principal user) {
        if (body.unitPrice() == null && body.quantity() == null) {
            throw new JobControlException(JobControlException.Reason.BAD_PARAMETERS,
                    "a correction needs a unitPrice or a quantity");
        }
        return approvals.decide(id, Decision.correct(body.unitPrice(), body.quantity(), body.comment()), actor(user));
    }

    @PostMapping("/{id}/reject")
    ApprovalRequest reject(@PathVariable long id, @RequestBody(required = false) DecisionBody body, Principal user) {
        return approvals.decide(id, Decision.reject(body == null ? null : body.comment()), actor(user));
    }

    @ExceptionHandler(JobControlException.class)
    ProblemDetail refused(JobControlException e) {
        HttpStatus status = switch (e.reason()) {
            case UNKNOWN_EXECUTION -> HttpStatus.NOT_FOUND;
            case BAD_PARAMETERS -> HttpStatus.BAD_REQUEST;
            case BUSY -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.CONFLICT;
        };
        return ProblemDetail.forStatusAndDetail(status, e.getMessage());
    }

    private static Actor actor(Principal user) {
        return new Actor(user.getName(), "api");
    }
}
