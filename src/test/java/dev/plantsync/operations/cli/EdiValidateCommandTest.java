package dev.plantsync.operations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** {@code plantsync edi validate}: one JSON object per invoice, located errors, an exit code that says if all is well. */
class EdiValidateCommandTest {

    private static final Path SAMPLES = Path.of("src", "test", "resources", "edi");

    @Test
    void validFilesPrintOneJsonLinePerInvoiceAndExitZero() {
        StringWriter out = new StringWriter();
        int exit = run(out, SAMPLES.resolve("x12-810-004010-two-invoices.edi").toString(),
                SAMPLES.resolve("csv-two-invoices.csv").toString());

        assertThat(exit).isZero();
        assertThat(out.toString().lines()).hasSize(4).allSatisfy(l -> assertThat(l).startsWith("{\"valid\":true,"));
        assertThat(out.toString()).contains("\"invoiceNumber\":\"ACME-INV-1001\"", "\"invoiceDate\":\"2026-11-20\"",
                "\"quantity\":60", "\"unitPrice\":0.25");
    }

    @Test
    void invalidFilesPrintLocatedErrorsAndExitOne() {
        StringWriter out = new StringWriter();
        int exit = run(out, SAMPLES.resolve("x12-810-bad-totals-and-controls.edi").toString());

        assertThat(exit).isEqualTo(ExitCodes.PROBLEM);
        assertThat(out.toString()).contains("segment 28 (TDS), element 1: TDS01 total 999.99 does not equal the sum 200.00",
                "error: " + SAMPLES.resolve("x12-810-bad-totals-and-controls.edi")
                        + ", interchange 000000907, segment 32 (IEA), element 2");
    }

    private static int run(StringWriter out, String... files) {
        String[] args = new String[files.length + 2];
        args[0] = "edi";
        args[1] = "validate";
        System.arraycopy(files, 0, args, 2, files.length);
        return PlantSyncCommand.commandLine(() -> {
            throw new AssertionError("edi validate needs no application");
        }).setOut(new PrintWriter(out, true)).execute(args);
    }
}
