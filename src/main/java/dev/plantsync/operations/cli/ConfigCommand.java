package dev.plantsync.operations.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import dev.plantsync.operations.ConfigCheck;
import dev.plantsync.platform.ConfigDir;
import org.springframework.core.env.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The installation's own settings. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Check job settings, partners and schedules.",
        subcommands = ConfigCommand.Check.class)
class ConfigCommand extends CommandGroup {

    @ParentCommand
    PlantSyncCommand root;

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Load every job's settings (jobs/*.yml), the partner registry and the schedules from "
                    + "plantsync.config-dir (env PLANTSYNC_CONFIG_DIR) and list every problem as 'file: field: why'. "
                    + "Starts nothing and needs no database.")
    static class Check implements Callable<Integer> {

        @ParentCommand
        ConfigCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            // only the settings, never the application: a bad setting would stop it before anything is listed
            Environment env = parent.root.context.environment();
            ConfigDir dir = ConfigDir.from(env);
            out.println("config dir: " + dir.path().toAbsolutePath().normalize());
            List<ConfigCheck.Problem> problems = ConfigCheck.run(dir.jobs(), dir.partnersFile(env),
                    dir.schedules(env), ConfigCheck.contributions());
            problems.forEach(out::println);
            out.println(problems.isEmpty() ? "ok" : problems.size() + " problem(s)");
            return problems.isEmpty() ? ExitCodes.COMPLETED : ExitCodes.PROBLEM;
        }
    }
}
