package dev.plantsync.monitoring;

import java.io.PrintWriter;
import java.util.List;

import dev.plantsync.operations.cli.CommandContribution;
import dev.plantsync.operations.cli.CommandGroup;
import dev.plantsync.operations.cli.ExitCodes;
import dev.plantsync.operations.cli.PlantSyncCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code plantsync trace invoice <number>} / {@code trace product <code>} / {@code trace mo <name>}: the journey with
 * times.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Show the journey of a vendor invoice, a product code or a manufacturing order through PlantSync,"
                + " with times.")
public class TraceCommand extends CommandGroup {

    /** Registered through META-INF/services. */
    public static final class Contribution implements CommandContribution {
        @Override
        public Object command(PlantSyncCommand root) {
            return new TraceCommand(root);
        }
    }

    private final PlantSyncCommand root;

    TraceCommand(PlantSyncCommand root) {
        this.root = root;
    }

    @Command(name = "invoice", mixinStandardHelpOptions = true, description = "A vendor invoice by its number.")
    int invoice(@Parameters(paramLabel = "NUMBER") String number) {
        return print(trace().invoice(number), "no invoice " + number + " was received");
    }

    @Command(name = "product", mixinStandardHelpOptions = true, description = "A product by its code.")
    int product(@Parameters(paramLabel = "CODE") String code) {
        return print(trace().product(code), "PlantSync never handled product " + code);
    }

    @Command(name = "mo", mixinStandardHelpOptions = true,
            description = "A manufacturing order by the MES's name or any Odoo name of it (WH/MO/00017, -001, -002).")
    int mo(@Parameters(paramLabel = "NAME") String name) {
        return print(trace().manufacturingOrder(name), "PlantSync never released manufacturing order " + name
                + " nor received a MES event for it");
    }

    private int print(List<BusinessTrace.Journey> journeys, String none) {
        PrintWriter out = spec.commandLine().getOut();
        if (journeys.isEmpty()) {
            spec.commandLine().getErr().println(none);
            return ExitCodes.PROBLEM;
        }
        for (BusinessTrace.Journey journey : journeys) {
            out.printf("%s %s%s%n", journey.kind(), journey.key(),
                    journey.partner() == null ? "" : (journey.kind().equals("manufacturing order") ? " at " : " from ")
                            + journey.partner());
            for (BusinessTrace.Step step : journey.steps()) {
                out.printf("  %-25s %-18s %s%n", step.at() == null ? "-" : step.at().toString(), step.stage(),
                        step.detail());
            }
        }
        out.flush();
        return ExitCodes.COMPLETED;
    }

    private BusinessTrace trace() {
        return root.readingContext().getBean(BusinessTrace.class); // only reads: the database, nothing else
    }
}
