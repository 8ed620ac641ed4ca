package dev.plantsync.platform;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database as a command that only reads needs it: the same DataSource as the application, a JdbcClient, the
 * audit and exception records. The schema is not migrated: whoever starts it checks it is current first
 * ({@link SchemaCheck}), once started, so a refusal is one line and not a failed start. Nothing here connects
 * before that (the pool opens on first use).
 * <p>
 * Imported by the read-only command context only. Deliberately no {@code @Configuration}: the application's
 * component scan must not pick it up (the full application has its own JdbcClient and migrates with Flyway).
 */
@Import({DataSourceConfiguration.class, AuditLog.class, ExceptionRecords.class})
public class ReadOnlyDatabase {

    @Bean
    JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }
}
