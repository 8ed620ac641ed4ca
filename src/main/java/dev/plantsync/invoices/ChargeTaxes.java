package dev.plantsync.invoices;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.Many2one;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooRecord;

/**
 * The Odoo taxes each charge or allowance line of a bill carries, so that the bill's tax is the invoice's: the
 * purchase tax of the rate the invoice gives the charge (else the partner's {@code charge-tax-percent}), of the
 * company the invoice's PO-line taxes belong to; with no rate at all but a tax stated on the invoice, the taxes
 * all its PO lines share. Otherwise none. Odoo's purchase taxes are read once per chunk.
 */
final class ChargeTaxes {

    /** Odoo purchase tax: id, company (null when it has none) and percent. */
    private record Tax(int id, Integer company, BigDecimal percent) {
    }

    private final List<Tax> purchaseTaxes;
    private final Map<Integer, Integer> companyOfTax;
    private final Map<Long, List<Integer>> poLineTaxes;
    private final InvoiceSettings settings;

    private ChargeTaxes(List<Tax> purchaseTaxes, Map<Long, List<Integer>> poLineTaxes, InvoiceSettings settings) {
        this.purchaseTaxes = purchaseTaxes;
        this.poLineTaxes = poLineTaxes;
        this.settings = settings;
        this.companyOfTax = new HashMap<>();
        purchaseTaxes.forEach(t -> companyOfTax.put(t.id(), t.company()));
    }

    static ChargeTaxes read(OdooClient odoo, List<InvoiceStaging.ToPost> invoices, InvoiceSettings settings,
            Map<Long, List<Integer>> poLineTaxes) {
        boolean anyCharge = invoices.stream().anyMatch(p -> p.lines().stream().anyMatch(l -> l.chargeCode() != null));
        List<Tax> taxes = new java.util.ArrayList<>();
        if (anyCharge) {
            // Few per database (one company's chart has a few dozen); filtering the rate here avoids comparing floats
            // in a domain.
            for (OdooRecord t : odoo.searchRead("account.tax", Domain.and(Domain.eq("type_tax_use", "purchase"),
                    Domain.eq("amount_type", "percent")), List.of("amount", "company_id"), "id", null, null, Map.of())) {
                Many2one company = t.getMany2one("company_id");
                taxes.add(new Tax(t.id(), company == null ? null : company.id(), t.getDecimal("amount")));
            }
        }
        return new ChargeTaxes(taxes, poLineTaxes, settings);
    }

    /** The tax ids for one charge line of an invoice (empty: untaxed). */
    List<Integer> of(InvoiceStaging.ToPost p, InvoiceStaging.PostLine charge) {
        BigDecimal percent = charge.taxPercent() != null ? charge.taxPercent()
                : settings.policy(p.invoice().partner()).chargeTaxPercent();
        Set<List<Integer>> lineTaxes = new LinkedHashSet<>();
        p.lines().stream().filter(l -> l.chargeCode() == null)
                .forEach(l -> lineTaxes.add(poLineTaxes.getOrDefault(l.poLineId(), List.of())));
        if (percent == null) {
            boolean taxStated = p.statedTax() != null && p.statedTax().signum() != 0;
            return taxStated && lineTaxes.size() == 1 ? lineTaxes.iterator().next() : List.of();
        }
        if (percent.signum() == 0) {
            return List.of();
        }
        Set<Integer> companies = new LinkedHashSet<>();
        lineTaxes.forEach(ids -> ids.forEach(id -> {
            if (companyOfTax.get(id) != null) {
                companies.add(companyOfTax.get(id));
            }
        }));
        return purchaseTaxes.stream().filter(t -> t.percent() != null && t.percent().compareTo(percent) == 0)
                .filter(t -> companies.isEmpty() || t.company() == null || companies.contains(t.company()))
                .findFirst().map(t -> List.of(t.id())).orElse(List.of());
    }
}
