package dev.plantsync.operations.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.plantsync.operations.ExecutionSummary;
import dev.plantsync.operations.JobControl;
import dev.plantsync.operations.JobParameterParser;
import dev.plantsync.platform.Actor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Launches one job, waits for it and prints what it did. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Launch a job, wait for it to end and print a summary. The exit code says how it ended.")
class RunCommand implements Callable<Integer> {

    @ParentCommand
    PlantSyncCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB", description = "job name (see: plantsync jobs list)")
    String job;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE",
            description = "job parameter; businessDate=yyyy-MM-dd defaults to today")
    List<String> params = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT12H",
            description = "how long to wait for the job (ISO-8601, default ${DEFAULT-VALUE})")
    Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> parameters = JobParameterParser.fromPairs(params);
        JobControl jobs = root.context.bean(JobControl.class);
        ExecutionSummary started = jobs.launch(job, parameters, Actor.cli());
        return JobsCommand.awaitAndReport(jobs, started.id(), timeout, spec.commandLine().getOut());
    }
}
