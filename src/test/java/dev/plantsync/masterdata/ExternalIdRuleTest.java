package dev.plantsync.masterdata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The external ids master-data sync writes are the ones README ("Master-data sync") tells operators to look for. */
class ExternalIdRuleTest {

    @Test
    void aProductsExternalIdIsKindKeyAndTheKeysHash() {
        assertThat(MasterDataSyncJob.MODULE + "." + ProductLayout.INSTANCE.externalName("MD-000001"))
                .isEqualTo("plantsync.product_md_000001_d1814af7");
        assertThat(Integer.toHexString("MD-000001".hashCode())).isEqualTo("d1814af7");
    }

    @Test
    void otherCharactersBecomeXAndKeysDifferingInCaseStayApart() {
        assertThat(VendorPriceLayout.INSTANCE.externalName("V1|P 1|10"))
                .startsWith("vendor_price_v1xpx1x10_");
        assertThat(ProductLayout.INSTANCE.externalName("ab")).isNotEqualTo(ProductLayout.INSTANCE.externalName("AB"));
    }
}
