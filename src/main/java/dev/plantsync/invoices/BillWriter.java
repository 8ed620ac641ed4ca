package dev.plantsync.invoices;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.OdooCall;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooException;
import dev.plantsync.odoo.OdooRecord;
import dev.plantsync.platform.OdooWriteLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Posts a chunk of matched invoices as vendor bills, exactly once: bills are looked up by vendor and reference
 * before anything is created, the missing ones are created in one call, a create whose answer was lost is verified by
 * the same lookup before it is tried again, drafts are confirmed in one call, and every bill is recorded in the
 * {@code odoo_write} ledger in the chunk's transaction. A restart after any crash finds what Odoo already has.
 *
 * <p>Before a draft is confirmed, the untaxed amount, tax and total Odoo computed are compared with the invoice's
 * ({@link BillTotals}); a bill that differs stays in draft and its invoice waits for an approver (TOTAL_MISMATCH).
 */
class BillWriter implements ItemWriter<Long> {

    private static final Logger log = LoggerFactory.getLogger(BillWriter.class);
    static final String MODEL = "account.move";

    private final InvoiceStaging staging;
    private final OdooClient odoo;
    private final OdooWriteLedger ledger;
    private final InvoiceSettings settings;
    private final long executionId;
    private final java.time.Duration settle;

    BillWriter(InvoiceStaging staging, OdooClient odoo, OdooWriteLedger ledger, InvoiceSettings settings,
            long executionId, java.time.Duration settle) {
        this.staging = staging;
        this.odoo = odoo;
        this.ledger = ledger;
        this.settings = settings;
        this.executionId = executionId;
        this.settle = settle;
    }

    @Override
    public void write(Chunk<? extends Long> chunk) {
        List<InvoiceStaging.ToPost> invoices = staging.toPost(new ArrayList<>(chunk.getItems()));
        Map<String, OdooRecord> existing = lookup(invoices);
        List<InvoiceStaging.ToPost> missing = missing(invoices, existing);
        Set<String> unsettled = ledger.unsettled(MODEL, missing.stream().map(BillWriter::key).toList(), settle);
        if (!unsettled.isEmpty()) {
            // A create for these was sent recently and never answered: Odoo may still be committing it. Creating now
            // could make a second bill; after the settle time the lookup alone decides.
            throw new OdooNotSettledException("Odoo has not confirmed the bills " + unsettled + " created less than "
                    + settle + " ago; restart after that and they are looked up again, not created twice");
        }
        Map<Long, List<Integer>> taxes = missing.isEmpty() ? Map.of() : poLineTaxes(missing);
        Map<String, Integer> chargeProducts = missing.isEmpty() ? Map.of() : chargeProducts(missing);
        Map<String, Integer> currencies = missing.isEmpty() ? Map.of() : currencies(missing);
        ChargeTaxes chargeTaxes = missing.isEmpty() ? null : ChargeTaxes.read(odoo, missing, settings, taxes);
        if (!missing.isEmpty()) {
            ledger.markPending(MODEL, missing.stream().map(BillWriter::key).toList(), InvoicePostingJob.NAME,
                    executionId);
            try {
                odoo.create(MODEL, missing.stream().map(p -> values(p, taxes, chargeProducts, currencies, chargeTaxes))
                        .toList(), Map.of());
            } catch (OdooException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                // The answer was lost. Whether Odoo created the bills is what the lookup says, not the error; and
                // what it does not show yet may still be committing, so nothing is created again now.
                List<InvoiceStaging.ToPost> stillMissing = missing(invoices, lookup(invoices));
                if (!stillMissing.isEmpty()) {
                    throw new OdooNotSettledException("creating " + missing.size() + " bills failed (" + e.getMessage()
                            + ") and " + stillMissing.size() + " are not in Odoo yet; restart after " + settle
                            + " and they are looked up again, not created twice", e);
                }
                log.warn("creating {} bills: {}; Odoo has them all, going on", missing.size(), e.getMessage());
            }
            existing = lookup(invoices);
        }
        List<Integer> toConfirm = new ArrayList<>();
        Map<Long, BillTotals.Mismatch> mismatches = new HashMap<>();
        for (InvoiceStaging.ToPost p : invoices) {
            OdooRecord bill = existing.get(key(p));
            if (bill == null) {
                throw new IllegalStateException("bill for " + key(p) + " not found in Odoo after create");
            }
            if (!"draft".equals(bill.getString("state"))) {
                continue; // confirmed before a restart, after its totals were compared
            }
            // An approver who let the invoice through has seen it (and may have corrected it): posted as it stands.
            BillTotals.Mismatch mismatch = p.approved() ? null
                    : BillTotals.compare(bill, p.statedTax(), p.statedTotal(), settings.totalTolerance());
            if (mismatch != null) {
                mismatches.put(p.invoice().id(), mismatch);
            } else if (settings.policy(p.invoice().partner()).post()) {
                toConfirm.add(bill.id());
            }
        }
        attachSourceFiles(invoices, existing);
        if (!toConfirm.isEmpty()) {
            // action_post returns False (JSON-RPC) or nothing; its effect is checked by the next lookup on restart.
            odoo.call(new OdooCall(MODEL, "action_post", toConfirm, Map.of(), List.of(), Map.of()));
        }
        List<Integer> billIds = new ArrayList<>();
        for (InvoiceStaging.ToPost p : invoices) {
            billIds.add(existing.get(key(p)).id());
        }
        Map<Integer, BillFingerprint.Found> posted = BillFingerprint.read(odoo, billIds);
        for (InvoiceStaging.ToPost p : invoices) {
            OdooRecord bill = existing.get(key(p));
            BillFingerprint.Found found = posted.get(bill.id());
            ledger.record(MODEL, key(p), bill.id(), "create", toConfirm.contains(bill.id())
                    || "posted".equals(bill.getString("state")) ? "CONFIRMED" : "CREATED", InvoicePostingJob.NAME,
                    executionId, found == null ? null : jsonString(found.fingerprint()));
            BillTotals.Mismatch mismatch = mismatches.get(p.invoice().id());
            if (mismatch != null) {
                log.warn("bill {} for {} left in draft: {}", bill.id(), key(p), mismatch.reason());
                staging.totalMismatch(p.invoice().id(), bill.id(), mismatch.reason(), mismatch.difference());
            } else {
                staging.posted(p.invoice().id(), bill.id());
            }
        }
    }

