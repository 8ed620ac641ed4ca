package dev.plantsync.reconciliation;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;

import dev.plantsync.operations.JobControlException;
import dev.plantsync.platform.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Reconciliation reports over HTTP, {@code /api/reconciliation/{inventory|postings|valuation}/...}: anyone signed in
 * may read and download; only approvers sign off and annotate (the security chain enforces it).
 */
@RestController
@RequestMapping("/api/reconciliation/{kind}")
class ReconciliationReportsController {

    record ReviewBody(String comment) {
    }

    record AnnotationBody(ReconciliationReports.Annotation status, String note) {
    }

    private final ReconciliationReports reports;

    ReconciliationReportsController(ReconciliationReports reports) {
        this.reports = reports;
    }

    @GetMapping("/runs")
    List<ReconciliationReports.Summary> recent(@PathVariable String kind,
            @RequestParam(required = false) String scope, @RequestParam(required = false) String site,
            @RequestParam(defaultValue = "30") int limit) {
        return reports.recent(kind(kind), scope != null ? scope : site, Math.max(1, Math.min(limit, 366)));
    }

    @GetMapping(value = "/runs/{run}", produces = MediaType.APPLICATION_JSON_VALUE)
    ReconciliationReports.Summary summary(@PathVariable String kind, @PathVariable long run) {
        return reports.require(kind(kind), run);
    }

    @GetMapping(value = "/runs/{run}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<StreamingResponseBody> html(@PathVariable String kind, @PathVariable long run) {
        ReportKind k = kind(kind);
        ReconciliationReports.Summary summary = reports.require(k, run);
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(out -> ReportPage.write(k, summary, reports,
                        new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))));
    }

    @GetMapping("/runs/{run}/{section}.{format:csv|xlsx}")
    ResponseEntity<StreamingResponseBody> download(@PathVariable String kind, @PathVariable long run,
            @PathVariable String section, @PathVariable String format) {
        return reports.download(kind(kind), run, section, format);
    }

    @PostMapping("/runs/{run}/review")
    ReconciliationReports.Summary review(@PathVariable String kind, @PathVariable long run,
            @RequestBody(required = false) ReviewBody body, Principal user) {
        return reports.review(kind(kind), run, body == null ? null : body.comment(),
                new Actor(user.getName(), "api"));
    }

    @PostMapping("/breaks/{id}/annotation")
    ResponseEntity<Void> annotate(@PathVariable String kind, @PathVariable long id, @RequestBody AnnotationBody body,
            Principal user) {
        ReportKind k = kind(kind);
        if (body.status() == null) {
            throw new JobControlException(JobControlException.Reason.BAD_PARAMETERS,
                    "status is required: EXPLAINED, TO_FIX or FIXED");
        }
        reports.annotate(k, id, body.status(), body.note(), new Actor(user.getName(), "api"));
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(JobControlException.class)
    ProblemDetail refused(JobControlException e) {
        return ProblemDetail.forStatusAndDetail(switch (e.reason()) {
            case UNKNOWN_EXECUTION -> HttpStatus.NOT_FOUND;
            case BAD_PARAMETERS -> HttpStatus.BAD_REQUEST;
            default -> HttpStatus.CONFLICT;
        }, e.getMessage());
    }

    private static ReportKind kind(String path) {
        return ReportKind.require(path);
    }
}
