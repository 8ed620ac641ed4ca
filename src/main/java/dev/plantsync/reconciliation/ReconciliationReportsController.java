package dev.plantsync.reconciliation;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;

import dev.plantsync.operations.JobControlException;
import dev.plantsync.platform.Actor;
import dev.plantsync.platform.Downloads;
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
        return find(kind(kind), run);
    }

    @GetMapping(value = "/runs/{run}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<StreamingResponseBody> html(@PathVariable String kind, @PathVariable long run) {
        ReportKind k = kind(kind);
        ReconciliationReports.Summary summary = find(k, run);
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(out -> ReportPage.write(k, summary, reports,
                        new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))));
    }

    @GetMapping("/runs/{run}/{section}.csv")
    ResponseEntity<StreamingResponseBody> csv(@PathVariable String kind, @PathVariable long run,
            @PathVariable String section) {
        ReportKind k = kind(kind);
        ReconciliationReports.Summary s = find(k, run);
        reports.requireSection(k, section);
        return Downloads.attachment(fileName(s, section, "csv"), Downloads.CSV,
                out -> reports.exportCsv(k, run, section, out));
    }

    @GetMapping("/runs/{run}/{section}.xlsx")
    ResponseEntity<StreamingResponseBody> xlsx(@PathVariable String kind, @PathVariable long run,
            @PathVariable String section) {
        ReportKind k = kind(kind);
        ReconciliationReports.Summary s = find(k, run);
        reports.requireSection(k, section);
        return Downloads.attachment(fileName(s, section, "xlsx"), Downloads.XLSX,
                out -> reports.exportXlsx(k, run, section, out));
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
        return ReportKind.of(path).orElseThrow(() -> new JobControlException(
                JobControlException.Reason.UNKNOWN_EXECUTION, "no reconciliation report kind " + path + "; known: "
                        + String.join(", ", Arrays.stream(ReportKind.values()).map(ReportKind::path).toList())));
    }

    private ReconciliationReports.Summary find(ReportKind kind, long run) {
        return reports.summary(kind, run).orElseThrow(() -> new JobControlException(
                JobControlException.Reason.UNKNOWN_EXECUTION,
                "no " + kind.path() + " reconciliation report for run " + run));
    }

    private static String fileName(ReconciliationReports.Summary s, String section, String extension) {
        String scope = "inventory".equals(s.kind()) ? "-" + s.scope().replaceAll("[^A-Za-z0-9_-]", "_") : "";
        return s.kind() + scope + "-" + s.runDate() + ("breaks".equals(section) ? "" : "-" + section) + "."
                + extension;
    }
}
