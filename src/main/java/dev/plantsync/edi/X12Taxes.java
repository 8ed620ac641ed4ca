package dev.plantsync.edi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TXI segments of one X12 810 and which of them make the invoice's tax, so that each tax is counted once.
 * <p>
 * X12 810 (004010 and 005010) places TXI in three loops, each with its own meaning: in the IT1 loop (table 2) the
 * tax of that line item, in a SAC loop the tax of that allowance or charge, in the summary (table 3, after TDS) the
 * tax of the whole invoice. TDS01 is the invoice's total including that tax once. Partners send the line level, the
 * summary level, or both, the summary then repeating the sum of the lines' taxes.
 * <p>
 * Rule, per tax type (TXI01: ST sales tax, VA value added tax, ...):
 * <ul>
 * <li>a summary TXI with an amount (TXI02) is the invoice's tax of that type; the line and allowance/charge TXIs of
 * the type are its breakdown and are not added to it;</li>
 * <li>without one, the invoice's tax of the type is the sum of its line and allowance/charge TXI amounts;</li>
 * <li>when both levels give amounts (at least one line TXI of the type), the breakdown must add up to the summary:
 * the lines' TXI02 plus each allowance's or charge's own TXI02 (else its amount at its own TXI03 rate, else at the
 * summary's rate). A difference larger than rounding each of those amounts to the cent can explain is a located
 * error at the summary TXI naming both amounts - which one the partner meant is not guessed. When an allowance or
 * charge has no tax that can be worked out (no TXI of its own, no rate in the summary) nothing is checked: Odoo's
 * totals compared with the invoice's before posting remain the check.</li>
 * </ul>
 */
final class X12Taxes {

    /** A TXI read in one of the loops. {@code charge}: the index of its charge in the invoice, -1 for none. */
    private record Txi(String type, BigDecimal amount, BigDecimal percent, int charge) {
    }

    private final Map<String, BigDecimal> summary = new LinkedHashMap<>();
    private final Map<String, BigDecimal> summaryPercent = new LinkedHashMap<>();
    private final Map<String, Integer> summaryPosition = new LinkedHashMap<>();
    private final List<Txi> lines = new ArrayList<>();
    private final List<Txi> charges = new ArrayList<>();

    void line(String type, BigDecimal amount) {
        lines.add(new Txi(type, amount, null, -1));
    }

    /** A TXI in a SAC loop: {@code charge} is the charge's index in the invoice, -1 when the SAC is none of ours. */
    void charge(String type, BigDecimal amount, BigDecimal percent, int charge) {
        charges.add(new Txi(type, amount, percent, charge));
    }

    void summary(String type, BigDecimal amount, BigDecimal percent, int position) {
        if (amount != null) {
            summary.merge(type, amount, BigDecimal::add);
            summaryPosition.putIfAbsent(type, position);
        }
        if (percent != null) {
            summaryPercent.putIfAbsent(type, percent);
        }
    }

    /** The invoice's tax: per type the summary's amount, else its lines' and charges' amounts; null when no TXI gives one. */
    BigDecimal tax() {
        Map<String, BigDecimal> byType = new LinkedHashMap<>(summary);
        for (List<Txi> level : List.of(lines, charges)) {
            for (Txi t : level) {
                if (t.amount() != null && !summary.containsKey(t.type())) {
                    byType.merge(t.type(), t.amount(), BigDecimal::add);
                }
            }
        }
        return byType.values().stream().reduce(BigDecimal::add).orElse(null);
    }

    /** Checks, per type with both levels, that the lines and charges add up to the summary (see the class comment). */
    void check(InvoiceBuilder b) {
        for (Map.Entry<String, BigDecimal> s : summary.entrySet()) {
            String type = s.getKey();
            List<BigDecimal> lineAmounts = lines.stream().filter(t -> t.type().equals(type) && t.amount() != null)
                    .map(Txi::amount).toList();
            if (lineAmounts.isEmpty()) {
                continue; // the summary alone states this tax
            }
            List<BigDecimal> chargeAmounts = chargeTaxes(b.charges, type);
            if (chargeAmounts == null) {
                continue;
            }
            BigDecimal linesSum = lineAmounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal chargesSum = chargeAmounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            String label = type.isEmpty() ? "" : " " + type;
            b.checkTaxBreakdown(summaryPosition.get(type), "TXI", 2, "summary TXI" + label + " tax", s.getValue(),
                    linesSum, chargesSum, lineAmounts.size() + chargeAmounts.size(), "TXI" + label);
        }
    }

    /**
     * Each allowance's or charge's tax of this type, as its own TXIs give it or at the summary's rate; null when one
     * cannot be worked out.
     */
    private List<BigDecimal> chargeTaxes(List<SupplierInvoice.Charge> invoiceCharges, String type) {
        List<BigDecimal> amounts = new ArrayList<>();
        charges.stream().filter(t -> t.charge() < 0 && t.type().equals(type) && t.amount() != null)
                .forEach(t -> amounts.add(t.amount())); // a TXI in a SAC N (information) loop
        for (int i = 0; i < invoiceCharges.size(); i++) {
            SupplierInvoice.Charge c = invoiceCharges.get(i);
            int index = i;
            List<Txi> own = charges.stream().filter(t -> t.charge() == index).toList();
            List<Txi> ofType = own.stream().filter(t -> t.type().equals(type)).toList();
            if (!ofType.isEmpty()) {
                for (Txi t : ofType) {
                    BigDecimal amount = t.amount() != null ? t.amount() : atRate(c.amount(), t.percent());
                    if (amount == null) {
                        return null;
                    }
                    amounts.add(amount);
                }
            } else if (own.isEmpty() && c.amount().signum() != 0) {
                BigDecimal amount = atRate(c.amount(), summaryPercent.get(type));
                if (amount == null) {
                    return null;
                }
                amounts.add(amount);
            } // taxed under another type only: nothing of this one
        }
        return amounts;
    }

    private static BigDecimal atRate(BigDecimal amount, BigDecimal percent) {
        return percent == null ? null : amount.multiply(percent).movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
    }
}
