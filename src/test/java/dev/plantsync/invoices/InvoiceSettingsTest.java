package dev.plantsync.invoices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Issue 21.8: units sent as UN/ECE Recommendation 20 codes (and X12 355 codes) map to Odoo's standard units by the
 * names both Odoo 18 and 19 give them (read from the real servers' uom.uom, en_US), without any configuration, and a
 * partner's own uom-codes add to them rather than replace them.
 */
class InvoiceSettingsTest {

    @Test
    void commonRec20AndX12UnitsMapToOdoosStandardUnits() {
        InvoiceSettings settings = new InvoiceSettings(null, null, null, null, null, null);

        assertThat(settings.uomCodes()).containsEntry("MTR", "m").containsEntry("SF", "ft²").containsEntry("FTK", "ft²")
                .containsEntry("MTK", "m²").containsEntry("KGM", "kg").containsEntry("LTR", "L")
                .containsEntry("C62", "Units").containsEntry("H87", "Units").containsEntry("HUR", "Hours");
    }

    @Test
    void configuredCodesAddToTheStandardOnes() {
        InvoiceSettings settings = new InvoiceSettings(null, null, null, Map.of("BX", "Box of 10", "MTR", "Meter"),
                null, null);

        assertThat(settings.uomCodes()).containsEntry("BX", "Box of 10").containsEntry("MTR", "Meter")
                .containsEntry("KGM", "kg");
    }
}
