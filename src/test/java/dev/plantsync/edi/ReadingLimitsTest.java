package dev.plantsync.edi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Issue 21.1: the EDI reader holds at most 4,096 characters of one element. A longer one (a REF or FTX with pages of
 * free text) used to end the file silently: no invoice, no error, exit 0, archived as processed. Now it is a located
 * error naming the limit, the invoice being read comes out invalid, and its interchange is rejected. A file with
 * content that yields nothing at all is an error too.
 */
class ReadingLimitsTest {

    private static final String ISA = "ISA*00*          *00*          *ZZ*ACMEFAST       *ZZ*PLANTSYNC      "
            + "*261120*1200*U*00401*000000950*0*P*>~\n";
    private static final String LONG_TEXT = "Delivery note text ".repeat(300); // 5,700 characters

    private static CollectingSink parse(String content) {
        CollectingSink sink = new CollectingSink();
        InvoiceParsers.parse(new ByteArrayInputStream(content.getBytes(StandardCharsets.ISO_8859_1)), "t.edi",
                InvoiceParsers.Options.defaults(), sink);
        return sink;
    }

    @Test
    void x12ElementOverTheLimitIsALocatedErrorAndRejectsTheInterchange() {
        CollectingSink sink = parse(ISA + "GS*IN*ACMEFAST*PLANTSYNC*20261120*1200*950*X*004010~\n"
                + "ST*810*0001~\nBIG*20261120*INV-1~\nIT1*1*2*EA*5**VP*A1~\nTDS*1000~\nCTT*1~\nSE*6*0001~\n"
                + "ST*810*0002~\nBIG*20261120*INV-2~\nREF*ZZ*" + LONG_TEXT + "~\nIT1*1*2*EA*5**VP*A1~\nTDS*1000~\n"
                + "CTT*1~\nSE*7*0002~\nGE*2*950~\nIEA*1*000000950~\n");

        String located = "t.edi, interchange 000000950, segment 11 (REF), element 2: element longer than 4096 "
                + "characters, the limit of the EDI reader; the rest of the file was not read";
        assertThat(sink.fileErrors).extracting(EdiError::toString).containsExactly(located);
        assertThat(sink.fileErrors.get(0).code()).isEqualTo(EdiError.Code.TOO_LONG);
        assertThat(sink.invoices).hasSize(2);
        assertThat(sink.invoices.get(1).valid()).isFalse();
        assertThat(sink.invoices.get(1).errors()).extracting(EdiError::reason).containsExactly(
                "element longer than 4096 characters, the limit of the EDI reader; the rest of the file was not read");
        // The interchange never reached its IEA: the TA1 rejects it (024, invalid interchange content), no 997.
        List<String> ack = segments(Acknowledgements.x12(sink.interchanges.get(0), "7", LocalDateTime.now()));
        assertThat(ack).containsExactly("ISA", "TA1*000000950*261120*1200*R*024", "IEA");
    }

    @Test
    void edifactElementOverTheLimitIsALocatedError() {
        CollectingSink sink = parse("UNA:+.? '\nUNB+UNOC:3+4012345000009:14+PLANTSYNC:ZZZ+261120:1200+BS0950'\n"
                + "UNH+M1+INVOIC:D:96A:UN'\nBGM+380+INV-9+9'\nDTM+137:20261120:102'\nFTX+AAI+++" + LONG_TEXT + "'\n"
                + "LIN+1++A1:SA'\nQTY+47:2:PCE'\nMOA+203:10.00'\nUNS+S'\nMOA+79:10.00'\nMOA+77:10.00'\n"
                + "UNT+12+M1'\nUNZ+1+BS0950'\n");

        assertThat(sink.fileErrors).extracting(EdiError::toString).containsExactly("t.edi, interchange BS0950, "
                + "segment 6 (FTX), element 4: element longer than 4096 characters, the limit of the EDI reader; the "
                + "rest of the file was not read");
        assertThat(sink.invoices).singleElement().satisfies(i -> assertThat(i.valid()).isFalse());
        assertThat(sink.interchanges).singleElement().satisfies(i -> assertThat(i.envelopeErrors())
                .extracting(EdiError::code).containsExactly(EdiError.Code.TOO_LONG));
    }

    @Test
    void csvHasNoElementLimitButAnUnreadableRowIsLocatedAndTheInvoiceBeingReadIsNotLost() {
        String header = "vendor_id,invoice_number,invoice_date,quantity,unit_price,description\n";
        CollectingSink longText = parse(header + "WOOD,WC-1,2026-11-20,2,5.00," + LONG_TEXT + "\n");
        assertThat(longText.allErrors()).isEmpty();
        assertThat(longText.invoices.get(0).invoice().lines().get(0).description()).hasSize(LONG_TEXT.trim().length());

        CollectingSink broken = parse(header + "WOOD,WC-1,2026-11-20,2,5.00,ok\nWOOD,WC-2,2026-11-20,1,3.00,fine\n"
                + "WOOD,WC-2,2026-11-20,1,4.00,\"quote never closed\n");

        assertThat(broken.invoices).hasSize(2);
        assertThat(broken.invoices.get(0).valid()).isTrue();
        assertThat(broken.invoices.get(1).valid()).as("WC-2 was being read when reading stopped").isFalse();
        assertThat(broken.fileErrors).singleElement().satisfies(e -> {
            assertThat(e.location()).as("where the broken row starts").isEqualTo("t.edi, line 4");
            assertThat(e.reason()).startsWith("unreadable CSV: ").endsWith("the rest of the file was not read");
        });
    }

    @Test
    void aFileWithContentButNoInvoiceAndNoErrorIsAnError() {
        CollectingSink sink = parse(ISA + "GS*IN*ACMEFAST*PLANTSYNC*20261120*1200*950*X*004010~\nGE*0*950~\n"
                + "IEA*1*000000950~\n");

        assertThat(sink.invoices).isEmpty();
        assertThat(sink.fileErrors).extracting(EdiError::toString)
                .containsExactly("t.edi: the file is not empty but holds no invoice (ST 810)");
    }

    /** The acknowledgement as "TAG*el*el" strings (ISA and IEA by tag only). */
    private static List<String> segments(byte[] ack) {
        List<String> out = new ArrayList<>();
        SegmentReader.read(new ByteArrayInputStream(ack), "ack", s -> {
            StringBuilder b = new StringBuilder(s.tag());
            if (!s.tag().equals("ISA") && !s.tag().equals("IEA")) {
                for (int n = 1; n <= s.size(); n++) {
                    b.append('*').append(s.get(n));
                }
            }
            out.add(b.toString());
        }, e -> out.add("error " + e));
        return out;
    }
}
