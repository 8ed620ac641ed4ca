package dev.plantsync.operations.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands: called alone, it shows its usage and exits with "bad usage". */
public abstract class CommandGroup implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_USAGE;
    }
}
