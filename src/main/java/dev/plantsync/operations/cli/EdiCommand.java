package dev.plantsync.operations.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.plantsync.edi.EdiError;
import dev.plantsync.edi.EnvelopeGate;
import dev.plantsync.edi.InvoiceParsers;
import dev.plantsync.edi.InvoiceSink;
import dev.plantsync.edi.ParsedInvoice;
import dev.plantsync.operations.JobControlException;
import dev.plantsync.platform.ConfigDir;
import dev.plantsync.sftp.Partner;
import dev.plantsync.sftp.PartnerRegistry;
import org.springframework.core.env.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;

/** Offline EDI tools: no database, no Odoo. */
@Command(name = "edi", mixinStandardHelpOptions = true, description = "Validate EDI and CSV invoice files offline.",
        subcommands = EdiCommand.Validate.class)
class EdiCommand extends CommandGroup {

    @ParentCommand
    PlantSyncCommand root;

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Parse files and print each invoice as one JSON object per line, then every error with its "
                    + "location. Exit 0 when everything is valid, 1 otherwise.")
    static class Validate implements Callable<Integer> {

        @ParentCommand
        EdiCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "X12 810, EDIFACT INVOIC or CSV files")
        List<Path> files;

        @Option(names = "--csv-delimiter", defaultValue = ",", description = "CSV delimiter (default ${DEFAULT-VALUE})")
        char delimiter;

        @Option(names = "--partner", paramLabel = "ID", description = "read the files as the posting job reads this "
                + "partner's: its CSV column names (csvColumns) and EDI sender ids (ediIds) from the partner registry")
        String partnerId;

        @Option(names = "--partners", paramLabel = "FILE", description = "partner registry for --partner (default: "
                + "plantsync.sftp.partners-file, else jobs/partners.yml in plantsync.config-dir)")
        Path partnersFile;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            // built here, not in a static field: the command line makes every command object, so every command
            // would pay for it
            JsonMapper json = JsonMapper.builder().build();
            InvoiceParsers.Options options = new InvoiceParsers.Options(delimiter, null);
            if (partnerId != null) {
                Partner partner = partner(out);
                if (partner == null) {
                    return ExitCodes.PROBLEM;
                }
                // As StageInvoiceFiles does: the partner's sender ids are the only ones known, its columns mapped.
                options = new InvoiceParsers.Options(delimiter, partner.ediIds().isEmpty() ? null
                        : java.util.Set.copyOf(partner.ediIds()), partner.csvColumns(), 0, 0);
            }
            AtomicBoolean allValid = new AtomicBoolean(true);
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    // Through the gate: an invoice of a rejected interchange or group is shown invalid, with why.
                    EnvelopeGate gate = new EnvelopeGate(new InvoiceSink() {
                        @Override
                        public void invoice(ParsedInvoice parsed) {
                            Map<String, Object> line = new LinkedHashMap<>();
                            line.put("valid", parsed.valid());
                            line.put("invoice", parsed.invoice());
                            line.put("errors", parsed.errors().stream().map(EdiError::toString).toList());
                            out.println(json.writeValueAsString(line));
                            if (!parsed.valid()) {
                                allValid.set(false);
                            }
                        }

                        @Override
                        public void fileError(EdiError error) {
                            out.println("error: " + error);
                            allValid.set(false);
                        }
                    });
                    InvoiceParsers.parse(in, file.toString(), options, gate);
                    gate.finish();
                } catch (IOException e) {
                    out.println("error: " + file + ": cannot read: " + e.getMessage());
                    allValid.set(false);
                }
            }
            out.flush();
            return allValid.get() ? ExitCodes.COMPLETED : ExitCodes.PROBLEM;
        }

        /**
         * The partner from the registry the job reads (only the settings, never the application); null after saying
         * why when there is no registry. An id the registry does not know is bad usage, listing the ids it knows.
         */
        private Partner partner(PrintWriter out) {
            if (partnersFile == null) {
                Environment env = parent.root.context.environment();
                partnersFile = ConfigDir.from(env).partnersFile(env);
            }
            if (!Files.isRegularFile(partnersFile)) {
                out.println("problem: no partner registry at " + partnersFile.toAbsolutePath().normalize()
                        + " (set plantsync.sftp.partners-file or plantsync.config-dir, or give --partners)");
                return null;
            }
            try {
                return PartnerRegistry.load(partnersFile).require(partnerId);
            } catch (IllegalArgumentException e) {
                throw new JobControlException(JobControlException.Reason.BAD_PARAMETERS, e.getMessage());
            }
        }
    }
}
