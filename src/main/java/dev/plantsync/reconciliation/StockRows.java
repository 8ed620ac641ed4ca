package dev.plantsync.reconciliation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Rows of one side of one run streamed into inventory_recon_stock with PostgreSQL COPY, on the connection of the
 * surrounding transaction (so a file's rows commit or roll back with its STAGED mark).
 */
final class StockRows implements AutoCloseable {

    private static final String COPY = """
            COPY inventory_recon_stock (job_instance_id, side, location, item, lot, quantity, unit, line_no,
                inbound_file_id) FROM STDIN""";

    private final DataSource dataSource;
    private final Connection connection;
    private final PGCopyOutputStream out;
    private final String prefix;
    private final String file;
    private final StringBuilder line = new StringBuilder(128);
    private int count;

    StockRows(DataSource dataSource, long instance, char side, Long inboundFileId) {
        this.dataSource = dataSource;
        this.connection = DataSourceUtils.getConnection(dataSource);
        try {
            this.out = new PGCopyOutputStream(connection.unwrap(PGConnection.class), COPY, 1 << 16);
        } catch (SQLException e) {
            DataSourceUtils.releaseConnection(connection, dataSource);
            throw new IllegalStateException("cannot start COPY into inventory_recon_stock: " + e.getMessage(), e);
        }
        this.prefix = instance + "\t" + side + "\t";
        this.file = inboundFileId == null ? "\\N" : inboundFileId.toString();
    }

    void add(String location, String item, String lot, BigDecimal quantity, String unit, Integer lineNo) {
        line.setLength(0);
        line.append(prefix);
        text(location).append('\t');
        text(item).append('\t');
        text(lot == null ? "" : lot).append('\t');
        line.append(quantity.toPlainString()).append('\t');
        text(unit).append('\t');
        line.append(lineNo == null ? "\\N" : lineNo.toString()).append('\t').append(file).append('\n');
        try {
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        count++;
    }

    int count() {
        return count;
    }

    /** COPY text format: backslash, tab, newline and carriage return escaped; null as \N. */
    private StringBuilder text(String value) {
        if (value == null) {
            return line.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
        return line;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("COPY into inventory_recon_stock failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
