package dev.plantsync.edi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

/**
 * A credit note is never read as an invoice: it would become a positive bill (money paid instead of money owed back).
 * Until refunds are posted, each format's credit note is a located DOCUMENT_TYPE error and not valid (so never staged),
 * while a plain invoice next to it in the same file is read as before. Files written by hand from the standards.
 */
class CreditNotesTest {

    @Test
    void edifactBgm381IsALocatedErrorAndTheInvoiceBesideItSurvives() {
        CollectingSink sink = CollectingSink.parse("edifact-invoic-d96a-credit-note.edi");

        assertThat(sink.fileErrors).isEmpty();
        assertThat(sink.invoices).hasSize(2);
        ParsedInvoice credit = sink.invoices.get(0);
        assertThat(credit.valid()).isFalse();
        assertThat(credit.errors()).extracting(EdiError::toString).containsExactly(
                "edifact-invoic-d96a-credit-note.edi, interchange BS0005, message M0001, segment 4 (BGM), element 1: "
                        + "credit notes are not supported yet: BGM 381 (credit note) would post as a positive bill; "
                        + "enter the refund in Odoo by hand");
        assertThat(credit.errors().get(0).code()).isEqualTo(EdiError.Code.DOCUMENT_TYPE);
        // The invoice next to it: 2 x 0.75 = 1.50, as stated.
        ParsedInvoice invoice = sink.invoices.get(1);
        assertThat(invoice.errors()).isEmpty();
        assertThat(invoice.invoice().invoiceNumber()).isEqualTo("BS-INV-2003");
        assertThat(invoice.invoice().total()).isEqualByComparingTo("1.50");
        // The credit note is a sound INVOIC message: CONTRL does not reject it (our rule, not a syntax error).
        String contrl = new String(Acknowledgements.edifact(sink.interchanges.get(0), "PS7",
                LocalDateTime.of(2026, 11, 25, 12, 0)), StandardCharsets.ISO_8859_1);
        assertThat(contrl).contains("UCI+BS0005+4012345000009:14+PLANTSYNC:ZZZ+7'", "UCM+M0001+INVOIC:D:96A:UN+7'");
    }

    @Test
    void x12Big07CreditMemoIsALocatedErrorAndDebitInvoiceIsRead() {
        CollectingSink sink = CollectingSink.parse("x12-810-004010-credit-memo.edi");

        assertThat(sink.fileErrors).isEmpty();
        assertThat(sink.invoices).hasSize(2);
        ParsedInvoice credit = sink.invoices.get(0);
        assertThat(credit.valid()).isFalse();
        assertThat(credit.errors()).extracting(EdiError::toString).containsExactly(
                "x12-810-004010-credit-memo.edi, interchange 000000906, message 0001, segment 4 (BIG), element 7: "
                        + "credit notes are not supported yet: BIG07 CR (credit memo) would post as a positive bill; "
                        + "enter the refund in Odoo by hand");
        // BIG07 DI (debit invoice) is a plain invoice: 20 x 0.50 = 10.00 = TDS 1000 (N2).
        ParsedInvoice invoice = sink.invoices.get(1);
        assertThat(invoice.errors()).isEmpty();
        assertThat(invoice.invoice().invoiceNumber()).isEqualTo("ACME-INV-1003");
        assertThat(invoice.invoice().total()).isEqualByComparingTo("10.00");
        // A credit memo is a valid 810: the 997 accepts both transaction sets; the refusal is our exception.
        String ack = new String(Acknowledgements.x12(sink.interchanges.get(0), "7", LocalDateTime.of(2026, 11, 25, 12, 0)),
                StandardCharsets.ISO_8859_1);
        assertThat(ack).contains("AK5*A", "AK9*A*2*2*2").doesNotContain("AK5*R");
    }

    @Test
    void x12DebitMemoIsNotPostedAsAnInvoiceEither() {
        CollectingSink sink = parse("ISA*00*          *00*          *ZZ*ACMEFAST       *ZZ*PLANTSYNC      *261125*1200*U"
                + "*00401*000000907*0*P*>~\nGS*IN*ACMEFAST*PLANTSYNC*20261125*1200*907*X*004010~\nST*810*0001~\n"
                + "BIG*20261125*ACME-DM-1**PO-ACME-0001***DR~\nIT1*1*1*EA*5**VP*X~\nTDS*500~\nCTT*1~\nSE*6*0001~\n"
                + "GE*1*907~\nIEA*1*000000907~\n");

        assertThat(sink.invoices).singleElement().satisfies(i -> {
            assertThat(i.valid()).isFalse();
            assertThat(i.errors()).extracting(EdiError::reason).containsExactly(
                    "document type BIG07 DR (debit memo) is not supported yet; only BIG07 absent or DI (debit invoice) "
                            + "are posted");
        });
    }

    @Test
    void csvDocumentTypeCreditNoteIsALocatedError() {
        CollectingSink sink = CollectingSink.parse("csv-credit-note.csv");

        assertThat(sink.fileErrors).isEmpty();
        assertThat(sink.invoices).hasSize(2);
        assertThat(sink.invoices.get(0).valid()).isFalse();
        assertThat(sink.invoices.get(0).errors()).extracting(EdiError::toString).containsExactly(
                "csv-credit-note.csv, message WC-CN-3001, line 2, column 18: credit notes are not supported yet: "
                        + "document_type 'CREDIT_NOTE' (credit note) would post as a positive bill; enter the refund in "
                        + "Odoo by hand");
        assertThat(sink.invoices.get(1).errors()).isEmpty();
        assertThat(sink.invoices.get(1).invoice().total()).isEqualByComparingTo("6.00");
    }

    @Test
    void csvInvoiceWithANegativeTotalIsACreditNotABill() {
        // -3 x 1.75 = -5.25, stated as such: a credit sent as an invoice.
        CollectingSink sink = parse("vendor_id,invoice_number,invoice_date,quantity,unit_price,amount,invoice_total\n"
                + "WOOD,WC-INV-3009,2026-11-25,-3,1.75,-5.25,-5.25\n");

        assertThat(sink.invoices).singleElement().satisfies(i -> {
            assertThat(i.valid()).isFalse();
            assertThat(i.errors()).extracting(EdiError::toString).containsExactly("t.edi, message WC-INV-3009, line 2, "
                    + "column 7: credit notes are not supported yet: the invoice total -5.25 is negative, a credit and "
                    + "not a bill; enter the refund in Odoo by hand");
        });
    }

    private static CollectingSink parse(String text) {
        CollectingSink sink = new CollectingSink();
        InvoiceParsers.parse(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), "t.edi",
                InvoiceParsers.Options.defaults(), sink);
        return sink;
    }
}
