package dev.plantsync.invoices;

import java.math.BigDecimal;
import java.math.RoundingMode;

import dev.plantsync.odoo.OdooRecord;

/**
 * A created bill's untaxed amount, tax and total as Odoo computed them, against the invoice's (its stated tax and
 * total; untaxed is their difference). Any of the three beyond the tolerance is a mismatch: the bill must not be
 * posted as if it were the invoice.
 */
final class BillTotals {

    /** Why the bill is not the invoice (all three figures of both), and bill total less invoice total. */
    record Mismatch(String reason, BigDecimal difference) {
    }

    private BillTotals() {
    }

    /** Null when the bill's totals are the invoice's within {@code tolerance}, or the invoice states no total. */
    static Mismatch compare(OdooRecord bill, BigDecimal statedTax, BigDecimal statedTotal, BigDecimal tolerance) {
        if (statedTotal == null) {
            return null;
        }
        BigDecimal tax = statedTax == null ? BigDecimal.ZERO : statedTax;
        BigDecimal untaxed = statedTotal.subtract(tax);
        BigDecimal billUntaxed = amount(bill, "amount_untaxed");
        BigDecimal billTax = amount(bill, "amount_tax");
        BigDecimal billTotal = amount(bill, "amount_total");
        if (within(billUntaxed, untaxed, tolerance) && within(billTax, tax, tolerance)
                && within(billTotal, statedTotal, tolerance)) {
            return null;
        }
        return new Mismatch("TOTAL_MISMATCH: bill " + bill.id() + " in Odoo has untaxed " + money(billUntaxed)
                + ", tax " + money(billTax) + ", total " + money(billTotal) + "; the invoice states untaxed "
                + money(untaxed) + ", tax " + money(tax) + ", total " + money(statedTotal)
                + " (tolerance " + tolerance.toPlainString() + "); the bill is left in draft",
                billTotal.subtract(statedTotal));
    }

    private static boolean within(BigDecimal a, BigDecimal b, BigDecimal tolerance) {
        return a.subtract(b).abs().compareTo(tolerance) <= 0;
    }

    private static BigDecimal amount(OdooRecord bill, String field) {
        BigDecimal v = bill.getDecimal(field);
        return v == null ? BigDecimal.ZERO : v;
    }

    private static String money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
