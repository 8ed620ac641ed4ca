package dev.plantsync.costing;

import java.util.Map;

import dev.plantsync.platform.Downloads;
import dev.plantsync.platform.ReportExport;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A cost roll-up's report over HTTP: {@code /api/costing/runs/{run}} and every product's costs as
 * {@code products.csv} or {@code products.xlsx}, {@code ?sort=impact} (default), {@code variance} or {@code code}.
 */
@RestController
@RequestMapping("/api/costing/runs/{run}")
class CostRollupRunsController {

    private final CostRollupRuns runs;

    CostRollupRunsController(CostRollupRuns runs) {
        this.runs = runs;
    }

    @GetMapping
    Map<String, Object> summary(@PathVariable long run) {
        return existing(run);
    }

    @GetMapping("/products.csv")
    ResponseEntity<StreamingResponseBody> csv(@PathVariable long run,
            @RequestParam(defaultValue = "impact") String sort) {
        String order = order(sort);
        existing(run); // an unknown run is a 404, not a file with a header row
        return Downloads.attachment("cost-rollup-" + run + ".csv", Downloads.CSV,
                out -> runs.exportProducts(run, order, ReportExport.csv(out)));
    }

    @GetMapping("/products.xlsx")
    ResponseEntity<StreamingResponseBody> xlsx(@PathVariable long run,
            @RequestParam(defaultValue = "impact") String sort) {
        String order = order(sort);
        existing(run);
        return Downloads.attachment("cost-rollup-" + run + ".xlsx", Downloads.XLSX,
                out -> runs.exportProducts(run, order, ReportExport.xlsx(out, "products")));
    }

    private Map<String, Object> existing(long run) {
        Map<String, Object> summary = runs.summary(run);
        if (summary.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no cost roll-up run " + run
                    + ": GET /api/jobs/cost-rollup/executions lists the runs (jobInstanceId)");
        }
        return summary;
    }

    private static String order(String sort) {
        if (!CostRollupRuns.ORDERS.containsKey(sort)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "sort must be one of "
                    + new java.util.TreeSet<>(CostRollupRuns.ORDERS.keySet()) + ", not '" + sort + "'");
        }
        return sort;
    }
}
