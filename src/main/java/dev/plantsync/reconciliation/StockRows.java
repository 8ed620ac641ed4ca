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
    private final long instance;
    private final String side;
    private final Long file;

    /** Each side COPYs only the columns it fills: the rest default to null without a {@code \N} parsed per row. */
    private StockRows(DataSource dataSource, long instance, char side, Long inboundFileId, List<String> columns) {
        this.rows = new CopyRows(dataSource, InventoryStaging.stock(instance, side), columns);
        this.instance = instance;
        this.side = String.valueOf(side);
        this.file = inboundFileId;
    }

    static StockRows odoo(DataSource dataSource, long instance) {
        return new StockRows(dataSource, instance, 'O', null, List.of("job_instance_id", "side", "location",
                "product_id", "lot", "quantity"));
    }

    static StockRows warehouse(DataSource dataSource, long instance, long inboundFileId) {
        return new StockRows(dataSource, instance, 'W', inboundFileId, List.of("job_instance_id", "side", "location",
                "item", "lot", "quantity", "unit", "line_no", "inbound_file_id"));
    }

    /** A warehouse line: the item by its code, the quantity in the line's unit. */
    void add(String location, String item, String lot, BigDecimal quantity, String unit, Integer lineNo) {
        rows.add(instance, side, location, item, lot == null ? "" : lot, quantity, unit, lineNo, file);
    }

    /** An Odoo quant: the product by its Odoo id (the comparison's key), the quantity in the product's unit. */
    void addOdoo(String location, int productId, String lot, String quantity) {
        rows.add(instance, side, location, productId, lot, quantity);
    }

    int count() {
        return rows.count();
    }

    @Override
    public void close() {
        rows.close();
    }
}
