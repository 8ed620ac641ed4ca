package dev.plantsync.invoices;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.edi.InvoiceDocument;
import dev.plantsync.edi.SupplierInvoice;
import dev.plantsync.platform.FlowLatency;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The invoice staging tables: what was read from partner files, and what was decided and posted. */
class InvoiceStaging {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final FlowLatency latency;

    InvoiceStaging(JdbcClient jdbc, JdbcTemplate template, FlowLatency latency) {
        this.jdbc = jdbc;
        this.template = template;
        this.latency = latency;
    }

    long stage(long instanceId, long fileId, String partner, SupplierInvoice inv) {
        return stage(instanceId, fileId, partner, inv, null);
    }

    /** Stages an invoice with its own part of the file ({@code document}, null: none kept) for its bill. */
    long stage(long instanceId, long fileId, String partner, SupplierInvoice inv, InvoiceDocument document) {
        long id = jdbc.sql("""
                INSERT INTO invoice_staging (job_instance_id, inbound_file_id, partner, vendor_id, invoice_number,
                    invoice_date, currency, po_numbers, tax_amount, total, charges, source_format, interchange,
                    message_control, position)
                VALUES (:instance, :file, :partner, :vendor, :number, :date, :currency, string_to_array(:pos, '|'),
                        :tax, :total, :charges, :format, :interchange, :message, :position)
                RETURNING id""")
                .param("instance", instanceId).param("file", fileId).param("partner", partner)
                .param("vendor", inv.vendorId()).param("number", inv.invoiceNumber()).param("date", inv.invoiceDate())
                .param("currency", inv.currency()).param("pos", String.join("|", inv.poNumbers()))
                .param("tax", inv.taxAmount()).param("total", inv.total()).param("charges", inv.chargesTotal())
                .param("format", inv.source().format()).param("interchange", inv.source().interchangeControl())
                .param("message", inv.source().messageControl()).param("position", inv.source().position())
                .query(Long.class).single();
        List<Object[]> lines = new ArrayList<>();
        for (SupplierInvoice.InvoiceLine l : inv.lines()) {
            lines.add(new Object[] {id, l.lineNumber(), l.vendorItem(), l.buyerItem(), l.description(), l.quantity(),
                    l.uom(), l.unitPrice(), l.amount(), l.poLineRef(), l.position(), l.poNumber()});
        }
        template.batchUpdate("""
                INSERT INTO invoice_line_staging (invoice_id, line_number, vendor_item, buyer_item, description, quantity,
                    uom, unit_price, amount, po_line_ref, position, po_number)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", lines);
        List<Object[]> charges = new ArrayList<>();
        for (SupplierInvoice.Charge c : inv.charges()) {
            charges.add(new Object[] {id, c.code() == null ? "CHARGE" : c.code(), c.description(), c.amount(),
                    c.amount(), c.taxPercent()});
        }
        template.batchUpdate("""
                INSERT INTO invoice_line_staging (invoice_id, line_number, charge_code, description, quantity, unit_price,
                    amount, tax_percent) VALUES (?, 0, ?, ?, 1, ?, ?, ?)""", charges);
        if (document != null) {
            jdbc.sql("""
                    INSERT INTO invoice_document (invoice_id, content, mimetype, extension, size, note)
                    VALUES (:id, :content, :mimetype, :extension, :size, :note)""")
                    .param("id", id).param("content", document.content()).param("mimetype", document.mimetype())
                    .param("extension", document.extension()).param("size", document.size())
                    .param("note", document.note()).update();
        }
        return id;
    }

    /**
     * Copies earlier invoices that were not posted (exceptions, rejections) into this run to be matched again, after
     * their cause was fixed; the originals are closed as replayed and their pending approvals withdrawn, so nothing can
     * be posted twice. {@code which} is "exceptions" (every open exception and rejection except duplicates) or ids.
     */
    int replay(long instanceId, String which) {
        String filter = "exceptions".equalsIgnoreCase(which.trim())
                ? "s.outcome IN ('EXCEPTION', 'REJECTED') AND coalesce(s.reasons, '') NOT LIKE 'DUPLICATE%' "
                        + "AND coalesce(s.reasons, '') NOT LIKE 'REPLAYED%' AND coalesce(s.reasons, '') NOT LIKE 'REJECTED_BY%'"
                : "s.outcome IN ('EXCEPTION', 'REJECTED') AND s.id = ANY(string_to_array(:ids, ',')::bigint[])";
        List<Long> sources = jdbc.sql("SELECT s.id FROM invoice_staging s WHERE s.job_instance_id <> :instance AND "
                + filter + " ORDER BY s.id").param("instance", instanceId).param("ids", which.replace(" ", ""))
                .query(Long.class).list();
        for (Long source : sources) {
            long copy = jdbc.sql("""
                    INSERT INTO invoice_staging (job_instance_id, inbound_file_id, partner, vendor_id, invoice_number,
                        invoice_date, currency, po_numbers, tax_amount, total, charges, source_format, interchange,
                        message_control, position)
                    SELECT :instance, inbound_file_id, partner, vendor_id, invoice_number, invoice_date, currency,
                           po_numbers, tax_amount, total, charges, source_format, interchange, message_control, position
                      FROM invoice_staging WHERE id = :id RETURNING id""")
                    .param("instance", instanceId).param("id", source).query(Long.class).single();
            jdbc.sql("""
                    INSERT INTO invoice_line_staging (invoice_id, line_number, vendor_item, buyer_item, description,
                        quantity, uom, unit_price, amount, po_line_ref, position, charge_code, tax_percent, po_number)
                    SELECT :copy, line_number, vendor_item, buyer_item, description, quantity, uom, unit_price, amount,
                           po_line_ref, position, charge_code, tax_percent, po_number FROM invoice_line_staging WHERE invoice_id = :id ORDER BY id""")
                    .param("copy", copy).param("id", source).update();
            jdbc.sql("""
                    INSERT INTO invoice_document (invoice_id, content, mimetype, extension, size, note)
                    SELECT :copy, content, mimetype, extension, size, note FROM invoice_document WHERE invoice_id = :id""")
                    .param("copy", copy).param("id", source).update();
            jdbc.sql("""
                    UPDATE invoice_staging SET outcome = 'REJECTED',
                           reasons = 'REPLAYED as ' || :copy || ' in run ' || :instance || ': ' || coalesce(reasons, '')
                     WHERE id = :id""").param("copy", copy).param("instance", instanceId).param("id", source).update();
            jdbc.sql("""
                    UPDATE approval_request SET state = 'REJECTED', decided_by = 'plantsync', decided_at = now(),
                           decision_comment = 'withdrawn: the invoice was replayed in run ' || :instance
                     WHERE business_key = :key AND state = 'PENDING'""")
                    .param("instance", instanceId).param("key", String.valueOf(source)).update();
        }
        return sources.size();
    }

    /** Invoices of this run repeating an earlier, not rejected one of the same partner and number: rejected. */
    int rejectDuplicates(long instanceId) {
        return jdbc.sql("""
                UPDATE invoice_staging s SET outcome = 'REJECTED',
                       reasons = 'DUPLICATE: invoice ' || s.invoice_number || ' was already received (staged as '
                                 || (SELECT min(o.id) FROM invoice_staging o WHERE o.partner = s.partner
                                     AND o.invoice_number = s.invoice_number AND o.id < s.id AND o.outcome <> 'REJECTED') || ')'
                 WHERE s.job_instance_id = :instance AND s.outcome = 'STAGED'
                   AND EXISTS (SELECT 1 FROM invoice_staging o WHERE o.partner = s.partner
                               AND o.invoice_number = s.invoice_number AND o.id < s.id AND o.outcome <> 'REJECTED')""")
                .param("instance", instanceId).update();
    }

    /** Marks every invoice an interchange brought as rejected (the interchange was a duplicate). */
    void rejectInterchange(long fileId, String interchange, String reason) {
        jdbc.sql("""
                UPDATE invoice_staging SET outcome = 'REJECTED', reasons = :reason
                 WHERE inbound_file_id = :file AND interchange = :interchange""")
                .param("reason", reason).param("file", fileId).param("interchange", interchange).update();
    }

    /**
     * Removes invoices staged a moment ago, in the same transaction, because their interchange or group was rejected
     * once its trailer was read: nothing of a rejected envelope stays staged (their lines go with them).
     */
    int withdraw(List<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("DELETE FROM invoice_staging WHERE id IN (:ids) AND outcome = 'STAGED'").param("ids", ids)
                .update();
    }

    /** The next page of undecided invoices of a run, with their lines. */
    List<StagedInvoice> undecided(long instanceId, long afterId, int limit) {
        List<StagedInvoice> headers = jdbc.sql("""
                SELECT id, inbound_file_id, partner, invoice_number, invoice_date, currency, po_numbers, charges
                  FROM invoice_staging WHERE job_instance_id = :instance AND outcome = 'STAGED' AND id > :after
                 ORDER BY id LIMIT :limit""")
                .param("instance", instanceId).param("after", afterId).param("limit", limit)
                .query(InvoiceStaging::header).list();
        return withLines(headers);
    }

    List<StagedInvoice> byIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return withLines(jdbc.sql("""
                SELECT id, inbound_file_id, partner, invoice_number, invoice_date, currency, po_numbers, charges
                  FROM invoice_staging WHERE id IN (:ids) ORDER BY id""").param("ids", ids)
                .query(InvoiceStaging::header).list());
    }

    private List<StagedInvoice> withLines(List<StagedInvoice> headers) {
        if (headers.isEmpty()) {
            return headers;
        }
        Map<Long, List<StagedInvoice.Line>> lines = new LinkedHashMap<>();
        Map<Long, List<StagedInvoice.Charge>> charges = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT invoice_id, id, line_number, vendor_item, buyer_item, description, quantity, unit_price, po_line_ref,
                       uom, po_number, charge_code, amount FROM invoice_line_staging WHERE invoice_id IN (:ids)
                 ORDER BY invoice_id, id""")
                .param("ids", headers.stream().map(StagedInvoice::id).toList())
                .query((rs, n) -> {
                    if (rs.getString(12) != null) {
                        charges.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new StagedInvoice.Charge(
                                rs.getString(12), rs.getString(6), rs.getBigDecimal(13)));
                        return null;
                    }
                    lines.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new StagedInvoice.Line(rs.getLong(2),
                            rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getBigDecimal(7),
                            rs.getBigDecimal(8), rs.getString(9), rs.getString(10), rs.getString(11)));
                    return null;
                }).list();
        return headers.stream().map(h -> new StagedInvoice(h.id(), h.inboundFileId(), h.partner(), h.invoiceNumber(),
                h.invoiceDate(), h.currency(), h.poNumbers(), h.charges(), lines.getOrDefault(h.id(), List.of()),
                charges.getOrDefault(h.id(), List.of()))).toList();
    }

    void decide(long id, InvoiceDecision decision) {
        jdbc.sql("""
                UPDATE invoice_staging SET outcome = :outcome, reasons = :reasons, odoo_partner_id = :partner,
                       impact_amount = :amount, impact_quantity = :quantity WHERE id = :id""")
                .param("amount", decision.impactAmount()).param("quantity", decision.impactQuantity())
                .param("outcome", decision.outcome().name())
                .param("reasons", decision.reasons().isEmpty() ? null : String.join("; ", decision.reasons()))
                .param("partner", decision.odooPartnerId()).param("id", id).update();
        List<Object[]> matches = new ArrayList<>();
        decision.lines().forEach((lineId, match) -> matches.add(new Object[] {match.poLineId(), match.productId(),
                match.quantity(), match.unitPrice(), lineId}));
        template.batchUpdate("""
                UPDATE invoice_line_staging SET odoo_po_line_id = ?, odoo_product_id = ?, po_quantity = ?,
                       po_unit_price = ? WHERE id = ?""", matches);
        List<Object[]> flags = new ArrayList<>();
        decision.flags().forEach((lineId, flag) -> flags.add(new Object[] {flag, lineId}));
        template.batchUpdate("UPDATE invoice_line_staging SET flag = ? WHERE id = ?", flags);
    }

    /** An invoice waiting for a decision, as the approver sees it. */
    record Waiting(long id, String partner, String invoiceNumber, List<String> poNumbers, String currency,
            String reasons, java.math.BigDecimal impactAmount, java.math.BigDecimal impactQuantity) {
    }

    List<Waiting> waiting(long instanceId) {
        return jdbc.sql("""
                SELECT id, partner, invoice_number, array_to_string(po_numbers, ','), currency, reasons, impact_amount,
                       impact_quantity FROM invoice_staging WHERE job_instance_id = :instance AND outcome = 'EXCEPTION'
                 ORDER BY id""").param("instance", instanceId)
                .query((rs, n) -> new Waiting(rs.getLong(1), rs.getString(2), rs.getString(3),
                        List.of(rs.getString(4).split(",")), rs.getString(5), rs.getString(6), rs.getBigDecimal(7),
                        rs.getBigDecimal(8))).list();
    }

    /** Applies an approver's correction to the flagged lines of an invoice. */
    void correct(long invoiceId, java.math.BigDecimal price, java.math.BigDecimal quantity) {
        jdbc.sql("""
                UPDATE invoice_line_staging SET po_unit_price = coalesce(:price, po_unit_price, unit_price),
                       po_quantity = coalesce(:quantity, po_quantity, quantity)
                 WHERE invoice_id = :id AND flag IS NOT NULL AND charge_code IS NULL""")
                .param("price", price).param("quantity", quantity).param("id", invoiceId).update();
    }

    boolean hasUnmatchedLines(long invoiceId) {
        return jdbc.sql("SELECT count(*) FROM invoice_line_staging WHERE invoice_id = :id AND odoo_po_line_id IS NULL "
                + "AND charge_code IS NULL")
                .param("id", invoiceId).query(Integer.class).single() > 0;
    }

    void outcome(long invoiceId, String outcome, String reasons) {
        jdbc.sql("UPDATE invoice_staging SET outcome = :outcome, reasons = :reasons WHERE id = :id")
                .param("outcome", outcome).param("reasons", reasons).param("id", invoiceId).update();
    }

    /** Quantities of matched, not yet posted invoice lines per PO line (Odoo does not count them yet). */
    Map<Long, BigDecimal> matchedQuantities(List<Long> poLineIds) {
        Map<Long, BigDecimal> quantities = new java.util.HashMap<>();
        if (poLineIds.isEmpty()) {
            return quantities;
        }
        jdbc.sql("""
                SELECT l.odoo_po_line_id, sum(coalesce(l.po_quantity, l.quantity)) FROM invoice_line_staging l
                  JOIN invoice_staging i ON i.id = l.invoice_id
                 WHERE i.outcome = 'MATCHED' AND l.odoo_po_line_id IN (:ids) GROUP BY l.odoo_po_line_id""")
                .param("ids", poLineIds)
                .query((rs, n) -> quantities.put(rs.getLong(1), rs.getBigDecimal(2))).list();
        return quantities;
    }

    void posted(long id, long moveId) {
        jdbc.sql("""
                UPDATE invoice_staging s SET outcome = 'POSTED', odoo_move_id = :move FROM inbound_file f
                 WHERE s.id = :id AND f.id = s.inbound_file_id RETURNING s.partner, f.dropped_at""")
                .param("move", moveId).param("id", id)
                .query(rs -> {
                    OffsetDateTime dropped = rs.getObject(2, OffsetDateTime.class);
                    latency.record(InvoicePostingJob.NAME, rs.getString(1), "posted",
                            dropped == null ? null : dropped.toInstant());
                });
    }

    /**
     * Odoo partner id, matched lines and source file of an invoice to post, the totals it states (tax and total), and
     * whether an approver already let it through (then the bill is posted as it stands).
     */
    record ToPost(StagedInvoice invoice, long odooPartnerId, List<PostLine> lines, BigDecimal statedTax,
            BigDecimal statedTotal, boolean approved) {
    }

    /** An invoice's own document as staged: content (null when over the limit, then the note says why). */
    record Document(long invoiceId, byte[] content, String mimetype, String extension, String note) {
    }

    /** The documents of these invoices (none for an invoice staged without one, e.g. attachments turned off). */
    Map<Long, Document> documents(List<Long> ids) {
        Map<Long, Document> documents = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return documents;
        }
        jdbc.sql("SELECT invoice_id, content, mimetype, extension, note FROM invoice_document WHERE invoice_id IN (:ids)")
                .param("ids", ids)
                .query((rs, n) -> documents.put(rs.getLong(1), new Document(rs.getLong(1), rs.getBytes(2),
                        rs.getString(3), rs.getString(4), rs.getString(5))))
                .list();
        return documents;
    }

    /**
     * A line as it goes on the bill: a PO line, or a charge (chargeCode set, no PO line) with the tax rate the
     * invoice gives it (null: none given).
     */
    record PostLine(long poLineId, long productId, BigDecimal quantity, BigDecimal unitPrice, String description,
            String chargeCode, BigDecimal taxPercent) {
    }

    /**
     * The bill was created but its totals are not the invoice's: it stays in draft and the invoice waits for an
     * approver (the checkpoint after posting asks), with the difference in total as what is at stake.
     */
    void totalMismatch(long id, long moveId, String reason, BigDecimal difference) {
        jdbc.sql("""
                UPDATE invoice_staging SET outcome = 'EXCEPTION', reasons = :reason, odoo_move_id = :move,
                       impact_amount = :difference WHERE id = :id""")
                .param("reason", reason).param("move", moveId).param("difference", difference).param("id", id).update();
    }

    List<ToPost> toPost(List<Long> ids) {
        Map<Long, Long> partners = new LinkedHashMap<>();
        Map<Long, BigDecimal[]> stated = new LinkedHashMap<>();
        Map<Long, Boolean> approved = new LinkedHashMap<>();
        // An approved invoice's reasons are the approver's decision ("approved by ...", ApprovalRequest.decision()).
        jdbc.sql("""
                SELECT s.id, s.odoo_partner_id, s.tax_amount, s.total,
                       coalesce(s.reasons LIKE 'approved by %', false) FROM invoice_staging s
                 WHERE s.id IN (:ids)""").param("ids", ids)
                .query((rs, n) -> {
                    partners.put(rs.getLong(1), rs.getLong(2));
                    stated.put(rs.getLong(1), new BigDecimal[] {rs.getBigDecimal(3), rs.getBigDecimal(4)});
                    approved.put(rs.getLong(1), rs.getBoolean(5));
                    return null;
                }).list();
        Map<Long, List<PostLine>> lines = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT invoice_id, odoo_po_line_id, odoo_product_id, coalesce(po_quantity, quantity),
                       coalesce(po_unit_price, unit_price), description, charge_code, tax_percent
                  FROM invoice_line_staging WHERE invoice_id IN (:ids) ORDER BY invoice_id, id""").param("ids", ids)
                .query((rs, n) -> lines.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new PostLine(
                        rs.getLong(2), rs.getLong(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getString(6),
                        rs.getString(7), rs.getBigDecimal(8))))
                .list();
        return byIds(ids).stream().map(i -> new ToPost(i, partners.get(i.id()), lines.getOrDefault(i.id(), List.of()),
                stated.get(i.id())[0], stated.get(i.id())[1], approved.get(i.id()))).toList();
    }

    private static StagedInvoice header(ResultSet rs, int row) throws SQLException {
        Array pos = rs.getArray(7);
        List<String> poNumbers = pos == null ? List.of() : Arrays.stream((String[]) pos.getArray())
                .filter(s -> !s.isBlank()).toList();
        return new StagedInvoice(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, java.time.LocalDate.class), rs.getString(6), poNumbers, rs.getBigDecimal(8), List.of());
    }
}
