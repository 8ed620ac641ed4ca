package dev.plantsync.platform;

import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.infrastructure.item.database.support.PostgresPagingQueryProvider;

/**
 * The ids of a run's staged rows in a state, read page by page in id order: what a chunk step that writes to Odoo
 * works through. The rows leave that state in the chunk's transaction, so the reader keeps no position of its own and a
 * restart reads exactly what is left: nothing skipped, nothing twice.
 */
public final class StagedIds {

    private StagedIds() {
    }

    /** {@code where} may use {@code :instance}, the job instance the rows are staged under. */
    public static JdbcPagingItemReader<Long> reader(String name, DataSource dataSource, String table, String where,
            long instance, int pageSize) throws Exception {
        PostgresPagingQueryProvider query = new PostgresPagingQueryProvider();
        query.setSelectClause("id");
        query.setFromClause(table);
        query.setWhereClause(where);
        query.setSortKeys(Map.of("id", Order.ASCENDING));
        return new JdbcPagingItemReaderBuilder<Long>()
                .name(name)
                .dataSource(dataSource)
                .queryProvider(query)
                .parameterValues(Map.of("instance", instance))
                .pageSize(pageSize)
                .saveState(false)
                .rowMapper((rs, n) -> rs.getLong(1))
                .build();
    }
}
