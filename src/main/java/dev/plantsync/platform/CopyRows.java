package dev.plantsync.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Rows streamed into one table with PostgreSQL COPY (text format), on the connection of the surrounding transaction
 * when there is one, so the rows commit or roll back with the rest of the step's work. The fastest way to stage: no
 * statement per row, nothing held in memory but a 64 KB buffer.
 */
public final class CopyRows implements AutoCloseable {

    private final DataSource dataSource;
    private final Connection connection;
    private final PGCopyOutputStream out;
    private final String table;
    private final int columns;
    private final StringBuilder line = new StringBuilder(128);
    private int count;

    public CopyRows(DataSource dataSource, String table, List<String> columns) {
        this.dataSource = dataSource;
        this.table = table;
        this.columns = columns.size();
        this.connection = DataSourceUtils.getConnection(dataSource);
        try {
            this.out = new PGCopyOutputStream(connection.unwrap(PGConnection.class),
                    "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN", 1 << 16);
        } catch (SQLException e) {
            DataSourceUtils.releaseConnection(connection, dataSource);
            throw new IllegalStateException("cannot start COPY into " + table + ": " + e.getMessage(), e);
        }
    }

    /** One row, its values in the order of the columns: null, numbers, or anything else written as its text. */
    public void add(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException(table + ": " + values.length + " values for " + columns + " columns");
        }
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            Object value = values[i];
            if (value == null) {
                line.append("\\N");
            } else if (value instanceof BigDecimal n) {
                line.append(n.toPlainString());
            } else if (value instanceof Number || value instanceof Boolean) {
                line.append(value);
            } else {
                text(value.toString());
            }
        }
        line.append('\n');
        try {
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        count++;
    }

    public int count() {
        return count;
    }

    /** COPY text format: backslash, tab, newline and carriage return escaped. */
    private void text(String value) {
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
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("COPY into " + table + " failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
