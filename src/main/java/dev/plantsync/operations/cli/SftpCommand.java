package dev.plantsync.operations.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.plantsync.sftp.CompleteFiles;
import dev.plantsync.sftp.Partner;
import dev.plantsync.sftp.PartnerRegistry;
import dev.plantsync.sftp.Drop;
import dev.plantsync.sftp.RemoteFile;
import dev.plantsync.sftp.SftpDropException;
import dev.plantsync.sftp.SftpSettings;
import dev.plantsync.platform.ConfigDir;
import org.springframework.core.env.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Partner drop commands for operators. */
@Command(name = "sftp", mixinStandardHelpOptions = true, description = "Check partners' SFTP drops.",
        subcommands = SftpCommand.Check.class)
class SftpCommand extends CommandGroup {

    @ParentCommand
    PlantSyncCommand root;

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Connect to a partner (host key verified), list its inbound directory and say what the next "
                    + "pickup would take. Claims nothing.")
    static class Check implements Callable<Integer> {

        @ParentCommand
        SftpCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PARTNER", description = "partner id from the partner registry")
        String partnerId;

        @Option(names = "--partners", description = "partner registry (default: plantsync.sftp.partners-file, else "
                + "jobs/partners.yml in plantsync.config-dir)")
        Path partnersFile;

        @Option(names = "--stability", description = "seconds a file must stay unchanged (default ${DEFAULT-VALUE})",
                defaultValue = "5")
        int stabilitySeconds;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (partnersFile == null) {
                Environment env = parent.root.context.environment();
                partnersFile = ConfigDir.from(env).partnersFile(env);
            }
            if (!Files.isRegularFile(partnersFile)) {
                out.println("problem: no partner registry at " + partnersFile.toAbsolutePath().normalize()
                        + " (set plantsync.sftp.partners-file or plantsync.config-dir)");
                return ExitCodes.PROBLEM;
            }
            PartnerRegistry registry = PartnerRegistry.load(partnersFile);
            Partner partner;
            try {
                partner = registry.require(partnerId);
            } catch (IllegalArgumentException e) {
                throw new dev.plantsync.operations.JobControlException(
                        dev.plantsync.operations.JobControlException.Reason.BAD_PARAMETERS, e.getMessage());
            }
            SftpSettings settings = new SftpSettings(null, java.time.Duration.ofSeconds(stabilitySeconds), null, null,
                    null);
            try (Drop sftp = settings.connector().open(partner)) {
                out.printf("connected to %s@%s:%d, host key verified%n", partner.user(), partner.host(), partner.port());
                List<RemoteFile> all = sftp.list(partner.inbound());
                out.printf("%s: %d file(s)%n", partner.inbound(), all.size());
                // every kind from one pair of listings: one stability wait
                for (RemoteFile f : CompleteFiles.in(sftp, partner, partner.patterns().keySet(),
                        settings.stabilityInterval(), dev.plantsync.sftp.Sleeper.REAL)) {
                    String verdict = f.size() > partner.maxFileBytes() ? "would be quarantined (too large)"
                            : "would be picked up";
                    out.printf("  %-40s %10d bytes  %-10s %s%n", f.name(), f.size(), partner.documentType(f.name()),
                            verdict);
                }
                // Links, FIFOs and the like are never read: the next pickup quarantines them.
                for (Drop.Irregular entry : sftp.irregular(partner.inbound())) {
                    if (partner.documentType(entry.name()) != null) {
                        out.printf("  %-40s %s  would be quarantined (%s)%n", entry.name(),
                                partner.documentType(entry.name()), entry.kind());
                    }
                }
                return ExitCodes.COMPLETED;
            } catch (SftpDropException e) {
                out.println("problem: " + e.getMessage());
                return ExitCodes.PROBLEM;
            }
        }
    }
}
