package dev.plantsync.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which name of a split family the MES was released first (ids as flow 08: 19 the original, 20 and 21 its rest). */
class BackorderOriginsTest {

    private static ReleaseStaging.FirstRelease first(int mo, long id, long file, String name) {
        return new ReleaseStaging.FirstRelease(mo, id, file, name);
    }

    @Test
    void theBackorderNamesTheNameTheOriginalWasReleasedUnder() {
        Map<Integer, ReleaseStaging.FirstRelease> released = Map.of(19, first(19, 5, 1, "WH/MO/00017"));

        assertThat(BackorderOrigins.origin(20, List.of(19, 20), released)).isEqualTo("WH/MO/00017");
    }

    @Test
    void everyVersionAndEveryLaterBackorderNameTheSameOrder() {
        Map<Integer, ReleaseStaging.FirstRelease> released = Map.of(19, first(19, 5, 1, "WH/MO/00017"),
                20, first(20, 9, 3, "WH/MO/00017-002"));

        assertThat(BackorderOrigins.origin(20, List.of(19, 20), released)).isEqualTo("WH/MO/00017");
        assertThat(BackorderOrigins.origin(21, List.of(19, 20, 21), released)).isEqualTo("WH/MO/00017");
    }

    @Test
    void noneWhenTheMesHadNothingOfTheFamilyBeforeTheBackorder() {
        assertThat(BackorderOrigins.origin(20, List.of(19, 20), Map.of())).isNull();
        // split before any release, both halves open and sent in the same file: neither came first
        Map<Integer, ReleaseStaging.FirstRelease> together = Map.of(19, first(19, 5, 1, "WH/MO/00017-001"),
                20, first(20, 6, 1, "WH/MO/00017-002"));
        assertThat(BackorderOrigins.origin(20, List.of(19, 20), together)).isNull();
    }
}
