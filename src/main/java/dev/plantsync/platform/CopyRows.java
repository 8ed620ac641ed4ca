package dev.plantsync.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
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
 * statement per row, nothing held in memory but a 64 KB buffer the rows are encoded into.
 */
public final class CopyRows implements AutoCloseable {

    private final DataSource dataSource;
    private final Connection connection;
    private final PGCopyOutputStream out;
    private final String table;
    private final int columns;
    private final byte[] buffer = new byte[1 << 16];
    private final byte[] scratch = new byte[20];
    private int used;
    private int count;

    public CopyRows(DataSource dataSource, String table, List<String> columns) {
        this(dataSource, table, columns, false);
    }

    /**
     * {@code frozen}: the rows are written already frozen ({@code COPY ... FREEZE}), which PostgreSQL allows into a
     * table created or truncated in the same transaction: the first scan then neither looks each row's transaction up
     * nor writes hint bits on every page (~0.13 s per million rows). Nobody else can see the table's new rows before
     * the transaction commits anyway.
     */
    public CopyRows(DataSource dataSource, String table, List<String> columns, boolean frozen) {
        this.dataSource = dataSource;
        this.table = table;
        this.columns = columns.size();
        this.connection = DataSourceUtils.getConnection(dataSource);
        try {
            this.out = new PGCopyOutputStream(connection.unwrap(PGConnection.class),
                    "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN"
                            + (frozen ? " WITH (FREEZE)" : ""), 1 << 10); // rows buffered here
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
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                put('\t');
            }
            Object value = values[i];
            if (value == null) {
                put('\\');
                put('N');
            } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                digits(((Number) value).longValue());
            } else if (value instanceof BigDecimal n) {
                text(n.toPlainString());
            } else {
                text(value.toString());
            }
        }
        put('\n');
        count++;
    }

    public int count() {
        return count;
    }

    /**
     * COPY text format, UTF-8, straight into the buffer: backslash, tab, newline and carriage return escaped. A million
     * rows through a StringBuilder, a String and its bytes cost three copies and two objects per row.
     */
    private void text(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> put2('\\', '\\');
                    case '\t' -> put2('\\', 't');
                    case '\n' -> put2('\\', 'n');
                    case '\r' -> put2('\\', 'r');
                    default -> put(c);
                }
            } else if (c < 0x800) {
                put(0xC0 | c >> 6);
                put(0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                int code = Character.toCodePoint(c, value.charAt(++i));
                put(0xF0 | code >> 18);
                put(0x80 | code >> 12 & 0x3F);
                put(0x80 | code >> 6 & 0x3F);
                put(0x80 | code & 0x3F);
            } else if (Character.isSurrogate(c)) {
                put('?'); // an unpaired surrogate, as String.getBytes writes it
            } else {
                put(0xE0 | c >> 12);
                put(0x80 | c >> 6 & 0x3F);
                put(0x80 | c & 0x3F);
            }
        }
    }

    private void digits(long value) {
        if (value == Long.MIN_VALUE) {
            text(Long.toString(value));
            return;
        }
        if (value < 0) {
            put('-');
            value = -value;
        }
        int at = scratch.length;
        do {
            scratch[--at] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        while (at < scratch.length) {
            put(scratch[at++]);
        }
    }

    private void put2(char a, char b) {
        put(a);
        put(b);
    }

    private void put(int b) {
        buffer[used++] = (byte) b;
        if (used == buffer.length) {
            flush();
        }
    }

    private void flush() {
        if (used == 0) {
            return;
        }
        try {
            out.write(buffer, 0, used);
        } catch (IOException e) {
            throw new UncheckedIOException("COPY into " + table + " failed: " + e.getMessage(), e);
        }
        used = 0;
    }

    @Override
    public void close() {
        try {
            flush();
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("COPY into " + table + " failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
