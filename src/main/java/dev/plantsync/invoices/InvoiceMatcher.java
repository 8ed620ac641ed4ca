package dev.plantsync.invoices;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.sftp.Partner;

/**
 * The three-way match of one invoice against its purchase orders and receipts. Each invoice line finds its PO line
 * by PO line reference, else by our product code, else by the vendor's item code, else by position; then the
 * quantity must fit what was received (or ordered) less what is already invoiced (Odoo counts draft bills too)
 * and less what earlier invoices of the same run take,
 * and the price must be within tolerance. Validation failures reject the invoice; match failures make it an exception
 * for a finance approver.
 */
final class InvoiceMatcher {

    private InvoiceMatcher() {
    }

    /**
     * @param billedInRun quantities already matched in this run but not yet posted, by PO line; updated with this
     *                    invoice's quantities when it matches, so later invoices of the run see them
     */
    static InvoiceDecision decide(StagedInvoice invoice, Partner partner, InvoicePolicy policy, PurchaseData odoo,
            Map<Long, BigDecimal> billedInRun, Map<String, String> uomCodes, Map<String, String> chargeProducts,
            java.util.Set<String> productsInOdoo) {
        Long vendor = partner == null || partner.odooVendorRef() == null ? null
                : odoo.vendorsByRef.get(partner.odooVendorRef());
        if (vendor == null) {
            return InvoiceDecision.rejected("UNKNOWN_VENDOR: no Odoo vendor with reference '"
                    + (partner == null ? "?" : partner.odooVendorRef()) + "' for partner " + invoice.partner(), null);
        }
        if (odoo.billedKeys.contains(PurchaseData.billKey(vendor, invoice.invoiceNumber()))) {
            return InvoiceDecision.rejected("DUPLICATE: Odoo already has a bill from this vendor with reference "
                    + invoice.invoiceNumber(), vendor);
        }
        if (invoice.poNumbers().isEmpty()) {
            return InvoiceDecision.rejected("NO_PO: the invoice names no purchase order", vendor);
        }
        List<PurchaseData.OrderLine> candidates = new ArrayList<>();
        Map<String, List<PurchaseData.OrderLine>> candidatesByPo = new HashMap<>();
        for (String po : invoice.poNumbers()) {
            PurchaseData.Order order = odoo.ordersByName.get(po);
            if (order == null) {
                return InvoiceDecision.rejected("PO_NOT_FOUND: purchase order " + po + " is not in Odoo", vendor);
            }
            if (order.partnerId() != vendor) {
                return InvoiceDecision.rejected("PO_OTHER_VENDOR: purchase order " + po + " belongs to another vendor",
                        vendor);
            }
            if (!"purchase".equals(order.state()) && !"done".equals(order.state())) {
                return InvoiceDecision.rejected("PO_NOT_CONFIRMED: purchase order " + po + " is " + order.state(), vendor);
            }
            if (invoice.currency() != null && order.currency() != null && !invoice.currency().equals(order.currency())) {
                return InvoiceDecision.rejected("CURRENCY_MISMATCH: invoice in " + invoice.currency() + ", " + po
                        + " in " + order.currency(), vendor);
            }
            candidates.addAll(odoo.linesByOrder.getOrDefault(order.id(), List.of()));
            candidatesByPo.put(po, odoo.linesByOrder.getOrDefault(order.id(), List.of()));
        }
        List<String> exceptions = new ArrayList<>();
        Map<Long, InvoiceDecision.LineMatch> matches = new LinkedHashMap<>();
        Map<Long, BigDecimal> billed = new HashMap<>();
        Map<Long, String> flags = new LinkedHashMap<>();
        BigDecimal impactAmount = BigDecimal.ZERO;
        BigDecimal impactQuantity = BigDecimal.ZERO;
        // A charge billed without its product would be a cost nobody agreed to, on no account finance chose: it
        // waits for an approver (or for plantsync.invoices.charge-products to name its product). An allowance alike:
        // unmapped, it lowered the bill on a line of no product and no account anyone chose (a rebate, a discount,
        // a damaged-goods credit book differently), so it waits too, as UNKNOWN_ALLOWANCE with its code and amount.
        for (StagedInvoice.Charge c : invoice.chargeLines()) {
            if (c.amount().signum() == 0) {
                continue;
            }
            boolean allowance = c.amount().signum() < 0;
            String what = (allowance ? "UNKNOWN_ALLOWANCE: allowance " : "UNKNOWN_CHARGE: charge ") + c.code()
                    + (c.description() == null ? "" : " (" + c.description() + ")") + " of "
                    + c.amount().stripTrailingZeros().toPlainString();
            String product = chargeProducts.get(c.code());
            if (product == null) {
                exceptions.add(what + " has no Odoo product in plantsync.invoices.charge-products");
            } else if (productsInOdoo != null && !productsInOdoo.contains(product)) {
                exceptions.add(what + " is mapped to " + product + ", which is no product in Odoo");
            } else {
                continue;
            }
            impactAmount = impactAmount.add(c.amount().abs());
        }
        // A line naming its own PO is matched within that PO (its position and PO line reference count there).
        Map<String, Integer> seenOfPo = new HashMap<>();
        Map<String, Long> linesOfPo = new HashMap<>();
        invoice.lines().forEach(l -> linesOfPo.merge(String.valueOf(l.poNumber()), 1L, Long::sum));
        for (int i = 0; i < invoice.lines().size(); i++) {
            StagedInvoice.Line line = invoice.lines().get(i);
            boolean ownPo = line.poNumber() != null && candidatesByPo.containsKey(line.poNumber());
            int index = ownPo ? seenOfPo.merge(line.poNumber(), 1, Integer::sum) - 1 : i;
            PurchaseData.OrderLine po = ownPo
                    ? find(line, index, linesOfPo.get(line.poNumber()).intValue(), candidatesByPo.get(line.poNumber()))
                    : find(line, i, invoice.lines().size(), candidates);
            if (po == null) {
                exceptions.add("UNKNOWN_ITEM: line " + line.lineNumber() + " (" + (line.buyerItem() != null
                        ? line.buyerItem() : line.vendorItem()) + ") matches no line of " + (ownPo ? line.poNumber()
                                : invoice.poNumbers()));
                flags.put(line.id(), "UNKNOWN_ITEM");
                impactAmount = impactAmount.add(line.quantity().multiply(line.unitPrice()));
                continue;
            }
            // The invoice's unit may differ from the PO line's (2 DZN against a PO in Units): compare and bill in the
            // PO line's unit.
            BigDecimal ratio = ratio(line.uom(), po.uom(), uomCodes, odoo.unitSizes);
            if (ratio == null) {
                exceptions.add("UOM_UNKNOWN: line " + line.lineNumber() + " is in '" + line.uom() + "', which cannot be "
                        + "converted to the PO line's unit '" + po.uom() + "'");
                flags.put(line.id(), "UOM_UNKNOWN");
                continue;
            }
            BigDecimal lineQuantity = line.quantity().multiply(ratio);
            BigDecimal linePrice = ratio.signum() == 0 ? line.unitPrice()
                    : line.unitPrice().divide(ratio, 6, RoundingMode.HALF_UP);
            matches.put(line.id(), new InvoiceDecision.LineMatch(po.id(), po.productId(), lineQuantity, linePrice));
            BigDecimal quantity = billed.merge(po.id(), lineQuantity, BigDecimal::add);
            boolean onOrdered = policy.billOn() == InvoicePolicy.BillOn.ORDERED
                    || policy.billOn() == InvoicePolicy.BillOn.ODOO && po.billOnOrdered();
            BigDecimal basis = onOrdered ? po.ordered() : po.received();
            BigDecimal open = basis.subtract(po.invoiced()).subtract(billedInRun.getOrDefault(po.id(), BigDecimal.ZERO));
            if (quantity.compareTo(open) > 0) {
                exceptions.add("QTY_OVER_RECEIPT: line " + line.lineNumber() + " bills " + quantity.stripTrailingZeros()
                        .toPlainString() + ", open to bill " + open.stripTrailingZeros().toPlainString() + " (over by "
                        + quantity.subtract(open).stripTrailingZeros().toPlainString() + ")");
                flags.put(line.id(), "QTY_OVER_RECEIPT");
                impactQuantity = impactQuantity.add(quantity.subtract(open));
                impactAmount = impactAmount.add(quantity.subtract(open).multiply(line.unitPrice()));
            }
            BigDecimal allowed = po.price().abs().multiply(policy.pricePercent()).divide(BigDecimal.valueOf(100), 6,
                    RoundingMode.HALF_UP).max(policy.priceAbsolute());
            BigDecimal difference = linePrice.subtract(po.price());
            if (difference.abs().compareTo(allowed) > 0) {
                exceptions.add("PRICE_VARIANCE: line " + line.lineNumber() + " price " + linePrice
                        .stripTrailingZeros().toPlainString() + " vs PO " + po.price().stripTrailingZeros().toPlainString()
                        + ", impact " + difference.multiply(lineQuantity).setScale(2, RoundingMode.HALF_UP)
                                .toPlainString());
                flags.put(line.id(), "PRICE_VARIANCE");
                impactAmount = impactAmount.add(difference.multiply(lineQuantity));
            }
        }
        if (exceptions.isEmpty()) {
            billed.forEach((poLine, quantity) -> billedInRun.merge(poLine, quantity, BigDecimal::add));
        }
        return new InvoiceDecision(exceptions.isEmpty() ? InvoiceDecision.Outcome.MATCHED
                : InvoiceDecision.Outcome.EXCEPTION, exceptions, vendor, matches, flags,
                exceptions.isEmpty() ? null : impactAmount.setScale(2, RoundingMode.HALF_UP), exceptions.isEmpty() ? null
                        : impactQuantity);
    }

