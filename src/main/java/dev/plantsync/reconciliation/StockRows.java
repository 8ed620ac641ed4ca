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

    StockRows(DataSource dataSource, long instance, char side, Long inboundFileId) {
        this.rows = new CopyRows(dataSource, InventoryStaging.stock(instance, side), List.of("job_instance_id", "side",
                "location", "item", "product_id", "lot", "quantity", "unit", "line_no", "inbound_file_id"));
        this.instance = instance;
        this.side = String.valueOf(side);
        this.file = inboundFileId;
    }

    /** A warehouse line: the item by its code, the quantity in the line's unit. */
    void add(String location, String item, String lot, BigDecimal quantity, String unit, Integer lineNo) {
        rows.add(instance, side, location, item, null, lot == null ? "" : lot, quantity, unit, lineNo, file);
    }

    /** An Odoo quant: the product by its Odoo id (the comparison's key), the quantity in the product's unit. */
    void addOdoo(String location, int productId, String lot, String quantity) {
        rows.add(instance, side, location, null, productId, lot, quantity, null, null, file);
    }

    int count() {
        return rows.count();
    }

    @Override
    public void close() {
        rows.close();
    }
}
