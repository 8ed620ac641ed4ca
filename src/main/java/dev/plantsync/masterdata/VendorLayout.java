package dev.plantsync.masterdata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooRecord;

/**
 * Vendors ({@code vendors*.csv}), Odoo partners keyed by their reference. The bank account is a record of its own in
 * Odoo ({@code res.partner.bank}): read next to the partner for the diff and written after it; replacing a vendor's
 * existing account waits for an approver (the classic payment-fraud move), a first account does not.
 */
final class VendorLayout extends EntityLayout {

    static final VendorLayout INSTANCE = new VendorLayout();
    static final String BANK_ACCOUNT = "bank_account";
    private static final String BANK = "res.partner.bank";

    private static final List<Column> COLUMNS = List.of(
            Column.text("ref", "ref", true),
            Column.text("name", "name", true),
            Column.text("vat", "vat", false),
            Column.text("street", "street", false),
            Column.text("zip", "zip", false),
            Column.text("city", "city", false),
            Column.of("country", "country_id", "reference"),
            Column.text("email", "email", false),
            Column.text("phone", "phone", false),
            Column.of("payment_terms", "property_supplier_payment_term_id", "reference"),
            Column.text("bank_account", BANK_ACCOUNT, false),
            Column.of("active", "active", "boolean"));

    private VendorLayout() {
        super("vendor", "res.partner", "md-vendors", "ref");
    }

    @Override
    List<Column> columns() {
        return COLUMNS;
    }

    @Override
    Map<String, Reference> references() {
        return Map.of("country_id", new Reference("res.country", "code", "country code"),
                "property_supplier_payment_term_id", new Reference("account.payment.term", "name", "payment term"));
    }

    @Override
    Set<String> defaulted() {
        return Set.of("active", "is_company", "country_id", "property_supplier_payment_term_id");
    }

    @Override
    List<String> odooFields() {
        return List.of("ref", "name", "vat", "street", "zip", "city", "country_id", "email", "phone",
                "property_supplier_payment_term_id", "is_company", "active");
    }

    @Override
    Map<String, Object> desired(Map<String, Object> staged, int odooVersion) {
        Map<String, Object> desired = super.desired(staged, odooVersion);
        desired.put("is_company", true); // vendors PlantSync syncs are companies
        return desired;
    }

    @Override
    Set<String> virtualFields() {
        return Set.of(BANK_ACCOUNT);
    }

    /** Each vendor's active bank account number, read in one call for the page, as if it were a field. */
    @Override
    List<OdooRecord> withVirtualFields(OdooClient odoo, List<OdooRecord> current) {
        Map<Integer, String> accounts = accounts(odoo, current.stream().map(OdooRecord::id).toList());
        List<OdooRecord> enriched = new ArrayList<>();
        for (OdooRecord r : current) {
            Map<String, Object> values = new LinkedHashMap<>(r.values());
            values.put(BANK_ACCOUNT, accounts.getOrDefault(r.id(), null));
            enriched.add(new OdooRecord(values));
        }
        return enriched;
    }

    /**
     * Bank accounts after the partners are written: an account already there is kept, a different one archived and
     * the new one created (one read, at most one write and one create for the chunk).
     */
    @Override
    void applyVirtualFields(OdooClient odoo, Map<Integer, Map<String, Object>> valuesById) {
        Map<Integer, String> wanted = new HashMap<>();
        valuesById.forEach((id, values) -> {
            if (values.get(BANK_ACCOUNT) != null) {
                wanted.put(id, values.get(BANK_ACCOUNT).toString());
            }
        });
        if (wanted.isEmpty()) {
            return;
        }
        List<Integer> archive = new ArrayList<>();
        Map<Integer, Boolean> present = new HashMap<>();
        for (OdooRecord bank : odoo.searchRead(BANK, Domain.in("partner_id", List.copyOf(wanted.keySet())),
                List.of("partner_id", "acc_number"))) {
            int partner = bank.getMany2one("partner_id").id();
            if (wanted.get(partner).equals(bank.getString("acc_number"))) {
                present.put(partner, true);
            } else {
                archive.add(bank.id());
            }
        }
        if (!archive.isEmpty()) {
            odoo.write(BANK, archive, Map.of("active", false), Map.of());
        }
        List<Map<String, Object>> create = new ArrayList<>();
        wanted.forEach((partner, account) -> {
            if (!present.containsKey(partner)) {
                create.add(Map.of("partner_id", partner, "acc_number", account));
            }
        });
        if (!create.isEmpty()) {
            odoo.create(BANK, create, Map.of());
        }
    }

    @Override
    String updateRisk(RiskRules rules, Map<String, List<Object>> changes, OdooRecord now) {
        return rules.forVendorUpdate(changes);
    }

    private static Map<Integer, String> accounts(OdooClient odoo, List<Integer> partners) {
        Map<Integer, String> accounts = new HashMap<>();
        if (!partners.isEmpty()) {
            for (OdooRecord bank : odoo.searchRead(BANK, Domain.in("partner_id", partners),
                    List.of("partner_id", "acc_number"), "id", null, null, Map.of())) {
                accounts.put(bank.getMany2one("partner_id").id(), bank.getString("acc_number"));
            }
        }
        return accounts;
    }
}
