package dev.plantsync.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Completion files as an MES writes them (jobs/production-completions.md): good events read, bad ones located. */
class CompletionFileReaderTest {

    private static CompletionFileReader.Result read(String name, String content) throws IOException {
        return CompletionFileReader.read(name, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void csvEventsAreReadInFileOrderWithTheirLines() throws IOException {
        CompletionFileReader.Result r = read("completions-1.csv", """
                event_id,mo,event_type,final,quantity,unit,product,lot,time,work_centre,operator,reason
                E1,WH/MO/00017,CONSUMED,,4.5,Units,DRW-BLK,0000000010001,2026-12-03T08:00:00+01:00,ASM1,anna,
                # a comment the MES writes
                E2,WH/MO/00017,PRODUCED,N,4,Units,,LOT-A,2026-12-03T08:05:00+01:00,ASM1,anna,

                E3,WH/MO/00017,SCRAPPED,,1,,DRW-CASE,0000000020045,2026-12-03T09:00:00Z,ASM1,ben,"dented, bin 4"
                E4,WH/MO/00017,CLOSED,,,,,,2026-12-03T10:00:00Z,,,
                """);

        assertThat(r.fileError()).isNull();
        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).extracting(MesEvent::eventId).containsExactly("E1", "E2", "E3", "E4");
        assertThat(r.events()).extracting(MesEvent::line).containsExactly(2, 4, 6, 7);
        MesEvent consumed = r.events().get(0);
        assertThat(consumed.type()).isEqualTo(MesEvent.Type.CONSUMED);
        assertThat(consumed.quantity()).isEqualByComparingTo("4.5");
        assertThat(consumed.time()).isEqualTo(Instant.parse("2026-12-03T07:00:00Z"));
        assertThat(r.events().get(1).finalProduction()).isFalse();
        assertThat(r.events().get(2).reason()).isEqualTo("dented, bin 4");
        assertThat(r.events().get(3).quantity()).isNull();
    }

    @Test
    void aBadEventIsLocatedAndTheOthersAreStillRead() throws IOException {
        CompletionFileReader.Result r = read("completions-2.csv", """
                event_id,mo,event_type,final,quantity,unit,product,lot,time
                E1,WH/MO/1,PRODUCED,Y,0,Units,,LOT-A,2026-12-03T08:05:00+01:00
                E2,WH/MO/1,BAKED,,1,,,,2026-12-03T08:05:00+01:00
                E3,WH/MO/1,PRODUCED,maybe,2,,,,yesterday
                E4,WH/MO/1,CONSUMED,,1,,,,2026-12-03T08:05:00Z
                E5,WH/MO/1,PRODUCED,Y,2,,,LOT-B,2026-12-03T08:06:00Z
                """);

        assertThat(r.events()).extracting(MesEvent::eventId).containsExactly("E5");
        assertThat(r.events().get(0).finalProduction()).isTrue();
        assertThat(r.errors()).extracting(CompletionFileReader.LineError::line).containsExactly(2, 3, 4, 5);
        assertThat(r.errors().get(0).reason()).contains("quantity 0 must be greater than 0");
        assertThat(r.errors().get(1).reason()).contains("event_type 'BAKED'");
        assertThat(r.errors().get(2).reason()).contains("final 'maybe'").contains("time 'yesterday'")
                .contains("lot (the finished lot) is missing");
        assertThat(r.errors().get(3).reason()).contains("product").contains("lot (the component lot");
        assertThat(r.errors().get(3).eventId()).isEqualTo("E4");
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsNotPartOfIt() throws IOException {
        CompletionFileReader.Result r = read("completions-4.csv", "\uFEFFevent_id,mo,event_type,time\n"
                + "E1,WH/MO/1,CLOSED,2026-12-03T08:05:00Z\n");

        assertThat(r.fileError()).isNull();
        assertThat(r.events()).extracting(MesEvent::eventId).containsExactly("E1");
    }

    @Test
    void aCsvWithoutTheRequiredColumnsIsAFileError() throws IOException {
        CompletionFileReader.Result r = read("completions-3.csv", "id,order,what\n1,WH/MO/1,PRODUCED\n");

        assertThat(r.fileError()).contains("event_id").contains("event_type").contains("mo").contains("time");
        assertThat(r.events()).isEmpty();
    }

    @Test
    void jsonEventsCarryTheSameFieldsAndTheirPosition() throws IOException {
        CompletionFileReader.Result r = read("completions-1.json", """
                {"events": [
                  {"event_id": "J1", "mo": "WH/MO/00017", "event_type": "PRODUCED", "final": true, "quantity": 6,
                   "unit": "Units", "lot": "LOT-B", "time": "2026-12-03T08:05:00+01:00", "operator": "anna"},
                  {"event_id": "J2", "mo": "WH/MO/00017", "event_type": "CONSUMED", "quantity": "x",
                   "product": "DRW-BLK", "lot": "L", "time": "2026-12-03T08:05:00+01:00"},
                  "not an event"
                ]}""");

        assertThat(r.fileError()).isNull();
        assertThat(r.events()).hasSize(1);
        MesEvent e = r.events().get(0);
        assertThat(e.finalProduction()).isTrue();
        assertThat(e.quantity()).isEqualByComparingTo(new BigDecimal("6"));
        assertThat(e.operator()).isEqualTo("anna");
        assertThat(r.errors()).extracting(CompletionFileReader.LineError::line).containsExactly(2, 3);
        assertThat(r.errors().get(0).reason()).contains("quantity 'x' is not a number");
    }

    @Test
    void jsonThatIsNotJsonIsAFileError() throws IOException {
        assertThat(read("completions-2.json", "{\"events\": [").fileError()).startsWith("not valid JSON");
        assertThat(read("completions-3.json", "{\"rows\": []}").fileError()).contains("expected");
    }
}
