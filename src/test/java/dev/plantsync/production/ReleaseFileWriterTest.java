package dev.plantsync.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A release file is rendered again in the layout it was staged with: a run that marked a file UPLOADING (the MES may
 * have it) before an upgrade added {@code backorder_of} sends the same bytes after it, not a file whose checksum no
 * longer matches and that the job would refuse to send.
 */
class ReleaseFileWriterTest {

    private static final ReleaseStaging.Line BACKORDER = new ReleaseStaging.Line(1, 20, "WH/MO/00017-002", 1, "NEW",
            null, new ReleaseContent("WH/MO/00017-002", "MES-F1", "6.00", "Units", "lot", "2026-12-04T06:00:00Z", null,
                    "S00042", List.of(new ReleaseContent.Component("PS-C001", "6.00", "Units", "none")),
                    List.of(new ReleaseContent.Operation(10, "Assembly", "ASM-01", "180.00")), "WH/MO/00017").toJson());

    private static ReleaseStaging.ReleaseFile file(String format, int layout) {
        return new ReleaseStaging.ReleaseFile(1, 1, "plant-1", "mes-plant-1", "releases-plant-1-x-1." + format, format,
                "UPLOADING", null, null, null, 1, "sha", layout);
    }

    private static String render(String format, int layout) {
        return new String(ReleaseFileWriter.render(file(format, layout), List.of(BACKORDER)), StandardCharsets.UTF_8);
    }

    @Test
    void aFileStagedBeforeTheColumnIsRenderedAsItWasThen() {
        // layout 1 as jobs/production-files.md gave it before backorder_of (and the release test asserted it)
        assertThat(render("csv", 1)).isEqualTo("""
                record,mo,mo_id,version,change,changes,item,quantity,unit,tracking,sequence,work_centre,expected_minutes,planned_start,deadline,origin
                ORDER,WH/MO/00017-002,20,1,NEW,,MES-F1,6.00,Units,lot,,,,2026-12-04T06:00:00Z,,S00042
                COMPONENT,WH/MO/00017-002,20,1,,,PS-C001,6.00,Units,none,,,,,,
                OPERATION,WH/MO/00017-002,20,1,,,Assembly,,,,10,ASM-01,180.00,,,
                """);
        assertThat(render("json", 1)).doesNotContain("backorder_of").contains("\"origin\" : \"S00042\"");
    }

    @Test
    void aFileStagedNowHasTheColumn() {
        assertThat(ReleaseFileWriter.LAYOUT).isEqualTo(2);
        assertThat(render("csv", 2)).isEqualTo("""
                record,mo,mo_id,version,change,changes,item,quantity,unit,tracking,sequence,work_centre,expected_minutes,planned_start,deadline,origin,backorder_of
                ORDER,WH/MO/00017-002,20,1,NEW,,MES-F1,6.00,Units,lot,,,,2026-12-04T06:00:00Z,,S00042,WH/MO/00017
                COMPONENT,WH/MO/00017-002,20,1,,,PS-C001,6.00,Units,none,,,,,,,
                OPERATION,WH/MO/00017-002,20,1,,,Assembly,,,,10,ASM-01,180.00,,,,
                """);
        assertThat(render("json", 2)).contains("\"backorder_of\" : \"WH/MO/00017\"");
    }
}
