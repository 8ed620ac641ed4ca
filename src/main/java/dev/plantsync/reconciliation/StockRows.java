package dev.plantsync.reconciliation;

import java.math.BigDecimal;
import java.util.List;

import javax.sql.DataSource;

import dev.plantsync.platform.CopyRows;

/**
 * Rows of one side of one run streamed with COPY into its partition of inventory_recon_stock (see
 * {@link InventoryStaging}), on the connection of the surrounding transaction (so a file's rows commit or roll back
 * with its STAGED mark).
 */
final class StockRows implements AutoCloseable {

    private final CopyRows rows;
    private final Long file;
    private final Long resolvedBy;

    /**
     * Each side COPYs only the columns it fills, into its leaf partition, which supplies the run and side (see
     * {@link InventoryStaging#create}): the rest default to null without a {@code \N} parsed per row.
     */
    private StockRows(DataSource dataSource, long instance, char side, Long inboundFileId, Long resolvedBy,
            boolean frozen, List<String> columns) {
        this.rows = new CopyRows(dataSource, InventoryStaging.stock(instance, side), columns, frozen);
        this.file = inboundFileId;
        this.resolvedBy = resolvedBy;
    }

    /**
     * Odoo's side, into its leaf truncated in the surrounding transaction (rows written frozen, see
     * {@link CopyRows#CopyRows(DataSource, String, List, boolean)}).
     */
    static StockRows odoo(DataSource dataSource, long instance) {
        return new StockRows(dataSource, instance, 'O', null, null, true, List.of("location", "product_id", "lot",
                "millionths"));
    }

    /**
     * {@code resolvedBy}: the job execution whose read of Odoo's products the lines are resolved against;
     * {@code frozen}: the leaf was truncated in the surrounding transaction.
     */
    static StockRows warehouse(DataSource dataSource, long instance, long inboundFileId, long resolvedBy,
            boolean frozen) {
        return new StockRows(dataSource, instance, 'W', inboundFileId, resolvedBy, frozen, List.of("location", "item",
                "lot", "quantity", "unit", "line_no", "inbound_file_id", "product_id", "unmapped", "millionths",
                "resolved_by"));
    }

    /**
     * A warehouse line: the item by its code, the quantity in the line's unit, and what {@link SnapshotResolver}
     * resolved them to (the product and the quantity in its unit, in {@link Millionths}, or why the line cannot be
     * compared).
     */
    void add(String location, String item, String lot, BigDecimal quantity, String unit, Integer lineNo,
            Integer productId, String unmapped, long millionths) {
        rows.add(location, item, lot == null ? "" : lot, quantity, unit, lineNo, file, productId, unmapped,
                millionths, resolvedBy);
    }

    /** An Odoo quant: the product by its Odoo id (the comparison's key), the quantity in the product's unit. */
    void addOdoo(String location, int productId, String lot, long millionths) {
        rows.add(location, productId, lot, millionths);
    }

    int count() {
        return rows.count();
    }

    @Override
    public void close() {
        rows.close();
    }
}
