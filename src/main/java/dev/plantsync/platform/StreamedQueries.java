package dev.plantsync.platform;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Queries whose rows are handled as they arrive, never all held: what reports and downloads read. PostgreSQL streams
 * with a cursor only inside a transaction and with a fetch size, so each query runs in a read-only one.
 */
@Component
public class StreamedQueries {

    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;

    public StreamedQueries(DataSource dataSource, PlatformTransactionManager tm) {
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(1000);
        this.readOnly = new TransactionTemplate(tm);
        this.readOnly.setReadOnly(true);
    }

    public void query(String sql, RowCallbackHandler handler, Object... args) {
        readOnly.executeWithoutResult(tx -> streaming.query(sql, handler, args));
    }

    /** Into a report file, closed once written; {@code header} (may be null) is written when no row came. */
    public void export(String sql, ReportExport export, List<String> header, Object... args) {
        readOnly.executeWithoutResult(tx -> {
            streaming.query(sql, export, args);
            if (header != null) {
                export.headerIfEmpty(header);
            }
        });
        export.close();
    }
}
