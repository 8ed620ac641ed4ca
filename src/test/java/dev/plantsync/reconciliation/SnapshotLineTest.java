package dev.plantsync.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** A snapshot line's quantity: usable, or the line's own error; never the whole file's. */
class SnapshotLineTest {

    @Test
    void aQuantityTooLargeToCompareIsTheLinesErrorWithTheLimit() throws Exception {
        List<SnapshotLine.Check> checks = checks("""
                site,location,item,lot,quantity,uom,snapshot_time
                MAIN,A-01,PS-R001,,9223372036854.775807,EA,2026-11-23T23:00:00
                MAIN,A-01,PS-R001,,9223372036855,EA,2026-11-23T23:00:00
                MAIN,A-01,PS-R001,,-1,EA,2026-11-23T23:00:00
                """);

        assertThat(checks.get(0)).isEqualTo(new SnapshotLine.Usable(SnapshotLine.LARGEST));
        assertThat(checks.get(1)).isEqualTo(new SnapshotLine.Unusable("field quantity: 9223372036855 is larger than"
                + " 9223372036854.775807, the most a quantity is compared at"));
        assertThat(checks.get(2)).isEqualTo(new SnapshotLine.Unusable("field quantity: negative (-1)"));
    }

    private static List<SnapshotLine.Check> checks(String csv) throws Exception {
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(csv))
                .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            SnapshotLine columns = SnapshotLine.of(parser.getHeaderMap());
            return parser.getRecords().stream().map((CSVRecord r) -> columns.check(r, "MAIN")).toList();
        }
    }
}
