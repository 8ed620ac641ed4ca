package dev.plantsync.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What was released before {@code backorder_of} existed is not sent again because of it. */
class ReleaseFingerprintTest {

    /** A release's content and fingerprint as they were recorded before the column existed. */
    private static final String RECORDED = "{\"mo\":\"WH/MO/00017-002\",\"product\":\"MES-F1\",\"quantity\":\"6.00\","
            + "\"unit\":\"Units\",\"finishedLot\":\"lot\",\"plannedStart\":\"2026-12-04T06:00:00Z\",\"deadline\":null,"
            + "\"origin\":\"S00042\",\"components\":[{\"product\":\"PS-C001\",\"quantity\":\"6.00\",\"unit\":\"Units\","
            + "\"tracking\":\"none\"}],\"operations\":[{\"sequence\":10,\"name\":\"Assembly\",\"workCentre\":\"ASM-01\","
            + "\"expectedMinutes\":\"180.00\"}]}";
    private static final String RECORDED_FINGERPRINT =
            "a8ec2db332f6b07486fcd40b6c7dee5fff21ed7b78647f12b1a3505696bddd97";

    private static ReleaseContent readNow(String backorderOf) {
        return new ReleaseContent("WH/MO/00017-002", "MES-F1", "6.00", "Units", "lot", "2026-12-04T06:00:00Z", null,
                "S00042", List.of(new ReleaseContent.Component("PS-C001", "6.00", "Units", "none")),
                List.of(new ReleaseContent.Operation(10, "Assembly", "ASM-01", "180.00")), backorderOf);
    }

    @Test
    void anOrderThatIsNotABackorderHasTheContentAndFingerprintItHadBefore() {
        assertThat(readNow(null).toJson()).isEqualTo(RECORDED);
        assertThat(ReleaseFingerprint.of(readNow(null), false)).isEqualTo(RECORDED_FINGERPRINT);
    }

    @Test
    void aBackorderReleasedBeforeTheColumnIsUnchangedButItsNextVersionSaysSo() {
        ReleaseContent now = readNow("WH/MO/00017");

        assertThat(ReleaseFingerprint.of(now, false)).isEqualTo(RECORDED_FINGERPRINT);
        assertThat(ReleaseContent.fromJson(now.toJson()).backorderOf()).isEqualTo("WH/MO/00017");
        assertThat(ReleaseContent.fromJson(RECORDED).backorderOf()).isNull();
        assertThat(now.changesFrom(ReleaseContent.fromJson(RECORDED))).containsExactly("backorder_of");
        assertThat(now.changesFrom(ReleaseContent.fromJson(now.toJson()))).isEmpty();
    }
}
