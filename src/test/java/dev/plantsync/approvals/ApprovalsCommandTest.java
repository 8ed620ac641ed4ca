package dev.plantsync.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;

import dev.plantsync.operations.cli.PlantSyncCommand;
import dev.plantsync.support.PlantSyncTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** {@code plantsync approvals}: the queue and decisions at the terminal; usage errors are one line with exit 2. */
@PlantSyncTest
class ApprovalsCommandTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    Approvals approvals;

    @Test
    void listsAndDecides() {
        approvals.request("supplier-invoice-posting", 77, 77, "invoice-exceptions", "k1", "acme invoice INV-9 (PO-9)",
                "PRICE_VARIANCE", "PRICE_VARIANCE: line 1 price 3.5 vs PO 3, impact 2.00", new BigDecimal("2.00"), "USD",
                BigDecimal.ZERO);
        long id = approvals.pending().get(0).id();

        Result list = run("approvals", "list");
        Result reject = run("approvals", "reject", String.valueOf(id));
        Result approve = run("approvals", "approve", String.valueOf(id), "--comment", "fine");

        assertThat(list.exit).as(list.err).isZero();
        assertThat(list.out).contains("acme invoice INV-9 (PO-9)", "PRICE_VARIANCE", "2.0000 USD",
                "line 1 price 3.5 vs PO 3");
        assertThat(reject.exit).as("a rejection needs --comment").isEqualTo(2);
        assertThat(approve.exit).as(approve.err).isZero();
        assertThat(approve.out).startsWith("approval request " + id + ": APPROVED by ");
        assertThat(run("approvals", "approve", String.valueOf(id)).exit).as("decided once").isEqualTo(2);
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = PlantSyncCommand.commandLine(() -> context).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private record Result(int exit, String out, String err) {
    }
}