    /** How many PO-line units one invoice unit is; 1 when they are the same or unnamed; null when unknown. */
    private static BigDecimal ratio(String invoiceCode, String poUnit, Map<String, String> uomCodes,
            Map<String, BigDecimal> sizes) {
        if (invoiceCode == null || poUnit == null) {
            return BigDecimal.ONE;
        }
        String invoiceUnit = uomCodes.getOrDefault(invoiceCode, invoiceCode);
        if (invoiceUnit.equals(poUnit)) {
            return BigDecimal.ONE;
        }
        BigDecimal from = sizes.get(invoiceUnit);
        BigDecimal to = sizes.get(poUnit);
        return from == null || to == null ? null : from.divide(to, 10, RoundingMode.HALF_UP);
    }

    private static PurchaseData.OrderLine find(StagedInvoice.Line line, int index, int lineCount,
            List<PurchaseData.OrderLine> candidates) {
        if (line.poLineRef() != null && line.poLineRef().chars().allMatch(Character::isDigit)) {
            int ref = Integer.parseInt(line.poLineRef());
            if (ref >= 1 && ref <= candidates.size()) {
                return candidates.get(ref - 1);
            }
        }
        for (PurchaseData.OrderLine c : candidates) {
            if (line.buyerItem() != null && line.buyerItem().equals(c.productCode())) {
                return c;
            }
        }
        for (PurchaseData.OrderLine c : candidates) {
            if (line.vendorItem() != null && c.vendorCodes().contains(line.vendorItem())) {
                return c;
            }
        }
        return lineCount == candidates.size() ? candidates.get(index) : null;
    }
}
