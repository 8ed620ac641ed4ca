package dev.plantsync.invoices;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code plantsync.invoices.*}: the default policy, per-partner overrides, and the Odoo product (default code) each
 * charge code (X12 SAC02, EDIFACT ALC, CSV) is billed with.
 */
@ConfigurationProperties("plantsync.invoices")
public record InvoiceSettings(InvoicePolicy defaults, Map<String, InvoicePolicy> partners,
        Map<String, String> chargeProducts) {

    public InvoiceSettings {
        defaults = defaults == null ? InvoicePolicy.DEFAULT : defaults.over(InvoicePolicy.DEFAULT);
        partners = partners == null ? Map.of() : Map.copyOf(partners);
        chargeProducts = chargeProducts == null ? Map.of() : Map.copyOf(chargeProducts);
    }

    public InvoicePolicy policy(String partner) {
        InvoicePolicy own = partners.get(partner);
        return own == null ? defaults : own.over(defaults);
    }
}
