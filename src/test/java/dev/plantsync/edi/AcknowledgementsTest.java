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
        Interchange in = CollectingSink.parse("x12-810-bad-totals-and-controls.edi").interchanges.get(0);

        List<Seg> ack = readBack(Acknowledgements.x12(in, "42", NOW));

        assertThat(tags(ack)).startsWith("ISA", "GS", "ST", "AK1").endsWith("SE", "GE", "IEA");
        Seg isa = ack.get(0);
        assertThat(isa.get(6).trim()).isEqualTo("PLANTSYNC");
        assertThat(isa.get(8).trim()).isEqualTo("ACMEFAST");
        assertThat(isa.get(13)).isEqualTo("000000042");
        assertThat(find(ack, "AK1").get(2)).isEqualTo("907");
        assertThat(all(ack, "AK2")).extracting(s -> s.get(2)).containsExactly("0001", "0002");
        assertThat(all(ack, "AK5")).extracting(s -> s.get(1) + "/" + s.get(2)).containsExactly("A/", "R/3");
        assertThat(all(ack, "AK3")).extracting(s -> s.get(1) + "@" + s.get(2)).contains("BIG@19", "SE@30", "TDS@28");
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
    void edifactContrl_saysWhichMessageWasRejectedAndWhere() {
        Interchange in = CollectingSink.parse("edifact-invoic-bad-totals-and-controls.edi").interchanges.get(0);

        List<Seg> ack = readBack(Acknowledgements.edifact(in, "PS0001", NOW));

        assertThat(find(ack, "UNH").get(2, 1)).isEqualTo("CONTRL");
        assertThat(find(ack, "UCI").get(1)).isEqualTo("BS0003");
        assertThat(find(ack, "UCI").get(4)).isEqualTo("4");
        assertThat(all(ack, "UCM")).extracting(s -> s.get(1) + "/" + s.get(3)).containsExactly("M0001/7", "M0002/4");
        assertThat(all(ack, "UCS")).extracting(s -> s.get(1)).contains("24", "40", "39");
        assertThat(find(ack, "UNB").get(2, 1)).isEqualTo("PLANTSYNC");
        assertThat(find(ack, "UNB").get(3, 1)).isEqualTo("4012345000009");
        Seg unt = find(ack, "UNT");
        assertThat(Integer.parseInt(unt.get(1))).isEqualTo(unt.position() - find(ack, "UNH").position() + 1);
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
