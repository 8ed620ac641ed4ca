package dev.plantsync.operations.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.plantsync.odoo.OdooCheck;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooConnector;
import dev.plantsync.odoo.OdooException;
import dev.plantsync.odoo.OdooSettings;
import dev.plantsync.odoo.OdooTransport;
import dev.plantsync.platform.UrlUserinfo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Odoo commands for operators. */
@Command(name = "odoo", mixinStandardHelpOptions = true, description = "Check the connection to Odoo.",
        subcommands = OdooCommand.Check.class)
class OdooCommand extends CommandGroup {

    @ParentCommand
    PlantSyncCommand root;

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Connect, print version, transport and user, and check access to every model the jobs use.")
    static class Check implements Callable<Integer> {

        @ParentCommand
        OdooCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--url", description = "Odoo URL (default: plantsync.odoo.url)")
        URI url;

        @Option(names = "--db", description = "database")
        String database;

        @Option(names = "--user", description = "login")
        String login;

        @Option(names = "--api-key-file", description = "file holding the API key (or password)")
        Path apiKeyFile;

        @Option(names = "--transport", description = "JSON2, JSONRPC, XMLRPC or AUTO")
        OdooTransport.Transport transport;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            OdooSettings settings = settings();
            OdooClient odoo;
            try {
                odoo = OdooConnector.connect(settings, new SimpleMeterRegistry());
            } catch (OdooException e) {
                out.println("problem: Odoo unreachable at " + UrlUserinfo.mask(settings.url()) + ": "
                        + UrlUserinfo.mask(e.getMessage()));
                return ExitCodes.PROBLEM;
            } catch (IllegalStateException e) {
                out.println("problem: " + UrlUserinfo.mask(e.getMessage()));
                return ExitCodes.PROBLEM;
            }
            OdooCheck.Report report = OdooCheck.run(odoo, OdooCheck.MODELS);
            report.facts().forEach((k, v) -> out.printf("%-16s %s%n", k + ":", v));
            for (Map.Entry<String, String> e : report.access().entrySet()) {
                out.printf("  %-26s %s%n", e.getKey(), e.getValue());
            }
            report.problems().forEach(p -> out.println("problem: " + p));
            out.println(report.ok() ? "ok" : report.problems().size() + " problem(s)");
            return report.ok() ? ExitCodes.COMPLETED : ExitCodes.PROBLEM;
        }

        private OdooSettings settings() {
            OdooSettings configured = url == null ? parent.root.context.bean(OdooSettings.class) : null;
            if (configured != null && database == null && login == null && apiKeyFile == null && transport == null) {
                return configured;
            }
            URI u = url != null ? url : configured.url();
            OdooSettings base = OdooSettings.of(u, database != null ? database : configured == null ? null
                    : configured.database(), login != null ? login : configured == null ? null : configured.login(),
                    transport != null ? transport : OdooTransport.Transport.AUTO);
            return new OdooSettings(base.url(), base.database(), base.login(), base.apiKeyEnv(),
                    apiKeyFile != null ? apiKeyFile : configured == null ? null : configured.apiKeyFile(),
                    base.transport(), null, null, null, null, 2, null, null);
        }
    }
}
