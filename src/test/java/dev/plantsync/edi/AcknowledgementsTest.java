package dev.plantsync.edi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The acknowledgements PlantSync sends, read back by StAEDI: one verdict per transaction set or message. */
class AcknowledgementsTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 23, 10, 30);

    @Test
    void x12_997_acceptsGoodAndRejectsBadTransactionSetsWithTheSegmentInError() {
        // The sample's IEA02 is wrong too, which would reject the whole interchange; here its trailer is put right.
        Interchange in = parse(sample("x12-810-bad-totals-and-controls.edi").replace("IEA*1*000000999~",
                "IEA*1*000000907~")).interchanges.get(0);

        List<Seg> ack = readBack(Acknowledgements.x12(in, "42", NOW));

        assertThat(tags(ack)).startsWith("ISA", "TA1", "GS", "ST", "AK1").endsWith("SE", "GE", "IEA");
        assertThat(List.of(find(ack, "TA1").get(1), find(ack, "TA1").get(2), find(ack, "TA1").get(3),
                find(ack, "TA1").get(4), find(ack, "TA1").get(5))).containsExactly("000000907", "261120", "1200", "A",
                        "000");
        Seg isa = ack.get(0);
        assertThat(isa.get(6).trim()).isEqualTo("PLANTSYNC");
        assertThat(isa.get(8).trim()).isEqualTo("ACMEFAST");
        assertThat(isa.get(13)).isEqualTo("000000042");
        assertThat(find(ack, "AK1").get(2)).isEqualTo("907");
        assertThat(all(ack, "AK2")).extracting(s -> s.get(2)).containsExactly("0001", "0002");
        assertThat(all(ack, "AK5")).extracting(s -> s.get(1) + "/" + s.get(2)).containsExactly("A/", "R/3");
        // AK302 counts from the transaction set's ST (= 1), not from the file: BIG is segment 19 of the file, 2 of
        // set 0002. TDS 99999 not adding up is a business rule (our exception), not a syntax error: no AK3 for it.
        assertThat(all(ack, "AK3")).extracting(s -> s.get(1) + "@" + s.get(2)).contains("BIG@2", "SE@13")
                .noneMatch(s -> s.startsWith("TDS"));
        Seg ak9 = find(ack, "AK9");
        assertThat(List.of(ak9.get(1), ak9.get(2), ak9.get(3), ak9.get(4))).containsExactly("P", "2", "2", "1");
        Seg se = find(ack, "SE");
        assertThat(Integer.parseInt(se.get(1))).isEqualTo(se.position() - find(ack, "ST").position() + 1);
    }

    @Test
    void x12_997_acceptsACleanInterchange() {
        Interchange in = CollectingSink.parse("x12-810-004010-two-invoices.edi").interchanges.get(0);

        List<Seg> ack = readBack(Acknowledgements.x12(in, "43", NOW));

        assertThat(all(ack, "AK5")).extracting(s -> s.get(1)).containsExactly("A", "A");
        assertThat(find(ack, "AK9").get(1)).isEqualTo("A");
    }

    @Test
    void x12_interchangeControlMismatch_isRejectedByATa1Alone() {
        Interchange in = CollectingSink.parse("x12-810-004010-iea-mismatch.edi").interchanges.get(0);

        List<Seg> ack = readBack(Acknowledgements.x12(in, "44", NOW));

        // TA101..TA105: their ISA13, ISA09, ISA10; R = rejected; 001 = control numbers in header and trailer differ.
        assertThat(tags(ack)).containsExactly("ISA", "TA1", "IEA");
        Seg ta1 = find(ack, "TA1");
        assertThat(List.of(ta1.get(1), ta1.get(2), ta1.get(3), ta1.get(4), ta1.get(5)))
                .containsExactly("000000912", "261201", "0740", "R", "001");
        assertThat(find(ack, "IEA").get(1)).isEqualTo("0");
    }

    @Test
    void x12_groupControlMismatch_rejectsThatGroupOnly() {
        Interchange in = CollectingSink.parse("x12-810-004010-ge-mismatch.edi").interchanges.get(0);

        List<Seg> ack = readBack(Acknowledgements.x12(in, "45", NOW));

        assertThat(find(ack, "TA1").get(4)).isEqualTo("A");
        assertThat(all(ack, "AK1")).extracting(s -> s.get(2)).containsExactly("914", "915");
        assertThat(all(ack, "AK5")).extracting(s -> s.get(1)).containsExactly("A", "R");
        // AK9: A for group 914; R, 1 included, 1 received, 0 accepted, 4 = group control numbers differ for 915.
        assertThat(all(ack, "AK9")).extracting(s -> String.join("/", s.get(1), s.get(2), s.get(3), s.get(4), s.get(5)))
                .containsExactly("A/1/1/1/", "R/1/1/0/4");
    }

    @Test
    void edifactContrl_interchangeReferenceMismatch_rejectsTheInterchangeWithError28() {
        Interchange in = CollectingSink.parse("edifact-invoic-bad-totals-and-controls.edi").interchanges.get(0);

        List<Seg> ack = readBack(Acknowledgements.edifact(in, "PS0002", NOW));

        // UCI: action 4 (this level and all below rejected), 0085 error 28 (references do not match), at UNZ 2.
        Seg uci = find(ack, "UCI");
        assertThat(List.of(uci.get(1), uci.get(4), uci.get(5), uci.get(6), uci.get(7)))
                .containsExactly("BS0003", "4", "28", "UNZ", "2");
        assertThat(all(ack, "UCM")).extracting(s -> s.get(3)).containsOnly("4");
    }

    @Test
    void edifactContrl_saysWhichMessageWasRejectedAndWhere() {
        // The sample's UNZ reference is wrong too, which would reject the whole interchange; here it is put right.
        Interchange in = parse(sample("edifact-invoic-bad-totals-and-controls.edi").replace("UNZ+2+BS0099'",
                "UNZ+2+BS0003'")).interchanges.get(0);

        List<Seg> ack = readBack(Acknowledgements.edifact(in, "PS0001", NOW));

        assertThat(find(ack, "UNH").get(2, 1)).isEqualTo("CONTRL");
        assertThat(find(ack, "UCI").get(1)).isEqualTo("BS0003");
        assertThat(find(ack, "UCI").get(4)).isEqualTo("4");
        assertThat(all(ack, "UCM")).extracting(s -> s.get(1) + "/" + s.get(3)).containsExactly("M0001/7", "M0002/4");
        // UCS positions count from the message's UNH (= 1): DTM is segment 3 of M0002, UNT 19; MOA 77 not adding up
        // is a business rule (our exception), not a CONTRL syntax error.
        assertThat(all(ack, "UCS")).extracting(s -> s.get(1)).contains("3", "19").doesNotContain("18");
        assertThat(find(ack, "UNB").get(2, 1)).isEqualTo("PLANTSYNC");
        assertThat(find(ack, "UNB").get(3, 1)).isEqualTo("4012345000009");
        Seg unt = find(ack, "UNT");
        assertThat(Integer.parseInt(unt.get(1))).isEqualTo(unt.position() - find(ack, "UNH").position() + 1);
    }

    @Test
    void x12_997_ak4_namesTheElementByItsReferenceNumberAndCopiesTheBadValue() {
        // Issue 21 item 7: "AK4*2**6" was sent; X12 wants AK401 position, AK402 the element's reference number
        // (IT102 = 358 quantity invoiced), AK403 the error (6 invalid character), AK404 the bad value as sent.
        Interchange in = parse(sample("x12-810-004010-two-invoices.edi").replace("IT1*2*50*EA*0.5", "IT1*2*1O*EA*0.5"))
                .interchanges.get(0);

        List<Seg> ack = readBack(Acknowledgements.x12(in, "46", NOW));

        Seg ak3 = find(ack, "AK3");
        // IT1 is the file's 13th segment, the 11th of transaction set 0001 (ST = 1).
        assertThat(List.of(ak3.get(1), ak3.get(2), ak3.get(4))).containsExactly("IT1", "11", "8");
        Seg ak4 = find(ack, "AK4");
        assertThat(List.of(ak4.get(1), ak4.get(2), ak4.get(3), ak4.get(4))).containsExactly("2", "358", "6", "1O");
        assertThat(all(ack, "AK5")).extracting(s -> s.get(1) + "/" + s.get(2)).containsExactly("R/5", "A/");
    }

    @Test
    void x12_997_ak4_badDateIsCode8WithTheDateSent() {
        Interchange in = parse(sample("x12-810-004010-two-invoices.edi").replace("BIG*20261120*ACME-INV-1001",
                "BIG*20261345*ACME-INV-1001")).interchanges.get(0);

        Seg ak4 = find(readBack(Acknowledgements.x12(in, "47", NOW)), "AK4");

        assertThat(List.of(ak4.get(1), ak4.get(2), ak4.get(3), ak4.get(4))).containsExactly("1", "373", "8",
                "20261345");
    }

    @Test
    void x12_997_aBusinessRuleFailureIsNotASyntaxRejection() {
        // TDS not equal to the lines was sent as AK3/AK4/AK5 R 5. It is our exception (the invoice is not staged),
        // while the partner's transaction set is syntactically sound: AK5 A, no AK3.
        CollectingSink parsed = parse(sample("x12-810-004010-two-invoices.edi").replace("TDS*4000~", "TDS*4100~"));
        Interchange in = parsed.interchanges.get(0);

        List<Seg> ack = readBack(Acknowledgements.x12(in, "48", NOW));

        assertThat(parsed.invoices.get(0).valid()).isFalse();
        assertThat(parsed.invoices.get(0).errors()).extracting(EdiError::code).containsExactly(EdiError.Code.BAD_TOTAL);
        assertThat(all(ack, "AK3")).isEmpty();
        assertThat(all(ack, "AK4")).isEmpty();
        assertThat(all(ack, "AK5")).extracting(s -> s.get(1)).containsExactly("A", "A");
        assertThat(find(ack, "AK9").get(1)).isEqualTo("A");
    }

    @Test
    void edifactContrl_untCountIsError29AtTheUntPositionInTheMessage() {
        Interchange in = parse(sample("edifact-invoic-d96a-two-messages.edi").replaceFirst("UNT\\+\\d+\\+", "UNT+99+"))
                .interchanges.get(0);

        List<Seg> ack = readBack(Acknowledgements.edifact(in, "PS0003", NOW));

        assertThat(all(ack, "UCM").get(0).get(4)).isEqualTo("29");
        assertThat(all(ack, "UCS")).extracting(s -> s.get(2)).containsExactly("29");
    }

    private static String sample(String name) {
        try (java.io.InputStream in = AcknowledgementsTest.class.getResourceAsStream("/edi/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static CollectingSink parse(String content) {
        CollectingSink sink = new CollectingSink();
        InvoiceParsers.parse(new ByteArrayInputStream(content.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
                "t.edi", InvoiceParsers.Options.defaults(), sink);
        return sink;
    }

    /** A kept copy of a segment (the reader reuses its instance). */
    record Seg(String tag, int position, List<List<String>> values) {
        String get(int n) {
            return get(n, 1);
        }

        String get(int n, int c) {
            return n <= values.size() && c <= values.get(n - 1).size() ? values.get(n - 1).get(c - 1) : "";
        }
    }

    private static List<Seg> readBack(byte[] bytes) {
        List<Seg> segments = new ArrayList<>();
        List<EdiError> errors = new ArrayList<>();
        assertThat(SegmentReader.read(new ByteArrayInputStream(bytes), "ack", s -> segments.add(copy(s)), errors::add))
                .isTrue();
        assertThat(errors).isEmpty();
        return segments;
    }

    private static Seg copy(Segment s) {
        List<List<String>> values = new ArrayList<>();
        for (int n = 1; n <= s.size(); n++) {
            List<String> components = new ArrayList<>();
            for (int c = 1; c <= 5; c++) {
                components.add(s.get(n, c));
            }
            values.add(components);
        }
        return new Seg(s.tag(), s.position(), values);
    }

    private static List<String> tags(List<Seg> segments) {
        return segments.stream().map(Seg::tag).toList();
    }

    private static Seg find(List<Seg> segments, String tag) {
        return all(segments, tag).get(0);
    }

    private static List<Seg> all(List<Seg> segments, String tag) {
        return segments.stream().filter(s -> s.tag().equals(tag)).toList();
    }
}