    /** The fingerprint as a JSON string value: jsonb keeps a string exactly as written. */
    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private Map<String, OdooRecord> lookup(List<InvoiceStaging.ToPost> invoices) {
        Set<Long> partners = new LinkedHashSet<>();
        Set<String> refs = new LinkedHashSet<>();
        invoices.forEach(p -> {
            partners.add(p.odooPartnerId());
            refs.add(p.invoice().invoiceNumber());
        });
        Map<String, OdooRecord> bills = new HashMap<>();
        for (OdooRecord b : odoo.searchRead(MODEL, Domain.and(Domain.eq("move_type", "in_invoice"),
                Domain.in("partner_id", partners), Domain.in("ref", refs), Domain.ne("state", "cancel")),
                List.of("partner_id", "ref", "state", "amount_untaxed", "amount_tax", "amount_total"))) {
            bills.put(b.getMany2one("partner_id").id() + "|" + b.getString("ref"), b);
        }
        return bills;
    }

    private static List<InvoiceStaging.ToPost> missing(List<InvoiceStaging.ToPost> invoices,
            Map<String, OdooRecord> existing) {
        return invoices.stream().filter(p -> !existing.containsKey(key(p))).toList();
    }

    private static String key(InvoiceStaging.ToPost p) {
        return p.odooPartnerId() + "|" + p.invoice().invoiceNumber();
    }

    /** The taxes of the PO lines (Odoo 18 calls the field taxes_id, 19 tax_ids), read once per chunk. */
    private Map<Long, List<Integer>> poLineTaxes(List<InvoiceStaging.ToPost> invoices) {
        String field = odoo.majorVersion() >= 19 ? "tax_ids" : "taxes_id";
        List<Integer> ids = invoices.stream().flatMap(p -> p.lines().stream()).filter(l -> l.chargeCode() == null)
                .map(l -> (int) l.poLineId()).distinct().toList();
        Map<Long, List<Integer>> taxes = new HashMap<>();
        for (OdooRecord r : odoo.read("purchase.order.line", ids, List.of(field), Map.of())) {
            taxes.put((long) r.id(), r.getIds(field));
        }
        return taxes;
    }

