package dev.plantsync.invoices;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code plantsync.invoices.*}: the default policy, per-partner overrides, the Odoo product (default code) each
 * charge code (X12 SAC02, EDIFACT ALC, CSV) is billed with, and by how much (in the bill's currency) a bill's untaxed
 * amount, tax and total may differ from the invoice's before the bill waits for an approver instead of being posted.
 */
@ConfigurationProperties("plantsync.invoices")
public record InvoiceSettings(InvoicePolicy defaults, Map<String, InvoicePolicy> partners,
        Map<String, String> chargeProducts, Map<String, String> uomCodes, java.math.BigDecimal totalTolerance) {

    /** Units of measure as EDI and CSV name them (X12 355, UN/ECE rec. 20) -> Odoo unit names. */
    static final Map<String, String> DEFAULT_UOM_CODES = Map.of("EA", "Units", "PCE", "Units", "C62", "Units",
            "UN", "Units", "DZ", "Dozens", "DZN", "Dozens");

    public InvoiceSettings {
        defaults = defaults == null ? InvoicePolicy.DEFAULT : defaults.over(InvoicePolicy.DEFAULT);
        partners = partners == null ? Map.of() : Map.copyOf(partners);
        chargeProducts = chargeProducts == null ? Map.of() : Map.copyOf(chargeProducts);
        uomCodes = uomCodes == null ? DEFAULT_UOM_CODES : Map.copyOf(uomCodes);
        totalTolerance = totalTolerance == null ? new java.math.BigDecimal("0.01") : totalTolerance;
    }

    public InvoicePolicy policy(String partner) {
        InvoicePolicy own = partners.get(partner);
        return own == null ? defaults : own.over(defaults);
    }
}
