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

    @Test
    void decimalCommaEancomInvoiceIsValidWithItsTotal() {
        StringWriter out = new StringWriter();
        int exit = run(out, SAMPLES.resolve("edifact-invoic-d96a-decimal-comma.edi").toString());

        assertThat(exit).isZero();
        assertThat(out.toString().lines()).singleElement().satisfies(l -> assertThat(l)
                .startsWith("{\"valid\":true,").contains("\"invoiceNumber\":\"NS-RE-26-0815\"", "\"total\":1652.91",
                        "\"taxAmount\":263.91", "\"quantity\":12.5"));
    }

    @Test
    void interchangeWithMismatchedControlNumbersHasNoValidInvoiceAndSaysTa1Rejected() {
        StringWriter out = new StringWriter();
        Path file = SAMPLES.resolve("x12-810-004010-iea-mismatch.edi");
        int exit = run(out, file.toString());

        assertThat(exit).isEqualTo(ExitCodes.PROBLEM);
        assertThat(out.toString().lines().filter(l -> l.startsWith("{"))).hasSize(2)
                .allSatisfy(l -> assertThat(l).startsWith("{\"valid\":false,").contains(file + ", interchange 000000912, "
                        + "message 000", "segment 25 (IEA), element 2: interchange 000000912 rejected (TA1 R 001): "
                        + "IEA02 '000000913' does not match ISA13 '000000912' (segment 1)"));
    }

    @Test
    void elementOverTheReadersLimitIsAnErrorNotSilence() throws Exception {
        Path file = java.nio.file.Files.createTempFile("long-ref", ".edi");
        String sample = java.nio.file.Files.readString(SAMPLES.resolve("x12-810-004010-two-invoices.edi"));
        java.nio.file.Files.writeString(file, sample.replace("REF*PO*PO-ACME-0001~", "REF*PO*PO-ACME-0001~\nREF*ZZ*"
                + "Packed per customer instruction. ".repeat(160) + "~"));
        try {
            StringWriter out = new StringWriter();
            int exit = run(out, file.toString());

            assertThat(exit).isEqualTo(ExitCodes.PROBLEM);
            assertThat(out.toString()).contains("error: " + file + ", interchange 000000905, segment 6 (REF), element 2: "
                    + "element longer than 4096 characters, the limit of the EDI reader");
            assertThat(out.toString()).doesNotContain("\"valid\":true");
        } finally {
            java.nio.file.Files.delete(file);
        }
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
