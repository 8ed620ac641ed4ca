package dev.plantsync.operations.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;

import dev.plantsync.operations.ExecutionDetail;
import dev.plantsync.operations.ExecutionSummary;
import dev.plantsync.operations.StepSummary;
import dev.plantsync.platform.ExceptionRecords;

/** Plain-text rendering of executions for the terminal. */
final class ExecutionPrinter {

    private ExecutionPrinter() {
    }

    static void line(PrintWriter out, ExecutionSummary e) {
        out.printf("%-8d %-28s %-10s %-18s %-19s %-9s %s%n", e.id(), e.jobName(), e.status(), e.exitCode(),
                time(e.started()), duration(e.started(), e.ended()), e.parameters() == null ? "" : e.parameters());
    }

    static void header(PrintWriter out) {
        out.printf("%-8s %-28s %-10s %-18s %-19s %-9s %s%n", "EXEC", "JOB", "STATUS", "EXIT", "STARTED", "DURATION",
                "PARAMETERS");
    }

    static void detail(PrintWriter out, ExecutionDetail d) {
        ExecutionSummary e = d.execution();
        out.printf("execution %d of job %s (instance %d): %s, exit %s%n", e.id(), e.jobName(), e.instanceId(),
                e.status(), e.exitCode());
        out.printf("  parameters: %s%n", e.parameters());
        out.printf("  started %s, ended %s, took %s%n", time(e.started()), time(e.ended()),
                duration(e.started(), e.ended()));
        if (!e.exitDescription().isEmpty()) {
            out.printf("  reason: %s%n", e.exitDescription());
        }
        out.printf("  %-28s %-10s %8s %8s %8s %8s %8s %9s %9s%n", "STEP", "STATUS", "READ", "WRITTEN", "FILTERED",
                "SKIPPED", "COMMITS", "ROLLBACKS", "TOOK");
        for (StepSummary s : d.steps()) {
            out.printf("  %-28s %-10s %8d %8d %8d %8d %8d %9d %9s%n", s.name(), s.status(), s.read(), s.written(),
                    s.filtered(), s.skipped(), s.commits(), s.rollbacks(), duration(s.started(), s.ended()));
        }
        exceptions(out, d);
    }

    /** The run's bad input: counted by reason, then the first ones with their place, so nobody has to query for it. */
    private static void exceptions(PrintWriter out, ExecutionDetail d) {
        int total = d.exceptionCount();
        if (total == 0) {
            return;
        }
        out.printf("  exceptions: %s%n", ExceptionRecords.describe(d.exceptionsByReason()));
        out.printf("  %-28s %-12s %-24s %-28s %s%n", "FILE", "LINE", "KEY", "REASON", "MESSAGE");
        for (ExceptionRecords.Recorded x : d.exceptions()) {
            out.printf("  %-28s %-12s %-24s %-28s %s%n", orDash(x.file()), orDash(x.location()),
                    orDash(x.businessKey()), x.reasonCode(), x.message() == null ? "" : x.message());
        }
        if (total > d.exceptions().size()) {
            out.printf("  ... and %d more (%d in all)%n", total - d.exceptions().size(), total);
        }
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }

    private static String time(LocalDateTime t) {
        return t == null ? "-" : t.withNano(0).toString().replace('T', ' ');
    }

    private static String duration(LocalDateTime start, LocalDateTime end) {
        if (start == null) {
            return "-";
        }
        Duration d = Duration.between(start, end == null ? LocalDateTime.now() : end);
        return String.format("%d.%03ds", d.toSeconds(), d.toMillisPart());
    }
}
