package dev.plantsync.masterdata;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.OdooRecord;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * When a planned change waits for a human ({@code jobs/master-data-sync.yml}): a cost change above the percentage
 * (it revalues stock), a unit change or a deactivation on a product with stock, and every change of a file that
 * changes more than the allowed share of its records (a broken export rather than a real change). Each returns the
 * reason as the approver reads it, or null.
 */
class RiskRules {

    private final MasterDataSettings settings;
    private final JdbcTemplate jdbc;

    RiskRules(MasterDataSettings settings, JdbcTemplate jdbc) {
        this.settings = settings;
        this.jdbc = jdbc;
    }

    String forProductUpdate(Map<String, List<Object>> changes, OdooRecord now) {
        List<String> reasons = new ArrayList<>();
        List<Object> cost = changes.get(ProductLayout.COST);
        if (cost != null) {
            BigDecimal old = decimal(cost.get(0));
            BigDecimal next = decimal(cost.get(1));
            if (old.signum() != 0) {
                BigDecimal percent = next.subtract(old).multiply(BigDecimal.valueOf(100))
                        .divide(old, 1, RoundingMode.HALF_UP);
                if (percent.abs().compareTo(settings.costChangePercent()) > 0) {
                    reasons.add("COST_CHANGE: cost " + old.toPlainString() + " -> " + next.toPlainString() + " ("
                            + (percent.signum() > 0 ? "+" : "") + percent.toPlainString() + "%, limit "
                            + settings.costChangePercent().toPlainString() + "%)");
                }
            }
        }
        BigDecimal onHand = decimal(now.raw("qty_available"));
        if (changes.containsKey(ProductLayout.UNIT) && onHand.signum() != 0) {
            reasons.add("UOM_CHANGE_WITH_STOCK: unit of measure changes while " + onHand.stripTrailingZeros()
                    .toPlainString() + " are on hand");
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    /** Changing a BOM that open manufacturing orders were planned with. */
    String forBomUpdate(OdooRecord bom) {
        Object open = bom.raw(BomLayout.OPEN_ORDERS);
        int n = open instanceof Number x ? x.intValue() : 0;
        return n == 0 ? null : "BOM_CHANGE_WITH_OPEN_MO: " + n + " open manufacturing order(s) use this BOM";
    }

    /** Replacing a vendor's bank account (not adding a first one): confirm with the vendor first. */
    String forVendorUpdate(Map<String, List<Object>> changes) {
        List<Object> bank = changes.get(VendorLayout.BANK_ACCOUNT);
        if (bank == null || bank.get(0) == null || Boolean.FALSE.equals(bank.get(0)) || "".equals(bank.get(0))) {
            return null;
        }
        return "BANK_ACCOUNT_CHANGE: bank account " + masked(bank.get(0)) + " -> " + masked(bank.get(1))
                + "; confirm with the vendor through a known contact before approving (payment fraud risk)";
    }

    /** An account number shown by its last four characters only. */
    private static String masked(Object account) {
        String text = account == null ? "" : account.toString();
        return text.length() <= 4 ? "****" : "****" + text.substring(text.length() - 4);
    }

    /** Deactivating a product still in stock or still coming in on an open purchase order. */
    String forDeactivation(OdooRecord product, BigDecimal onOrder) {
        List<String> reasons = new ArrayList<>();
        BigDecimal onHand = decimal(product.raw("qty_available"));
        if (onHand.signum() != 0) {
            reasons.add("DEACTIVATE_WITH_STOCK: no longer in the full snapshot but " + onHand.stripTrailingZeros()
                    .toPlainString() + " are on hand");
        }
        if (onOrder.signum() > 0) {
            reasons.add("DEACTIVATE_WITH_OPEN_ORDERS: no longer in the full snapshot but " + onOrder
                    .stripTrailingZeros().toPlainString() + " are still to be received on open purchase orders");
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    /**
     * A file that updates or deactivates more than the allowed share of its records (with at least the minimum
     * number of records) has those changes wait as a whole, under one approval for the file. Creates do not count:
     * a first load creates everything and is no sign of a broken export.
     */
    void holdBrokenExports(long run, String entity) {
        jdbc.update("""
                WITH f AS (
                    SELECT file_name, count(*) AS records,
                           count(*) FILTER (WHERE action IN ('UPDATE', 'DEACTIVATE')) AS changed
                      FROM md_change WHERE job_instance_id = ? AND entity = ? GROUP BY file_name)
                UPDATE md_change c SET state = 'AWAITING_APPROVAL', approval_key = 'file:' || f.file_name,
                       risk = concat_ws('; ', 'BROKEN_EXPORT: ' || f.file_name || ' changes ' || f.changed || ' of its '
                              || f.records || ' records (limit ' || ? || '%)', c.risk)
                  FROM f
                 WHERE c.job_instance_id = ? AND c.entity = ? AND c.file_name = f.file_name
                   AND c.action IN ('UPDATE', 'DEACTIVATE')
                   AND f.records >= ? AND f.changed * 100.0 / f.records > ?""",
                run, entity, settings.maxChangedPercent().toPlainString(), run, entity, settings.changeRuleMinRecords(),
                settings.maxChangedPercent());
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal n) {
            return n;
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        return BigDecimal.ZERO;
    }
}
