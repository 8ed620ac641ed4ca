package dev.plantsync.edi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The validation rules the sample files do not break, each with its exact location. */
class ValidationRulesTest {

    private static final String ISA = "ISA*00*          *00*          *ZZ*ACMEFAST       *ZZ*PLANTSYNC      "
            + "*261120*1200*U*00401*000000950*0*P*>~\n";

    private static CollectingSink parse(String content) {
        CollectingSink sink = new CollectingSink();
        InvoiceParsers.parse(new ByteArrayInputStream(content.getBytes(StandardCharsets.ISO_8859_1)), "t.edi",
                InvoiceParsers.Options.defaults(), sink);
        return sink;
    }

    @Test
    void x12MissingInvoiceNumberWrongLineCountAndGroupTrailer() {
        CollectingSink sink = parse(ISA + "GS*IN*ACMEFAST*PLANTSYNC*20261120*1200*950*X*004010~\n"
                + "ST*810*0001~\nBIG*20261120*~\nIT1*1*2*EA*5**VP*A1~\nTDS*1000~\nCTT*3~\nSE*6*0001~\n"
                + "GE*2*951~\nIEA*1*000000950~\n");

        assertThat(sink.invoices.get(0).errors()).extracting(EdiError::toString).containsExactlyInAnyOrder(
                "t.edi, interchange 000000950, message 0001, segment 4 (BIG), element 2: BIG02 invoice number is empty",
                "t.edi, interchange 000000950, message 0001, segment 7 (CTT), element 1: CTT01 says 3 line items, "
                        + "the invoice has 1",
                "t.edi, interchange 000000950, message 0001, segment 8 (SE): invoice number is missing");
        assertThat(sink.fileErrors).extracting(EdiError::toString).containsExactly(
                "t.edi, interchange 000000950, segment 9 (GE), element 2: GE02 '951' does not match GS06 '950' (segment 2)",
                "t.edi, interchange 000000950, segment 9 (GE), element 1: GE01 says 2 transaction sets, the group has 1");
    }

    @Test
    void x12BadQuantityIsReportedOnceWithoutAKnockOnTotalError() {
        CollectingSink sink = parse(ISA + "GS*IN*ACMEFAST*PLANTSYNC*20261120*1200*950*X*004010~\n"
                + "ST*810*0001~\nBIG*20261120*INV-1~\nIT1*1*two*EA*5**VP*A1~\nTDS*1000~\nCTT*1~\nSE*6*0001~\n"
                + "GE*1*950~\nIEA*1*000000950~\n");

        assertThat(sink.invoices.get(0).errors()).extracting(EdiError::toString).containsExactly(
                "t.edi, interchange 000000950, message 0001, segment 5 (IT1), element 2: 'two' is not a number");
    }

    @Test
    void edifactLineTotalAndMissingQuantity() {
        CollectingSink sink = parse("UNB+UNOC:3+4012345000009:14+PLANTSYNC:ZZZ+261120:1200+BS0950'\n"
                + "UNH+M1+INVOIC:D:96A:UN'\nBGM+380+INV-9+9'\nDTM+137:20261120:102'\n"
                + "LIN+1++A1:SA'\nQTY+47:2:PCE'\nMOA+203:10.00'\n"
                + "LIN+2++A2:SA'\nMOA+203:5.00'\n"
                + "UNS+S'\nMOA+79:99.00'\nMOA+77:15.00'\nUNT+12+M1'\nUNZ+1+BS0950'\n");

        assertThat(sink.invoices.get(0).errors()).extracting(EdiError::toString).containsExactlyInAnyOrder(
                "t.edi, interchange BS0950, message M1, segment 8 (LIN): line 2 has no QTY+47 invoiced quantity",
                "t.edi, interchange BS0950, message M1, segment 11 (MOA), element 1: MOA 79 line items total 99.00 "
                        + "does not equal the sum 15.00");
    }

    @Test
    void edifactNumbersTakeTheUnaDecimalMarkOrAPointButNeverAThousandsSeparator() {
        String message = "UNH+M1+INVOIC:D:96A:UN'\nBGM+380+INV-9+9'\nDTM+137:20261120:102'\n"
                + "LIN+1++A1:SA'\nQTY+47:1.5:PCE'\nMOA+203:1.250,00'\nPRI+AAA:1000'\n"
                + "LIN+2++A2:SA'\nQTY+47:2,5:PCE'\nMOA+203:25,00'\nPRI+AAA:10'\n"
                + "UNS+S'\nMOA+77:,5'\nUNT+14+M1'\n";
        String unb = "UNB+UNOC:3+4012345000009:14+PLANTSYNC:ZZZ+261120:1200+BS0960'\n";

        CollectingSink comma = parse("UNA:+,? '\n" + unb + message + "UNZ+1+BS0960'\n");
        CollectingSink point = parse(unb + message + "UNZ+1+BS0960'\n");

        assertThat(comma.invoices.get(0).errors()).extracting(EdiError::toString).containsExactly(
                "t.edi, interchange BS0960, message M1, segment 8 (MOA), element 1: '1.250,00' is not a number "
                        + "(decimal mark ',' or '.', no thousands separator)",
                "t.edi, interchange BS0960, message M1, segment 15 (MOA), element 1: ',5' is not a number "
                        + "(decimal mark ',' or '.', no thousands separator)",
                "t.edi, interchange BS0960, message M1, segment 16 (UNT): MOA 77/86 invoice total is missing");
        assertThat(comma.invoices.get(0).invoice().lines()).extracting(l -> l.quantity().toPlainString())
                .containsExactly("1.5", "2.5");
        assertThat(point.invoices.get(0).errors()).extracting(EdiError::reason).contains(
                "'2,5' is not a number (decimal mark '.', no thousands separator)");
    }

