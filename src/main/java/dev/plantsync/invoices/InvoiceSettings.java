package dev.plantsync.invoices;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code plantsync.invoices.*}: the default policy and per-partner overrides. */
@ConfigurationProperties("plantsync.invoices")
public record InvoiceSettings(InvoicePolicy defaults, Map<String, InvoicePolicy> partners) {

    public InvoiceSettings {
        defaults = defaults == null ? InvoicePolicy.DEFAULT : defaults.over(InvoicePolicy.DEFAULT);
        partners = partners == null ? Map.of() : Map.copyOf(partners);
    }

    public InvoicePolicy policy(String partner) {
        InvoicePolicy own = partners.get(partner);
        return own == null ? defaults : own.over(defaults);
    }
}
