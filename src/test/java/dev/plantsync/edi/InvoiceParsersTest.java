package dev.plantsync.edi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Each format and version to the exact canonical invoice, and each validation rule to its exact location. */
class InvoiceParsersTest {

    @Test
    void x12_004010_twoInvoicesInOneGroup() {
        CollectingSink sink = CollectingSink.parse("x12-810-004010-two-invoices.edi");

        assertThat(sink.allErrors()).isEmpty();
        assertThat(sink.invoices).hasSize(2);
        SupplierInvoice first = sink.invoices.get(0).invoice();
        assertThat(first.source()).isEqualTo(new SupplierInvoice.Source("x12-810-004010-two-invoices.edi",
                "X12 810 004010", "ACMEFAST", "000000905", "905", "0001", 3));
        assertThat(first.vendorId()).isEqualTo("ACMEFAST");
        assertThat(first.vendorName()).isEqualTo("Acme Fasteners Inc.");
        assertThat(first.invoiceNumber()).isEqualTo("ACME-INV-1001");
        assertThat(first.invoiceDate()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(first.poNumbers()).containsExactly("PO-ACME-0001");
        assertThat(first.billTo()).isEqualTo(new SupplierInvoice.Party("PLANT01", "PlantSync Demo Co"));
        assertThat(first.shipTo()).isEqualTo(new SupplierInvoice.Party("PLANT01-WH", "PlantSync Plant 1"));
        assertThat(first.lines()).containsExactly(
                new SupplierInvoice.InvoiceLine(1, "ACME-1001", "PS-R001", "Raw material 1", new BigDecimal("60"), "EA",
                        new BigDecimal("0.25"), new BigDecimal("15.00"), "1", 11),
                new SupplierInvoice.InvoiceLine(2, "ACME-1002", "PS-R002", "Raw material 2", new BigDecimal("50"), "EA",
                        new BigDecimal("0.5"), new BigDecimal("25.0"), "2", 13));
        assertThat(first.total()).isEqualByComparingTo("40.00");
        SupplierInvoice second = sink.invoices.get(1).invoice();
        assertThat(second.charges()).containsExactly(new SupplierInvoice.Charge("D240", "Freight", new BigDecimal("15.00")));
        assertThat(second.total()).isEqualByComparingTo("215.00");
        assertThat(sink.interchanges).singleElement().satisfies(i -> {
            assertThat(i.controlNumber()).isEqualTo("000000905");
            assertThat(i.groups().get(0).messages()).extracting(Interchange.Message::controlNumber)
                    .containsExactly("0001", "0002");
        });
    }

    @Test
    void x12_005010_withTax() {
        CollectingSink sink = CollectingSink.parse("x12-810-005010-with-tax.edi");

        assertThat(sink.allErrors()).isEmpty();
        SupplierInvoice invoice = sink.invoices.get(0).invoice();
        assertThat(invoice.source().format()).isEqualTo("X12 810 005010");
        assertThat(invoice.taxAmount()).isEqualByComparingTo("8.75");
        assertThat(invoice.total()).isEqualByComparingTo("133.75");
        assertThat(invoice.lines()).singleElement().satisfies(l -> assertThat(l.amount()).isEqualByComparingTo("125"));
    }

    @Test
    void x12_errorsNameSegmentElementAndReason_andGoodInvoiceSurvives() {
        CollectingSink sink = CollectingSink.parse("x12-810-bad-totals-and-controls.edi");
        String file = "x12-810-bad-totals-and-controls.edi";

        assertThat(sink.invoices.get(0).valid()).isTrue();
        assertThat(sink.invoices.get(1).errors()).extracting(EdiError::toString).containsExactlyInAnyOrder(
                file + ", interchange 000000907, message 0002, segment 19 (BIG), element 1: '20261345' is not a date (CCYYMMDD)",
                file + ", interchange 000000907, message 0002, segment 30 (SE), element 2: SE02 '0009' does not match ST02 '0002' (segment 18)",
                file + ", interchange 000000907, message 0002, segment 30 (SE), element 1: SE01 says 99 segments, the transaction set has 13",
                file + ", interchange 000000907, message 0002, segment 28 (TDS), element 1: TDS01 total 999.99 does not equal the sum 200.00");
        assertThat(sink.fileErrors).extracting(EdiError::toString).containsExactly(
                file + ", interchange 000000907, segment 32 (IEA), element 2: IEA02 '000000999' does not match ISA13 '000000907' (segment 1)");
    }

    @Test
    void edifact_d96a_twoMessagesWithReleaseCharacterAndCharge() {
        CollectingSink sink = CollectingSink.parse("edifact-invoic-d96a-two-messages.edi");

        assertThat(sink.allErrors()).isEmpty();
        SupplierInvoice first = sink.invoices.get(0).invoice();
        assertThat(first.source()).isEqualTo(new SupplierInvoice.Source("edifact-invoic-d96a-two-messages.edi",
                "EDIFACT INVOIC D.96A", "4012345000009", "BS0001", null, "M0001", 3));
        assertThat(first.vendorId()).isEqualTo("4012345000009");
        assertThat(first.vendorName()).isEqualTo("Baltic Steel GmbH");
        assertThat(first.invoiceNumber()).isEqualTo("BS-INV-2001");
        assertThat(first.currency()).isEqualTo("EUR");
        assertThat(first.poNumbers()).containsExactly("PO-BALTIC-0001");
        assertThat(first.lines()).containsExactly(
                new SupplierInvoice.InvoiceLine(1, "BS-1003", "PS-R003", "Raw material 3", new BigDecimal("40"), "PCE",
                        new BigDecimal("0.75"), new BigDecimal("30.00"), "1", 11),
                new SupplierInvoice.InvoiceLine(2, "BS-1006", "PS-R006", "Raw material 6", new BigDecimal("10"), "PCE",
                        new BigDecimal("1.5"), new BigDecimal("15.00"), "2", 18));
        assertThat(first.charges()).containsExactly(new SupplierInvoice.Charge("FC", "Freight", new BigDecimal("12.50")));
        assertThat(first.total()).isEqualByComparingTo("57.50");
        assertThat(sink.invoices.get(1).invoice().lines().get(0).description()).isEqualTo("Raw material 3 + cut");
    }

    @Test
    void edifact_d01b_withTax() {
        CollectingSink sink = CollectingSink.parse("edifact-invoic-d01b-with-tax.edi");

        assertThat(sink.allErrors()).isEmpty();
        SupplierInvoice invoice = sink.invoices.get(0).invoice();
        assertThat(invoice.source().format()).isEqualTo("EDIFACT INVOIC D.01B");
        assertThat(invoice.taxAmount()).isEqualByComparingTo("5.70");
        assertThat(invoice.total()).isEqualByComparingTo("35.70");
    }

    /**
     * X12 810 after partner invoice GF-104418: summary TXI (6%) after TDS, a SAC loop with a freight charge whose own
     * TXI makes it tax-free and a discount without one (taxed at the invoice's 6%).
     */
    @Test
    void x12_chargesCarryTheirOwnTaxRateElseTheInvoices() {
        CollectingSink sink = CollectingSink.parse("x12-810-004010-tax-charge-allowance.edi");

        assertThat(sink.allErrors()).isEmpty();
        SupplierInvoice invoice = sink.invoices.get(0).invoice();
        assertThat(invoice.charges()).containsExactly(
                new SupplierInvoice.Charge("D240", "Freight", new BigDecimal("47.50"), new BigDecimal("0")),
                new SupplierInvoice.Charge("C310", "Discount", new BigDecimal("-18.33"), new BigDecimal("6")));
        assertThat(invoice.taxAmount()).isEqualByComparingTo("88.38");
        assertThat(invoice.total()).isEqualByComparingTo("1608.96");
    }

    /**
     * EDIFACT D.96A: a header allowance/charge group with its own TAX (7%) and MOA 124, one without, the summary TAX
     * (19%) with the invoice's tax amount: the charge's tax amount is within the invoice's, not added to it.
     */
    @Test
    void edifact_chargesCarryTheirOwnTaxRateElseTheInvoices() {
        CollectingSink sink = CollectingSink.parse("edifact-invoic-d96a-charge-taxes.edi");

        assertThat(sink.allErrors()).isEmpty();
        SupplierInvoice invoice = sink.invoices.get(0).invoice();
        assertThat(invoice.charges()).containsExactly(
                new SupplierInvoice.Charge("FC", "Freight", new BigDecimal("20.00"), new BigDecimal("7")),
                new SupplierInvoice.Charge("DI", "Discount", new BigDecimal("-5.00"), new BigDecimal("19")));
        assertThat(invoice.taxAmount()).isEqualByComparingTo("19.45");
        assertThat(invoice.total()).isEqualByComparingTo("134.45");
    }

    @Test
    void edifact_decimalMarkDeclaredByUna_isHonoured() {
        // UNA:+,? ' - a German supplier's EANCOM D96A invoice: 12,5 m at 100,00 and 40 at 2,35, freight 45,00, 19 % VAT.
        CollectingSink sink = CollectingSink.parse("edifact-invoic-d96a-decimal-comma.edi");

        assertThat(sink.allErrors()).isEmpty();
        SupplierInvoice invoice = sink.invoices.get(0).invoice();
        assertThat(invoice.lines()).extracting(l -> l.quantity().toPlainString() + " " + l.uom() + " x "
                + l.unitPrice().toPlainString() + " = " + l.amount().toPlainString())
                .containsExactly("12.5 MTR x 100.00 = 1250.00", "40 PCE x 2.35 = 94.00");
        assertThat(invoice.lines().get(0).description()).isEqualTo("Draht 4,2 mm verzinkt");
        // the freight has no TAX of its own: the invoice's one rate is its rate (19 % of 1344.00 + 45.00)
        assertThat(invoice.charges()).containsExactly(new SupplierInvoice.Charge("FC", "Fracht", new BigDecimal("45.00"),
                new BigDecimal("19")));
        assertThat(invoice.taxAmount()).isEqualByComparingTo("263.91"); // 19 % of 1389.00
        assertThat(invoice.total()).isEqualByComparingTo("1652.91");
    }

    @Test
    void edifact_eancomSummaryTax_isCountedOnce() {
        // Message 1 states the tax twice, as EANCOM has it: MOA+176 (total) and a TAX+7 group per rate with MOA+124
        // (45.60 at 19 % on 240.00, 3.50 at 7 % on 50.00) and MOA+125. 300.00 lines - 10.00 allowance + 49.10 = 339.10.
        // Message 2 has MOA+86 as its total and the tax in the TAX group only: 60.00 + 11.40 = 71.40.
        CollectingSink sink = CollectingSink.parse("edifact-invoic-d96a-summary-tax-per-rate.edi");

        assertThat(sink.allErrors()).isEmpty();
        SupplierInvoice first = sink.invoices.get(0).invoice();
        assertThat(first.taxAmount()).isEqualByComparingTo("49.10");
        // two rates in the summary: the invoice does not say which one the allowance carries, so none is guessed
        assertThat(first.charges()).containsExactly(new SupplierInvoice.Charge("DI", "Mengenrabatt",
                new BigDecimal("-10.00"), null));
        assertThat(first.total()).isEqualByComparingTo("339.10");
        SupplierInvoice second = sink.invoices.get(1).invoice();
        assertThat(second.taxAmount()).isEqualByComparingTo("11.40");
        assertThat(second.total()).isEqualByComparingTo("71.40");
    }

    @Test
    void edifact_errorsNameSegmentElementAndReason() {
        CollectingSink sink = CollectingSink.parse("edifact-invoic-bad-totals-and-controls.edi");
        String file = "edifact-invoic-bad-totals-and-controls.edi";

        assertThat(sink.invoices.get(0).valid()).isTrue();
        assertThat(sink.invoices.get(1).errors()).extracting(EdiError::toString).containsExactlyInAnyOrder(
                file + ", interchange BS0003, message M0002, segment 24 (DTM), element 1: '20261199' is not a date (CCYYMMDD)",
                file + ", interchange BS0003, message M0002, segment 40 (UNT), element 2: UNT02 'M0009' does not match UNH01 'M0002' (segment 22)",
                file + ", interchange BS0003, message M0002, segment 40 (UNT), element 1: UNT01 says 3 segments, the message has 19",
                file + ", interchange BS0003, message M0002, segment 39 (MOA), element 1: MOA invoice total 999.00 does not equal the sum 30.00");
        assertThat(sink.fileErrors).extracting(EdiError::toString).containsExactly(
                file + ", interchange BS0003, segment 41 (UNZ), element 2: UNZ02 'BS0099' does not match UNB05 'BS0003' (segment 2)");
    }

    @Test
    void csv_twoInvoicesWithCharge() {
        CollectingSink sink = CollectingSink.parse("csv-two-invoices.csv");

        assertThat(sink.allErrors()).isEmpty();
        assertThat(sink.invoices).hasSize(2);
        SupplierInvoice first = sink.invoices.get(0).invoice();
        assertThat(first.vendorId()).isEqualTo("WOOD");
        assertThat(first.lines()).containsExactly(new SupplierInvoice.InvoiceLine(1, "WC-77", "PS-R007",
                "Raw material 7, planed", new BigDecimal("10"), "EA", new BigDecimal("1.75"), new BigDecimal("17.50"), "1", 2,
                "PO-WOOD-0001"));
        assertThat(first.charges()).containsExactly(new SupplierInvoice.Charge("FREIGHT", "Freight", new BigDecimal("15.00")));
        assertThat(sink.invoices.get(1).invoice().taxAmount()).isEqualByComparingTo("0.80");
    }

    @Test
    void csv_withBomAndSemicolons() {
        CollectingSink sink = CollectingSink.parse("csv-bom-semicolon.csv", new InvoiceParsers.Options(';', null));

        assertThat(sink.allErrors()).isEmpty();
        assertThat(sink.invoices).singleElement().satisfies(i -> assertThat(i.invoice().vendorId()).isEqualTo("WOOD"));
    }

    @Test
    void csv_badRowsNameLineAndColumn_goodInvoiceSurvives() {
        CollectingSink sink = CollectingSink.parse("csv-bad-rows.csv");

        assertThat(sink.invoices).hasSize(3);
        assertThat(sink.invoices.get(0).valid()).isTrue();
        assertThat(sink.invoices.get(1).errors()).extracting(EdiError::toString).containsExactly(
                "csv-bad-rows.csv, message WC-INV-3005, line 3, column 3: '22.11.2026' is not a date (yyyy-MM-dd)",
                "csv-bad-rows.csv, message WC-INV-3005, line 3, column 10: 'three' is not a number");
        assertThat(sink.invoices.get(2).errors()).extracting(EdiError::toString).containsExactly(
                "csv-bad-rows.csv, message WC-INV-3006, line 4, column 13: invoice_total 9.99 does not equal the sum 5.25");
    }

    @Test
    void unknownSenderIsReported() {
        CollectingSink sink = CollectingSink.parse("x12-810-005010-with-tax.edi",
                new InvoiceParsers.Options(',', Set.of("SOMEONEELSE")));

        assertThat(sink.fileErrors).extracting(EdiError::reason)
                .containsExactly("sender id 'ACMEFAST' is not a registered partner");
    }

    @Test
    void formatIsDetectedFromTheContent() {
        assertThat(List.of(CollectingSink.parse("x12-810-005010-with-tax.edi").invoices.get(0).invoice().source().format(),
                CollectingSink.parse("edifact-invoic-d01b-with-tax.edi").invoices.get(0).invoice().source().format(),
                CollectingSink.parse("csv-two-invoices.csv").invoices.get(0).invoice().source().format()))
                .containsExactly("X12 810 005010", "EDIFACT INVOIC D.01B", "CSV");
    }
}
