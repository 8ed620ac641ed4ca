package dev.plantsync.platform;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The one DataSource: Spring Batch's job repository, Quartz's job store and PlantSync's tables all live in it.
 * An explicit URL ({@code PLANTSYNC_DB_URL} or {@code spring.datasource.url}) wins; otherwise the local server or the
 * embedded one is used with database {@code plantsync.db.name}, created when missing.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DataSourceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DataSourceConfiguration.class);

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseProperties db, Environment env) {
        HikariDataSource ds = new HikariDataSource();
        ds.setPoolName("plantsync");
        ds.setMaximumPoolSize(env.getProperty("plantsync.db.pool-size", Integer.class, 10));
        ds.setConnectionTimeout(10_000);
        String springUrl = env.getProperty("spring.datasource.url");
        if (db.hasExplicitUrl() || (springUrl != null && !springUrl.isBlank())) {
            ds.setJdbcUrl(db.hasExplicitUrl() ? db.url() : springUrl);
            ds.setUsername(db.hasExplicitUrl() ? db.user() : env.getProperty("spring.datasource.username"));
            ds.setPassword(db.hasExplicitUrl() ? db.password() : env.getProperty("spring.datasource.password"));
            log.info("Database: {}", ds.getJdbcUrl());
        } else {
            PostgresServer server = PostgresServer.locate(db.embeddedDir(), db.embedded());
            server.ensureDatabase(db.name());
            ds.setJdbcUrl(server.jdbcUrl(db.name()));
            ds.setUsername(server.user());
            log.info("Database: {} on {}", db.name(), server.description());
        }
        return ds;
    }
}
