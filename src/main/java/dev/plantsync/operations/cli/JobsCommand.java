package dev.plantsync.operations.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import dev.plantsync.operations.ExecutionDetail;
import dev.plantsync.operations.ExecutionRecovery;
import dev.plantsync.operations.ExecutionSummary;
import dev.plantsync.operations.JobControl;
import dev.plantsync.operations.JobHistory;
import dev.plantsync.operations.JobSummary;
import dev.plantsync.platform.Actor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Operator commands on jobs and their executions. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "List, inspect, restart, stop, abandon or recover job executions.")
class JobsCommand extends CommandGroup {

    @ParentCommand
    PlantSyncCommand root;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every job with its last execution.")
    int list() {
        List<JobSummary> jobs = history().jobs(); // first: a refused database leaves stdout empty
        PrintWriter out = out();
        out.printf("%-28s %s%n", "JOB", "LAST EXECUTION");
        for (JobSummary job : jobs) {
            ExecutionSummary last = job.lastExecution();
            out.printf("%-28s %s%n", job.name(), last == null ? "never ran"
                    : last.id() + " " + last.status() + " " + last.exitCode() + " " + last.parameters());
        }
        return ExitCodes.COMPLETED;
    }

    @Command(name = "executions", mixinStandardHelpOptions = true, description = "Recent executions of a job, newest first.")
    int executions(@Parameters(paramLabel = "JOB") String job,
            @Option(names = "--limit", defaultValue = "20", description = "how many (default ${DEFAULT-VALUE})") int limit) {
        List<ExecutionSummary> executions = history().executions(job, limit);
        PrintWriter out = out();
        ExecutionPrinter.header(out);
        executions.forEach(e -> ExecutionPrinter.line(out, e));
        return ExitCodes.COMPLETED;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "An execution with its steps and counts.")
    int show(@Parameters(paramLabel = "EXECUTION_ID") long id) {
        ExecutionPrinter.detail(out(), history().execution(id));
        return ExitCodes.COMPLETED;
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = "Restart a FAILED or STOPPED execution from its last committed chunk and wait for it.")
    int restart(@Parameters(paramLabel = "EXECUTION_ID") long id,
            @Option(names = "--timeout", defaultValue = "PT12H", description = "how long to wait (default ${DEFAULT-VALUE})")
            Duration timeout) throws InterruptedException {
        JobControl jobs = jobs();
        ExecutionSummary restarted = jobs.restart(id, Actor.cli());
        return awaitAndReport(jobs, restarted.id(), timeout, out());
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Ask a running execution to stop after its current chunk.")
    int stop(@Parameters(paramLabel = "EXECUTION_ID") long id) {
        jobs().stop(id, Actor.cli());
        out().printf("stop requested for execution %d%n", id);
        return ExitCodes.COMPLETED;
    }

    @Command(name = "abandon", mixinStandardHelpOptions = true, description = "Mark a FAILED or STOPPED execution as never to be restarted.")
    int abandon(@Parameters(paramLabel = "EXECUTION_ID") long id) {
        jobs().abandon(id, Actor.cli());
        out().printf("execution %d abandoned%n", id);
        return ExitCodes.COMPLETED;
    }

    @Command(name = "recover", mixinStandardHelpOptions = true,
            description = "Mark FAILED an execution left STARTED by a killed process (only once its node's heartbeat is"
                    + " older than plantsync.recovery.dead-after); then restart or abandon it.")
    int recover(@Parameters(paramLabel = "EXECUTION_ID") long id) {
        String why = root.context.bean(ExecutionRecovery.class).recover(id, Actor.cli());
        out().printf("execution %d marked FAILED (%s); plantsync jobs restart %d continues it from its last committed"
                + " chunk, plantsync jobs abandon %d gives it up%n", id, why, id, id);
        return ExitCodes.COMPLETED;
    }

    static int awaitAndReport(JobControl jobs, long executionId, Duration timeout, PrintWriter out)
            throws InterruptedException {
        jobs.awaitEnd(executionId, timeout);
        ExecutionDetail detail = jobs.execution(executionId);
        ExecutionPrinter.detail(out, detail);
        out.flush();
        return ExitCodes.of(detail);
    }

    /** Looking starts only the database: no job, scheduler or recovery (CliContext#reading). */
    private JobHistory history() {
        return root.context.reading().getBean(JobHistory.class);
    }

    private JobControl jobs() {
        return root.context.bean(JobControl.class);
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
