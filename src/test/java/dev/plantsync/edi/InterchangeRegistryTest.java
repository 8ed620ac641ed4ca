package dev.plantsync.edi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plantsync.support.PlantSyncTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The same sender and interchange control number twice: the second is a duplicate naming the first file. */
@PlantSyncTest
class InterchangeRegistryTest {

    @Autowired
    InterchangeRegistry registry;

    @Test
    void secondArrivalOfAnInterchangeIsADuplicate() {
        Interchange first = CollectingSink.parse("x12-810-004010-two-invoices.edi").interchanges.get(0);
        Interchange other = CollectingSink.parse("x12-810-005010-with-tax.edi").interchanges.get(0);

        assertThat(registry.registerOrFindFirst(first, null, "drop-1.edi")).isEmpty();
        assertThat(registry.registerOrFindFirst(other, null, "drop-2.edi")).isEmpty();
        assertThat(registry.registerOrFindFirst(first, null, "drop-1-renamed.edi")).contains("drop-1.edi");
        assertThat(InterchangeRegistry.duplicate(first, "drop-1-renamed.edi", "drop-1.edi").toString()).isEqualTo(
                "drop-1-renamed.edi, interchange 000000905, segment 1 (ISA), element 13: interchange 000000905 from "
                        + "ACMEFAST was already received in drop-1.edi");
    }
}
