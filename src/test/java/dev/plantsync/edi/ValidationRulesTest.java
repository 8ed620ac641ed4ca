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
    void wrongMessageTypeIsUnsupported() {
        CollectingSink sink = parse("UNB+UNOC:3+4012345000009:14+PLANTSYNC:ZZZ+261120:1200+BS0951'\n"
                + "UNH+M1+ORDERS:D:96A:UN'\nBGM+220+PO-1+9'\nUNT+3+M1'\nUNZ+1+BS0951'\n");

        assertThat(sink.invoices.get(0).errors()).extracting(EdiError::code).contains(EdiError.Code.UNSUPPORTED);
        assertThat(sink.invoices.get(0).valid()).isFalse();
    }
}
