package dev.plantsync.invoices;

import java.math.BigDecimal;

/**
 * How a partner's invoices are matched and posted ({@code jobs/supplier-invoices.yml}): the unit price may differ from
 * the PO by at most the larger of a percentage and an absolute amount; quantities are billed against what was
 * received (or ordered); bills are posted (confirmed) or left in draft; charges and allowances the invoice gives no
 * tax rate are taxed at {@code chargeTaxPercent} (an Odoo purchase tax of that percent), when set.
 */
public record InvoicePolicy(BigDecimal pricePercent, BigDecimal priceAbsolute, Boolean post, BillOn billOn,
        BigDecimal chargeTaxPercent) {

    /**
     * What the invoiced quantity may not exceed (less what is already invoiced): received or ordered quantities, or
     * what Odoo's own bill control says for the product ({@code purchase_method}: receive or purchase).
     */
    public enum BillOn {
        RECEIVED, ORDERED, ODOO
    }

    static final InvoicePolicy DEFAULT = new InvoicePolicy(new BigDecimal("2"), new BigDecimal("0.05"), true,
            BillOn.ODOO, null);

    /** This policy with the gaps filled from another. */
    InvoicePolicy over(InvoicePolicy base) {
        return new InvoicePolicy(pricePercent != null ? pricePercent : base.pricePercent,
                priceAbsolute != null ? priceAbsolute : base.priceAbsolute, post != null ? post : base.post,
                billOn != null ? billOn : base.billOn,
                chargeTaxPercent != null ? chargeTaxPercent : base.chargeTaxPercent);
    }
}
