package dev.plantsync.reconciliation;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;

import dev.plantsync.operations.JobControlException;
import dev.plantsync.platform.Actor;
import org.springframework.http.HttpHeaders;
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
 * Inventory reconciliation reports over HTTP: anyone signed in may read and download; only approvers sign off and
 * annotate (the security chain enforces it).
 */
@RestController
@RequestMapping("/api/reconciliation/inventory")
class InventoryReportsController {

    record ReviewBody(String comment) {
    }

    record AnnotationBody(InventoryReports.Annotation status, String note) {
    }

    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final InventoryReports reports;

    InventoryReportsController(InventoryReports reports) {
        this.reports = reports;
    }

    @GetMapping("/runs")
    List<InventoryReports.Summary> recent(@RequestParam(defaultValue = "MAIN") String site,
            @RequestParam(defaultValue = "30") int limit) {
        return reports.recent(site, Math.min(limit, 366));
    }

    @GetMapping(value = "/runs/{run}", produces = MediaType.APPLICATION_JSON_VALUE)
    InventoryReports.Summary summary(@PathVariable long run) {
        return find(run);
    }

    @GetMapping(value = "/runs/{run}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<StreamingResponseBody> html(@PathVariable long run) {
        InventoryReports.Summary summary = find(run);
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(out -> InventoryReportPage.write(summary, reports,
                        new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))));
    }

    @GetMapping("/runs/{run}/breaks.csv")
    ResponseEntity<StreamingResponseBody> csv(@PathVariable long run) {
        InventoryReports.Summary s = find(run);
        return download(fileName(s, "csv"), new MediaType("text", "csv", StandardCharsets.UTF_8),
                out -> reports.exportCsv(run, out));
    }

    @GetMapping("/runs/{run}/breaks.xlsx")
    ResponseEntity<StreamingResponseBody> xlsx(@PathVariable long run) {
        InventoryReports.Summary s = find(run);
        return download(fileName(s, "xlsx"), XLSX, out -> reports.exportXlsx(run, out));
    }

    @PostMapping("/runs/{run}/review")
    InventoryReports.Summary review(@PathVariable long run, @RequestBody(required = false) ReviewBody body,
            Principal user) {
        return reports.review(run, body == null ? null : body.comment(), new Actor(user.getName(), "api"));
    }

    @PostMapping("/breaks/{id}/annotation")
    ResponseEntity<Void> annotate(@PathVariable long id, @RequestBody AnnotationBody body, Principal user) {
        if (body.status() == null) {
            throw new JobControlException(JobControlException.Reason.BAD_PARAMETERS,
                    "status is required: EXPLAINED, TO_FIX or FIXED");
        }
        reports.annotate(id, body.status(), body.note(), new Actor(user.getName(), "api"));
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

    private InventoryReports.Summary find(long run) {
        return reports.summary(run).orElseThrow(() -> new JobControlException(
                JobControlException.Reason.UNKNOWN_EXECUTION, "no inventory reconciliation report for run " + run));
    }

    private static String fileName(InventoryReports.Summary s, String extension) {
        return "inventory-" + s.site().replaceAll("[^A-Za-z0-9_-]", "_") + "-" + s.runDate() + "." + extension;
    }

    private static ResponseEntity<StreamingResponseBody> download(String name, MediaType type,
            StreamingResponseBody body) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"").body(body);
    }
}
