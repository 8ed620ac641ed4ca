package dev.plantsync.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** The lowest id speaks for a code, whichever reader of the id ranges put its code first. */
class ProductCodesTest {

    @Test
    void aLowerIdPutLaterSpeaksForTheCodeWithItsOwnUnitAndCost() {
        ProductCodes codes = new ProductCodes();
        assertThat(codes.putLowest("PS-R002", 900, "kg", "Raw", 99.0)).isEqualTo(900); // the higher range first
        assertThat(codes.putLowest("PS-R002", 950, "kg", "Raw", 98.0)).isEqualTo(900); // an alias of it meanwhile
        assertThat(codes.putLowest("PS-R002", 12, "g", "Raw", 1.5)).isEqualTo(12);
        assertThat(codes.putLowest("PS-R002", 13, "g", "Raw", 1.0)).isEqualTo(12);

        int entry = codes.entry("PS-R002");
        assertThat(codes.id(entry)).isEqualTo(12);
        assertThat(codes.unit(entry)).isEqualTo("g");
        assertThat(codes.size()).isEqualTo(1);
        assertThat(codes.displaced()).isEqualTo(Map.of(900, 12));
        List<String> reported = new ArrayList<>();
        codes.forEachOf(new int[] {12, 900}, (code, id, unit, category, cost) -> reported.add(code + " " + id + " "
                + unit + " " + cost));
        assertThat(reported).containsExactly("PS-R002 12 g 1.5");
    }

    @Test
    void aCodeDisplacedTwiceEndsWithTheLowestId() {
        ProductCodes codes = new ProductCodes();
        codes.putLowest("PS-C001", 300, null, null, 0);
        codes.putLowest("PS-C001", 200, null, null, 0);
        codes.putLowest("PS-C001", 100, null, null, 0);
        assertThat(codes.displaced()).isEqualTo(Map.of(300, 100, 200, 100));
    }

    @Test
    void readersPuttingAtOnceAgreeWithOneReader() {
        for (int attempt = 0; attempt < 20; attempt++) {
            ProductCodes codes = new ProductCodes();
            // ids 1..20000 over two ranges, every code shared by a product of each range
            CompletableFuture<Void> higher = CompletableFuture.runAsync(() -> {
                for (int id = 10_001; id <= 20_000; id++) {
                    codes.putLowest("PS-" + (id - 10_000), id, "u", "c", id);
                }
            });
            for (int id = 1; id <= 10_000; id++) {
                assertThat(codes.putLowest("PS-" + id, id, "u", "c", id)).isEqualTo(id);
            }
            higher.join();
            assertThat(codes.size()).isEqualTo(10_000);
            for (int id = 1; id <= 10_000; id++) {
                assertThat(codes.id(codes.entry("PS-" + id))).isEqualTo(id);
            }
            codes.displaced().forEach((displaced, by) -> assertThat(displaced).isEqualTo(by + 10_000));
        }
    }
}
