package dev.plantsync.operations.cli;

import java.io.PrintWriter;

import dev.plantsync.operations.JobControlException;
import dev.plantsync.platform.ConfigDir;
import dev.plantsync.platform.DatabaseUnavailableException;
import dev.plantsync.platform.UrlUserinfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the command line: {@code plantsync <command>}. */
@Command(name = "plantsync", mixinStandardHelpOptions = true, version = "PlantSync 0.1",
        description = "Scheduled, restartable batch jobs between Odoo and plant systems.",
        subcommands = {ServerCommand.class, RunCommand.class, JobsCommand.class, OdooCommand.class, EdiCommand.class,
                SftpCommand.class, ConfigCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:completed", "1:problem found or environment not usable", "2:bad usage",
                "3:job failed", "4:job waiting for approval", "5:job stopped", "6:job still running"})
public class PlantSyncCommand {

    final CliContext context;

    /** The application context, started on first use. */
    public org.springframework.context.ApplicationContext context() {
        return context.get();
    }

    /** The context for a command that only reads the database ({@link CliContext#reading()}), started on first use. */
    public org.springframework.context.ApplicationContext readingContext() {
        return context.reading();
    }

    public PlantSyncCommand(CliContext context) {
        this.context = context;
    }

    /** Builds the command line with PlantSync's error handling: one line for the user, never a stack trace. */
    public static CommandLine commandLine(CliContext context) {
        PlantSyncCommand root = new PlantSyncCommand(context);
        CommandLine cl = new CommandLine(root);
        cl.setCaseInsensitiveEnumValuesAllowed(true); // --transport jsonrpc is as clear as JSONRPC
        for (CommandContribution contribution : java.util.ServiceLoader.load(CommandContribution.class)) {
            cl.addSubcommand(contribution.command(root));
        }
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            Throwable cause = rootCause(e, DatabaseUnavailableException.class);
            if (cause == null) {
                cause = rootCause(e, ConfigDir.JobSettingsMissingException.class);
            }
            if (cause != null) {
                err.println("error: " + cause.getMessage());
                return ExitCodes.PROBLEM;
            }
            if (e instanceof JobControlException jce) {
                err.println("error: " + jce.getMessage());
                return ExitCodes.of(jce);
            }
            err.println("error: " + e.getClass().getSimpleName() + ": " + UrlUserinfo.mask(e.getMessage()));
            return ExitCodes.PROBLEM;
        });
        return cl;
    }

    private static Throwable rootCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
