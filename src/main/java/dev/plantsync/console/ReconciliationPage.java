package dev.plantsync.console;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import dev.plantsync.reconciliation.ReconciliationReports;
import dev.plantsync.reconciliation.ReconciliationReports.BreakFilter;
import dev.plantsync.reconciliation.ReportKind;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reconciliation reports for finance: runs per kind and site with the trend of breaks and unexplained value over the
 * last 30 runs; one run's summary, its breaks filtered by category, age and value, annotations, downloads and the
 * sign-off.
 */
@Controller
class ReconciliationPage {

    static final int TREND_RUNS = 30;
    static final int BREAKS_PAGE = 100;

    private final ReconciliationReports reports;

    ReconciliationPage(ReconciliationReports reports) {
        this.reports = reports;
    }

    @GetMapping("/console/reconciliation")
    String runs(@RequestParam(defaultValue = "inventory") String kind, @RequestParam(required = false) String scope,
            Model model) {
        ReportKind k = ReportKind.require(kind);
        String chosen = scope == null || scope.isBlank() ? null : scope;
        List<ReconciliationReports.TrendPoint> trend = reports.trend(k, chosen, TREND_RUNS);
        model.addAttribute("kind", k);
        model.addAttribute("kinds", Arrays.asList(ReportKind.values()));
        model.addAttribute("scope", chosen);
        model.addAttribute("scopes", reports.scopes(k));
        model.addAttribute("trend", trend);
        List<ReconciliationReports.TrendPoint> newestFirst = new ArrayList<>(trend);
        Collections.reverse(newestFirst);
        model.addAttribute("runs", newestFirst);
        return "console/reconciliation";
    }

    @GetMapping("/console/reconciliation/{kind}/{run}")
    String run(@PathVariable String kind, @PathVariable long run, @RequestParam(required = false) String category,
            @RequestParam(defaultValue = "0") int minNights, @RequestParam(required = false) BigDecimal minValue,
            @RequestParam(defaultValue = "1") int page, HttpServletRequest request, Model model) {
        ReportKind k = ReportKind.require(kind);
        ReconciliationReports.Summary summary = reports.require(k, run);
        BreakFilter filter = new BreakFilter(category, minNights, minValue);
        int p = Math.max(page, 1);
        ReconciliationReports.BreakPage breaks = reports.breaks(k, summary, filter, (p - 1) * BREAKS_PAGE, BREAKS_PAGE);
        model.addAttribute("kind", k);
        model.addAttribute("s", summary);
        model.addAttribute("filter", filter);
        model.addAttribute("breaks", breaks);
        model.addAttribute("page", p);
        model.addAttribute("pages", Math.max(1, (breaks.matching() + BREAKS_PAGE - 1) / BREAKS_PAGE));
        model.addAttribute("columns", k.breakColumns().stream()
                .filter(c -> !c.startsWith("annotat")).toList());
        model.addAttribute("sections", k.sections().keySet());
        model.addAttribute("query", request.getQueryString());
        model.addAttribute("annotations", ReconciliationReports.Annotation.values());
        return "console/report";
    }

    @GetMapping("/console/reconciliation/{kind}/{run}/{section}.{format:csv|xlsx}")
    ResponseEntity<StreamingResponseBody> download(@PathVariable String kind, @PathVariable long run,
            @PathVariable String section, @PathVariable String format) {
        return reports.download(ReportKind.require(kind), run, section, format);
    }

    @PostMapping("/console/reconciliation/{kind}/{run}/review")
    String review(@PathVariable String kind, @PathVariable long run, @RequestParam(required = false) String comment,
            Authentication auth, RedirectAttributes flash) {
        ReportKind k = ReportKind.require(kind);
        reports.review(k, run, comment == null || comment.isBlank() ? null : comment.strip(),
                ConsoleUser.of(auth).actor());
        flash.addFlashAttribute("message", "Signed off: " + k.title() + " run " + run);
        return "redirect:/console/reconciliation/" + k.path() + "/" + run;
    }

    /** {@code back}: the filtered list the approver came from, so annotating keeps their place. */
    @PostMapping("/console/reconciliation/{kind}/breaks/{id}/annotation")
    String annotate(@PathVariable String kind, @PathVariable long id, @RequestParam String status,
            @RequestParam(required = false) String note, @RequestParam long run,
            @RequestParam(required = false) String back, Authentication auth, RedirectAttributes flash) {
        ReportKind k = ReportKind.require(kind);
        ReconciliationReports.Annotation annotation = ReconciliationReports.annotation(status);
        reports.annotate(k, id, annotation, note == null || note.isBlank() ? null : note.strip(),
                ConsoleUser.of(auth).actor());
        flash.addFlashAttribute("message", "Break " + id + " marked " + annotation);
        String page = "/console/reconciliation/" + k.path() + "/" + run;
        // Only a query string of this run's page is followed back: never an address of someone else's choosing.
        String query = back != null && back.matches("[A-Za-z0-9_=&.%+-]*") ? back : "";
        return "redirect:" + UriComponentsBuilder.fromPath(page).query(query).build().toUriString();
    }
}