    @Test
    void edifactLineAllowanceAndLineTaxAreNotCountedAgainOnTheInvoice() {
        // EANCOM: MOA+203 is quantity x net price, so the line's SG38 allowance (10.00 off 100.00) is inside it; the
        // line's SG33 tax repeats the summary's SG50. 90.00 + 17.10 = 107.10.
        CollectingSink sink = parse("UNB+UNOC:3+4012345000009:14+PLANTSYNC:ZZZ+261120:1200+BS0962'\n"
                + "UNH+M1+INVOIC:D:96A:UN:EAN008'\nBGM+380+INV-62+9'\nDTM+137:20261120:102'\n"
                + "LIN+1++A1:SA'\nQTY+47:10:PCE'\nMOA+203:90.00'\nPRI+AAA:9.00'\nTAX+7+VAT+++:::19+S'\n"
                + "MOA+124:17.10'\nALC+A+++1+DI'\nMOA+204:10.00'\n"
                + "UNS+S'\nMOA+79:90.00'\nMOA+77:107.10'\nTAX+7+VAT+++:::19+S'\nMOA+124:17.10'\nMOA+125:90.00'\n"
                + "UNT+18+M1'\nUNZ+1+BS0962'\n");

        assertThat(sink.allErrors()).isEmpty();
        assertThat(sink.invoices.get(0).invoice().charges()).isEmpty();
        assertThat(sink.invoices.get(0).invoice().taxAmount()).isEqualByComparingTo("17.10");
    }

    @Test
    void edifactGroupReferenceMismatchRejectsThatGroupOnly() {
        String message = "UNH+%s+INVOIC:D:96A:UN'\nBGM+380+%s+9'\nDTM+137:20261120:102'\nLIN+1++A1:SA'\n"
                + "QTY+47:2:PCE'\nMOA+203:10.00'\nUNS+S'\nMOA+77:10.00'\nUNT+9+%1$s'\n";
        CollectingSink sink = parse("UNB+UNOC:3+4012345000009:14+PLANTSYNC:ZZZ+261120:1200+BS0961'\n"
                + "UNG+INVOIC+4012345000009:14+PLANTSYNC:ZZZ+261120:1200+G1+UN+D:96A'\n"
                + message.formatted("M1", "INV-G1") + "UNE+1+G1'\n"
                + "UNG+INVOIC+4012345000009:14+PLANTSYNC:ZZZ+261120:1200+G2+UN+D:96A'\n"
                + message.formatted("M1", "INV-G2") + "UNE+1+G9'\nUNZ+2+BS0961'\n");

        assertThat(sink.fileErrors).extracting(EdiError::toString).containsExactly(
                "t.edi, interchange BS0961, segment 23 (UNE), element 2: UNE02 'G9' does not match UNG05 'G2' (segment 13)");
        assertThat(sink.invoices).extracting(i -> i.invoice().source().groupControl()).containsExactly("G1", "G2");
        assertThat(sink.invoices).allSatisfy(i -> assertThat(i.errors()).isEmpty());
        // UCF per group: G1 acknowledged (7), G2 rejected (4) with 28, references do not match.
        String contrl = new String(Acknowledgements.edifact(sink.interchanges.get(0), "PS9",
                java.time.LocalDateTime.of(2026, 11, 23, 10, 0)), StandardCharsets.ISO_8859_1);
        assertThat(contrl).contains("UCI+BS0961+4012345000009:14+PLANTSYNC:ZZZ+4'", "UCF+G1+++7'", "UCF+G2+++4+28+UNE'");
    }

    @Test
    void wrongMessageTypeIsUnsupported() {
        CollectingSink sink = parse("UNB+UNOC:3+4012345000009:14+PLANTSYNC:ZZZ+261120:1200+BS0951'\n"
                + "UNH+M1+ORDERS:D:96A:UN'\nBGM+220+PO-1+9'\nUNT+3+M1'\nUNZ+1+BS0951'\n");

        assertThat(sink.invoices.get(0).errors()).extracting(EdiError::code).contains(EdiError.Code.UNSUPPORTED);
        assertThat(sink.invoices.get(0).valid()).isFalse();
    }
}
