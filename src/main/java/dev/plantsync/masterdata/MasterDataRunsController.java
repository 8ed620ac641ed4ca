package dev.plantsync.masterdata;

import java.util.Map;

import dev.plantsync.platform.Downloads;
import dev.plantsync.platform.ReportExport;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** A master-data run's report over HTTP: {@code /api/masterdata/runs/{run}} and its changes as CSV or XLSX. */
@RestController
@RequestMapping("/api/masterdata/runs/{run}")
class MasterDataRunsController {

    private final MasterDataRuns runs;

    MasterDataRunsController(MasterDataRuns runs) {
        this.runs = runs;
    }

    @GetMapping
    Map<String, Object> summary(@PathVariable long run) {
        requireRun(run);
        return runs.summary(run);
    }

    @GetMapping("/changes.csv")
    ResponseEntity<StreamingResponseBody> csv(@PathVariable long run) {
        requireRun(run); // an unknown run is a 404, not a file with a header row
        return Downloads.attachment("master-data-" + run + ".csv", Downloads.CSV,
                out -> runs.exportChanges(run, ReportExport.csv(out)));
    }

    @GetMapping("/changes.xlsx")
    ResponseEntity<StreamingResponseBody> xlsx(@PathVariable long run) {
        requireRun(run);
        return Downloads.attachment("master-data-" + run + ".xlsx", Downloads.XLSX,
                out -> runs.exportChanges(run, ReportExport.xlsx(out, "changes")));
    }

    private void requireRun(long run) {
        if (!runs.exists(run)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no master-data run " + run
                    + ": GET /api/jobs/master-data-sync/executions lists the runs (jobInstanceId)");
        }
    }
}
