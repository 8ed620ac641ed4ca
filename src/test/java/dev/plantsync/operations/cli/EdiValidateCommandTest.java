package dev.plantsync.operations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /** A distributor's export under its own column names, and the registry entry that maps them to ours. */
    private static final String DISTRIBUTOR_CSV = """
            vendor_id,invoice_number,invoice_date,po_number,line_number,item_code,quantity,uom,unit_price,line_amount
            WOOD,WD-2026-0412,2026-11-24,PO-WOOD-0007,1,PS-R007,10,EA,1.75,17.50
            """;

    private static final String PARTNERS = """
            partners:
              - id: wood
                localDirectory: /srv/plantsync/wood
                patterns:
                  invoice: ["*.csv"]
                csvColumns: {item_code: buyer_item, line_amount: amount}
              - id: acme
                localDirectory: /srv/plantsync/acme
                patterns:
                  invoice: ["*.edi"]
                ediIds: [SOMEONE-ELSE]
            """;

    @Test
    void partnerOptionReadsTheFileWithThePartnersColumnMappingAsTheJobDoes(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("wood.csv"), DISTRIBUTOR_CSV);
        Path partners = Files.writeString(dir.resolve("partners.yml"), PARTNERS);

        StringWriter without = new StringWriter();
        assertThat(run(without, csv.toString())).as("without --partner: as before").isEqualTo(ExitCodes.PROBLEM);
        assertThat(without.toString()).contains("error: " + csv + ", line 1, column 6: unknown column 'item_code'");

        // the registry from the settings, as the job finds it; no application started
        StringWriter out = new StringWriter();
        int exit = PlantSyncCommand.commandLine(new SettingsOnly(Map.of("plantsync.sftp.partners-file",
                partners.toString()))).setOut(new PrintWriter(out, true))
                .execute("edi", "validate", "--partner", "wood", csv.toString());

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString().lines()).singleElement().satisfies(l -> assertThat(l).startsWith("{\"valid\":true,")
                .contains("\"invoiceNumber\":\"WD-2026-0412\"", "\"buyerItem\":\"PS-R007\"", "\"amount\":17.50"));
    }

    @Test
    void partnerOptionChecksTheSenderAgainstThePartnersEdiIds(@TempDir Path dir) throws Exception {
        Path partners = Files.writeString(dir.resolve("partners.yml"), PARTNERS);
        StringWriter out = new StringWriter();
        int exit = run(out, "--partner", "acme", "--partners", partners.toString(),
                SAMPLES.resolve("x12-810-004010-two-invoices.edi").toString());

        assertThat(exit).isEqualTo(ExitCodes.PROBLEM);
        assertThat(out.toString()).contains("element 6: sender id 'ACMEFAST' is not a registered partner")
                .doesNotContain("\"valid\":true");
    }

    @Test
    void unknownPartnerIsAUsageErrorListingTheKnownOnes(@TempDir Path dir) throws Exception {
        Path partners = Files.writeString(dir.resolve("partners.yml"), PARTNERS);
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        int exit = PlantSyncCommand.commandLine(() -> {
            throw new AssertionError("edi validate needs no application");
        }).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute("edi", "validate",
                "--partner", "wod", "--partners", partners.toString(), SAMPLES.resolve("csv-two-invoices.csv")
                        .toString());

        assertThat(exit).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(err.toString().strip()).isEqualTo("error: unknown partner 'wod'; partners: wood, acme");
        assertThat(out.toString()).as("nothing validated").isEmpty();
    }

    @Test
    void partnerWithoutARegistryIsAProblemNamingWhereItWasLooked(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        int exit = PlantSyncCommand.commandLine(new SettingsOnly(Map.of("plantsync.config-dir", dir.toString())))
                .setOut(new PrintWriter(out, true)).execute("edi", "validate", "--partner", "wood",
                        SAMPLES.resolve("csv-two-invoices.csv").toString());

        assertThat(exit).isEqualTo(ExitCodes.PROBLEM);
        assertThat(out.toString()).startsWith("problem: no partner registry at "
                + dir.resolve("jobs/partners.yml").toAbsolutePath());
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
