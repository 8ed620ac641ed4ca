package dev.plantsync.invoices;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code plantsync.invoices.*}: the default policy, per-partner overrides, the Odoo product (default code) each
 * charge code (X12 SAC02, EDIFACT ALC, CSV) is billed with, units as partners send them, by how much (in the bill's
 * currency) a bill's untaxed amount, tax and total may differ from the invoice's before the bill waits for an approver
 * instead of being posted, and the longest CSV line and field read.
 */
@ConfigurationProperties("plantsync.invoices")
public record InvoiceSettings(InvoicePolicy defaults, Map<String, InvoicePolicy> partners,
        Map<String, String> chargeProducts, Map<String, String> uomCodes, java.math.BigDecimal totalTolerance,
        Csv csv) {

    /**
     * Units of measure as EDI and CSV name them -> Odoo unit names. UN/ECE Recommendation 20 codes (EDIFACT, and what
     * most CSV exports carry) and X12 355 codes, each mapped to a unit of Odoo's standard data whose name is the same
     * and active on both Odoo 18 and 19 (checked on the real servers: uom.uom names in en_US). Left out on purpose:
     * cm, km, m³, yd, ft³, in³, qt, fl oz (archived on 19) and the tonne (18 names it 't', 19 'Ton'); a partner using
     * them gets UOM_UNKNOWN until {@code uom-codes} maps them to a unit the company has. Dozens is archived on a fresh
     * Odoo 19; it is kept because PlantSync's demo company and Odoo 18 have it. Configured {@code uom-codes} add to
     * and override these.
     */
    static final Map<String, String> DEFAULT_UOM_CODES = defaultUomCodes();

    private static Map<String, String> defaultUomCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        // pieces: Rec. 20 C62 (one), H87 (piece), NAR (number of articles), PCE and EA (older and X12 355)
        for (String code : new String[] {"EA", "PCE", "C62", "H87", "NAR", "UN", "PC"}) {
            codes.put(code, "Units");
        }
        codes.put("DZ", "Dozens");
        codes.put("DZN", "Dozens");
        // Rec. 20
        codes.put("MTR", "m");
        codes.put("MMT", "mm");
        codes.put("FOT", "ft");
        codes.put("INH", "in");
        codes.put("MTK", "m²");
        codes.put("FTK", "ft²");
        codes.put("KGM", "kg");
        codes.put("GRM", "g");
        codes.put("LBR", "lb");
        codes.put("ONZ", "oz");
        codes.put("LTR", "L");
        codes.put("GLL", "gal (US)");
        codes.put("HUR", "Hours");
        codes.put("DAY", "Days");
        // X12 355 (unit or basis for measurement code) where it differs
        codes.put("MR", "m");
        codes.put("MM", "mm");
        codes.put("FT", "ft");
        codes.put("IN", "in");
        codes.put("SM", "m²");
        codes.put("SF", "ft²");
        codes.put("KG", "kg");
        codes.put("GR", "g");
        codes.put("LB", "lb");
        codes.put("OZ", "oz");
        codes.put("LT", "L");
        codes.put("GA", "gal (US)");
        codes.put("HR", "Hours");
        codes.put("DA", "Days");
        return Map.copyOf(codes);
    }

    /** CSV reading limits: a longer line or value stops the file with its place (memory stays bounded). */
    public record Csv(Integer maxLineChars, Integer maxFieldChars) {
        public Csv {
            maxLineChars = maxLineChars == null ? dev.plantsync.edi.InvoiceParsers.Options.DEFAULT_MAX_LINE_CHARS
                    : maxLineChars;
            maxFieldChars = maxFieldChars == null ? dev.plantsync.edi.InvoiceParsers.Options.DEFAULT_MAX_FIELD_CHARS
                    : maxFieldChars;
        }
    }

    public InvoiceSettings {
        defaults = defaults == null ? InvoicePolicy.DEFAULT : defaults.over(InvoicePolicy.DEFAULT);
        partners = partners == null ? Map.of() : Map.copyOf(partners);
        chargeProducts = chargeProducts == null ? Map.of() : Map.copyOf(chargeProducts);
        Map<String, String> units = new LinkedHashMap<>(DEFAULT_UOM_CODES);
        if (uomCodes != null) {
            units.putAll(uomCodes);
        }
        uomCodes = Map.copyOf(units);
        totalTolerance = totalTolerance == null ? new java.math.BigDecimal("0.01") : totalTolerance;
        csv = csv == null ? new Csv(null, null) : csv;
    }

    public InvoicePolicy policy(String partner) {
        InvoicePolicy own = partners.get(partner);
        return own == null ? defaults : own.over(defaults);
    }
}
