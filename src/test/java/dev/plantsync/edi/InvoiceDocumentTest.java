package dev.plantsync.edi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * Issue 21 item 9: each invoice's own part of its partner's file, to go with its bill (not the whole file): its own
 * transaction set or message in an envelope of its own, or its CSV rows under the header. Read back, it is one
 * invoice, the same one.
 */
class InvoiceDocumentTest {

    private static final InvoiceParsers.Options KEEP = new InvoiceParsers.Options(',', null,
            InvoiceDocument.DEFAULT_LIMIT);

    @Test
    void x12_eachInvoicesDocumentIsItsOwnTransactionSetInItsOwnEnvelope() {
        CollectingSink sink = CollectingSink.parse("x12-810-004010-two-invoices.edi", KEEP);

        assertThat(sink.invoices).hasSize(2);
        InvoiceDocument second = sink.invoices.get(1).document();
        assertThat(second.mimetype()).isEqualTo("application/edi-x12");
        assertThat(second.extension()).isEqualTo(".edi");
        String text = new String(second.content(), StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("ISA*00*          *00*          *ZZ*ACMEFAST       *ZZ*PLANTSYNC      *261120*1200*"
                + "U*00401*000000905*0*P*>~\nGS*IN*ACMEFAST*PLANTSYNC*20261120*1200*905*X*004010~\nST*810*0002~\n")
                .contains("BIG*20261120*ACME-INV-1002**PO-ACME-0001~", "SAC*C*D240***1500**********Freight~")
                .endsWith("SE*14*0002~\nGE*1*905~\nIEA*1*000000905~\n")
                .doesNotContain("ACME-INV-1001");
        assertReadsBackAsOneValidInvoice(second.content(), "ACME-INV-1002");
    }

    @Test
    void edifact_eachInvoicesDocumentIsItsOwnMessageInItsOwnEnvelope() {
        CollectingSink sink = CollectingSink.parse("edifact-invoic-d96a-two-messages.edi", KEEP);

        assertThat(sink.invoices).hasSize(2);
        ParsedInvoice first = sink.invoices.get(0);
        InvoiceDocument document = first.document();
        assertThat(document.mimetype()).isEqualTo("application/edifact");
        String text = new String(document.content(), StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("UNA").contains("UNB+", "UNH+M0001+INVOIC:D:96A:UN'", "UNT+28+M0001'")
                .endsWith("UNZ+1+" + first.source().interchangeControl() + "'\n").doesNotContain("M0002");
        assertReadsBackAsOneValidInvoice(document.content(), first.invoice().invoiceNumber());
    }

    @Test
    void edifact_decimalCommaAndReleaseCharactersSurviveTheRoundTrip() {
        CollectingSink sink = CollectingSink.parse("edifact-invoic-d96a-decimal-comma.edi", KEEP);

        ParsedInvoice first = sink.invoices.get(0);
        assertThat(first.valid()).isTrue();
        CollectingSink again = reparse(first.document().content());
        assertThat(again.invoices).singleElement().satisfies(p -> {
            assertThat(p.valid()).as(String.valueOf(p.errors())).isTrue();
            assertThat(p.invoice().total()).isEqualByComparingTo(first.invoice().total());
        });
    }

    @Test
    void csv_eachInvoicesDocumentIsTheHeaderAndItsOwnRows() {
        CollectingSink sink = CollectingSink.parse("csv-two-invoices.csv", KEEP);

        InvoiceDocument first = sink.invoices.get(0).document();
        assertThat(first.mimetype()).isEqualTo("text/csv");
        assertThat(first.extension()).isEqualTo(".csv");
        String text = new String(first.content(), StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(3);
        assertThat(text).startsWith("vendor_id,invoice_number,invoice_date,").contains("\"Raw material 7, planed\"")
                .doesNotContain("WC-INV-3002");
        assertReadsBackAsOneValidInvoice(first.content(), "WC-INV-3001");
    }

    @Test
    void anInvoiceOverTheLimitGetsANoteInsteadOfItsContent() {
        CollectingSink sink = CollectingSink.parse("x12-810-004010-two-invoices.edi", new InvoiceParsers.Options(',',
                null, 200));

        InvoiceDocument document = sink.invoices.get(0).document();
        assertThat(document.content()).isNull();
        assertThat(document.size()).isGreaterThan(200);
        assertThat(document.note()).contains("ACME-INV-1001", "x12-810-004010-two-invoices.edi", "attachment limit");
    }

    @Test
    void validatingAFileKeepsNoDocuments() {
        assertThat(CollectingSink.parse("x12-810-004010-two-invoices.edi").invoices)
                .allSatisfy(p -> assertThat(p.document()).isNull());
    }

    private static void assertReadsBackAsOneValidInvoice(byte[] content, String number) {
        assertThat(reparse(content).invoices).singleElement().satisfies(p -> {
            assertThat(p.valid()).as(String.valueOf(p.errors())).isTrue();
            assertThat(p.invoice().invoiceNumber()).isEqualTo(number);
        });
    }

    private static CollectingSink reparse(byte[] content) {
        CollectingSink sink = new CollectingSink();
        InvoiceParsers.parse(new ByteArrayInputStream(content), "own.edi", InvoiceParsers.Options.defaults(), sink);
        assertThat(sink.fileErrors).isEmpty();
        return sink;
    }
}
