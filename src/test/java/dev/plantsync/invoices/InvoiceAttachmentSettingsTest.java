package dev.plantsync.invoices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import dev.plantsync.edi.InvoiceDocument;
import dev.plantsync.sftp.Partner;
import dev.plantsync.sftp.PartnerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 21 items 7 and 9: a per-partner switch for bill attachments, and acknowledgement names that never repeat. */
class InvoiceAttachmentSettingsTest {

    @Test
    void aPartnerCanTurnBillAttachmentsOffInPartnersYml(@TempDir Path dir) throws Exception {
        Path yml = Files.writeString(dir.resolve("partners.yml"), """
                partners:
                  - id: acme
                    host: sftp.acme.example
                    user: plantsync
                    patterns: {invoice: ["*.edi"]}
                  - id: quiet
                    host: sftp.quiet.example
                    user: plantsync
                    patterns: {invoice: ["*.edi"]}
                    attachInvoices: false
                """);

        PartnerRegistry partners = PartnerRegistry.load(yml);

        Partner acme = partners.require("acme");
        Partner quiet = partners.require("quiet");
        assertThat(acme.attachInvoices()).as("attached unless turned off").isTrue();
        assertThat(quiet.attachInvoices()).isFalse();
        assertThat(StageInvoiceFiles.documentLimit(acme, InvoiceDocument.DEFAULT_LIMIT))
                .isEqualTo(InvoiceDocument.DEFAULT_LIMIT);
        assertThat(StageInvoiceFiles.documentLimit(quiet, InvoiceDocument.DEFAULT_LIMIT)).as("no document kept")
                .isZero();
    }

    @Test
    void acknowledgementNamesAreUniquePerFileAndWithinIt() {
        Set<String> first = new HashSet<>();
        Set<String> second = new HashSet<>();

        assertThat(StageInvoiceFiles.acknowledgementName("997_000000101", 41, first)).isEqualTo("997_000000101_41.edi");
        assertThat(StageInvoiceFiles.acknowledgementName("997_000000101", 42, second)).isEqualTo("997_000000101_42.edi");
        assertThat(StageInvoiceFiles.acknowledgementName("997_000000101", 42, second))
                .as("the same interchange number twice in one file").isEqualTo("997_000000101_42_2.edi");
    }

    @Test
    void attachmentsAreNamedForFinance() {
        assertThat(BillWriter.attachmentName("acme", "ACME-INV-1001", ".edi")).isEqualTo("acme-ACME-INV-1001.edi");
        assertThat(BillWriter.attachmentName("wood", "WC/3001 ü", ".csv")).isEqualTo("wood-WC_3001__.csv");
    }
}
