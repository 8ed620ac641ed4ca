package dev.plantsync.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A newcomer's machine without PostgreSQL: the embedded server starts, keeps its data and serves a database. */
class EmbeddedPostgresTest {

    @TempDir
    Path dataDir;

    @Test
    void embeddedServerCreatesAndServesTheDatabase() throws Exception {
        PostgresServer server = PostgresServer.embedded(dataDir);
        server.ensureDatabase("plantsync_embedded_check");

        try (Connection c = DriverManager.getConnection(server.jdbcUrl("plantsync_embedded_check"), server.user(), "");
                ResultSet rs = c.createStatement().executeQuery("SELECT current_database(), version()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("plantsync_embedded_check");
            assertThat(rs.getString(2)).startsWith("PostgreSQL 14");
        }
        assertThat(dataDir.resolve("PG_VERSION")).exists();
        assertThat(server.description()).contains(dataDir.toAbsolutePath().toString());
    }
}
