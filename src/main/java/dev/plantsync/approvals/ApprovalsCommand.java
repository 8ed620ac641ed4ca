package dev.plantsync.approvals;

import java.io.PrintWriter;
import java.math.BigDecimal;

import dev.plantsync.operations.cli.CommandContribution;
import dev.plantsync.operations.cli.CommandGroup;
import dev.plantsync.operations.cli.PlantSyncCommand;
import dev.plantsync.platform.Actor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code plantsync approvals list|approve|correct|reject}: the approval queue at the terminal. */
@Command(name = "approvals", mixinStandardHelpOptions = true,
        description = "List pending approval requests and decide them (the decision resumes the waiting job).")
public class ApprovalsCommand extends CommandGroup {

    /** Registers the command with the command line (META-INF/services). */
    public static final class Contribution implements CommandContribution {
        @Override
        public Object command(PlantSyncCommand root) {
            return new ApprovalsCommand(root);
        }
    }

    private final PlantSyncCommand root;

    ApprovalsCommand(PlantSyncCommand root) {
        this.root = root;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Pending requests, oldest first.")
    int list() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-6s %-19s %-50s %-18s %12s %10s%n", "ID", "REQUESTED", "SUBJECT", "REASON", "IMPACT", "QTY");
        // looking needs only the database (a decision resumes a job: the whole application)
        for (ApprovalRequest r : root.readingContext().getBean(Approvals.class).pending()) {
            out.printf("%-6d %-19s %-50s %-18s %12s %10s%n", r.id(), r.requestedAt().toLocalDateTime().withNano(0),
                    r.subject(), r.reasonCode(), r.impactAmount() == null ? "" : r.impactAmount().toPlainString()
                            + (r.impactCurrency() == null ? "" : " " + r.impactCurrency()),
                    r.impactQuantity() == null ? "" : r.impactQuantity().stripTrailingZeros().toPlainString());
            out.printf("       %s%n", r.reason());
        }
        return 0;
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve as invoiced.")
    int approve(@Parameters(paramLabel = "ID") long id, @Option(names = "--comment") String comment) {
        return decided(approvals().decide(id, Decision.approve(comment), Actor.cli()));
    }

    @Command(name = "correct", mixinStandardHelpOptions = true,
            description = "Approve with a corrected unit price and/or quantity on the flagged lines.")
    int correct(@Parameters(paramLabel = "ID") long id, @Option(names = "--price") BigDecimal price,
            @Option(names = "--quantity") BigDecimal quantity, @Option(names = "--comment") String comment) {
        return decided(approvals().decide(id, Decision.correct(price, quantity, comment), Actor.cli()));
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject; the comment says why.")
    int reject(@Parameters(paramLabel = "ID") long id, @Option(names = "--comment", required = true) String comment) {
        return decided(approvals().decide(id, Decision.reject(comment), Actor.cli()));
    }

    private int decided(ApprovalRequest r) {
        spec.commandLine().getOut().printf("approval request %d: %s by %s%n", r.id(), r.state(), r.decidedBy());
        return 0;
    }

    private Approvals approvals() {
        return root.context().getBean(Approvals.class);
    }
}