    /**
     * Each bill gets its invoice's own part of the partner's file (finance's proof), never the whole file: its X12
     * transaction set or EDIFACT message in an envelope of its own, or its CSV rows under the header, with the
     * format's mimetype and a name finance recognises ({@code <partner>-<invoice number>.edi|.csv}). A part over the
     * attachment limit goes as a short text note saying where it is instead. Once: what is already attached is looked
     * up first, the rest created in one call. An invoice staged without a document (the partner turned attachments
     * off) gets none.
     */
    private void attachSourceFiles(List<InvoiceStaging.ToPost> invoices, Map<String, OdooRecord> bills) {
        Map<Long, InvoiceStaging.Document> documents = staging.documents(invoices.stream()
                .map(p -> p.invoice().id()).toList());
        if (documents.isEmpty()) {
            return;
        }
        List<Integer> billIds = invoices.stream().filter(p -> documents.containsKey(p.invoice().id()))
                .map(p -> bills.get(key(p)).id()).toList();
        Set<String> attached = new java.util.HashSet<>();
        for (OdooRecord a : odoo.searchRead("ir.attachment", Domain.and(Domain.eq("res_model", MODEL),
                Domain.in("res_id", billIds)), List.of("res_id", "name"))) {
            attached.add(a.getInt("res_id") + "|" + a.getString("name"));
        }
        List<Map<String, Object>> attachments = new ArrayList<>();
        for (InvoiceStaging.ToPost p : invoices) {
            InvoiceStaging.Document document = documents.get(p.invoice().id());
            if (document == null) {
                continue;
            }
            int billId = bills.get(key(p)).id();
            boolean note = document.content() == null;
            String name = attachmentName(p.invoice().partner(), p.invoice().invoiceNumber(),
                    note ? ".txt" : document.extension());
            if (attached.contains(billId + "|" + name)) {
                continue;
            }
            byte[] content = note ? (document.note() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : document.content();
            if (note) {
                log.warn("bill {}: {}", billId, document.note());
            }
            attachments.add(Map.of("name", name, "res_model", MODEL, "res_id", billId, "datas",
                    java.util.Base64.getEncoder().encodeToString(content), "mimetype",
                    note ? "text/plain" : document.mimetype()));
        }
        if (!attachments.isEmpty()) {
            odoo.create("ir.attachment", attachments, Map.of());
        }
    }

    /** "acme-INV-1001.edi": partner and invoice number, with what a file name cannot hold replaced. */
    static String attachmentName(String partner, String invoiceNumber, String extension) {
        String base = (partner == null ? "invoice" : partner) + "-" + (invoiceNumber == null ? "" : invoiceNumber);
        return base.replaceAll("[^A-Za-z0-9._-]", "_") + extension;
    }

    /** Odoo currency ids by ISO code, for the bills' currency, read once per chunk. */
    private Map<String, Integer> currencies(List<InvoiceStaging.ToPost> invoices) {
        Set<String> codes = new LinkedHashSet<>();
        invoices.forEach(p -> {
            if (p.invoice().currency() != null) {
                codes.add(p.invoice().currency());
            }
        });
        Map<String, Integer> ids = new HashMap<>();
        if (!codes.isEmpty()) {
            for (OdooRecord c : odoo.searchRead("res.currency", Domain.in("name", codes), List.of("name"), null, null,
                    null, Map.of("active_test", false))) {
                ids.put(c.getString("name"), c.id());
            }
        }
        return ids;
    }

    /** Odoo product ids of the configured charge products, by charge code, read once per chunk. */
    private Map<String, Integer> chargeProducts(List<InvoiceStaging.ToPost> invoices) {
        Set<String> codes = new LinkedHashSet<>();
        invoices.forEach(p -> p.lines().stream().filter(l -> l.chargeCode() != null)
                .map(l -> settings.chargeProducts().get(l.chargeCode())).filter(java.util.Objects::nonNull)
                .forEach(codes::add));
        if (codes.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> byDefaultCode = new HashMap<>();
        for (OdooRecord r : odoo.searchRead("product.product", Domain.in("default_code", codes),
                List.of("default_code"))) {
            byDefaultCode.put(r.getString("default_code"), r.id());
        }
        Map<String, Integer> byCharge = new HashMap<>();
        settings.chargeProducts().forEach((charge, code) -> {
            if (byDefaultCode.containsKey(code)) {
                byCharge.put(charge, byDefaultCode.get(code));
            }
        });
        return byCharge;
    }

    private static Map<String, Object> values(InvoiceStaging.ToPost p, Map<Long, List<Integer>> taxes,
            Map<String, Integer> chargeProducts, Map<String, Integer> currencies, ChargeTaxes chargeTaxes) {
        List<Object> lines = new ArrayList<>();
        for (InvoiceStaging.PostLine l : p.lines()) {
            if (l.chargeCode() != null) {
                Map<String, Object> charge = new LinkedHashMap<>();
                if (chargeProducts.containsKey(l.chargeCode())) {
                    charge.put("product_id", chargeProducts.get(l.chargeCode()));
                }
                charge.put("name", l.description() != null ? l.description() : "Charge " + l.chargeCode());
                charge.put("quantity", 1.0);
                charge.put("price_unit", l.unitPrice().doubleValue());
                // Always given, also when empty: else Odoo puts the charge product's own supplier taxes on it.
                charge.put("tax_ids", List.of(List.of(6, 0, chargeTaxes.of(p, l))));
                lines.add(List.of(0, 0, charge));
                continue;
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("purchase_line_id", l.poLineId());
            line.put("product_id", l.productId());
            line.put("quantity", l.quantity().doubleValue());
            line.put("price_unit", l.unitPrice().doubleValue());
            line.put("tax_ids", List.of(List.of(6, 0, taxes.getOrDefault(l.poLineId(), List.of()))));
            if (l.description() != null) {
                line.put("name", l.description());
            }
            lines.add(List.of(0, 0, line));
        }
        Map<String, Object> bill = new LinkedHashMap<>();
        bill.put("move_type", "in_invoice");
        bill.put("partner_id", p.odooPartnerId());
        bill.put("ref", p.invoice().invoiceNumber());
        if (p.invoice().currency() != null && currencies.containsKey(p.invoice().currency())) {
            bill.put("currency_id", currencies.get(p.invoice().currency()));
        }
        if (p.invoice().invoiceDate() != null) {
            bill.put("invoice_date", p.invoice().invoiceDate().toString());
        }
        bill.put("invoice_line_ids", lines);
        return bill;
    }
}
