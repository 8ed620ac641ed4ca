package dev.plantsync.reconciliation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/** Batched inserts into inventory_recon_stock: one side of one run, a thousand rows per round trip. */
final class StockRows implements AutoCloseable {

    private static final int BATCH = 1000;
    private static final String INSERT = """
            INSERT INTO inventory_recon_stock (job_instance_id, side, location, item, lot, quantity, unit, line_no,
                inbound_file_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final long instance;
    private final String side;
    private final Long inboundFileId;
    private final List<Object[]> pending = new ArrayList<>(BATCH);
    private int count;

    StockRows(JdbcTemplate jdbc, long instance, char side, Long inboundFileId) {
        this.jdbc = jdbc;
        this.instance = instance;
        this.side = String.valueOf(side);
        this.inboundFileId = inboundFileId;
    }

    void add(String location, String item, String lot, BigDecimal quantity, String unit, Integer lineNo) {
        pending.add(new Object[] {instance, side, location, item, lot == null ? "" : lot, quantity, unit, lineNo,
                inboundFileId});
        count++;
        if (pending.size() == BATCH) {
            flush();
        }
    }

    int count() {
        return count;
    }

    private void flush() {
        if (!pending.isEmpty()) {
            jdbc.batchUpdate(INSERT, pending);
            pending.clear();
        }
    }

    @Override
    public void close() {
        flush();
    }
}
