package dev.plantsync.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server PlantSync may create databases on when no JDBC URL is configured: the local one at
 * 127.0.0.1:5432 when it answers, else an embedded one (one per JVM) whose data survives restarts.
 */
public final class PostgresServer {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String LOCAL_HOST = "127.0.0.1";
    private static final int LOCAL_PORT = 5432;
    private static volatile PostgresServer embeddedInstance;

    private final String host;
    private final int port;
    private final String description;

    private PostgresServer(String host, int port, String description) {
        this.host = host;
        this.port = port;
        this.description = description;
    }

    /** The local server if it answers, else the embedded one (started on first use), else a clear failure. */
    public static PostgresServer locate(Path embeddedDir, boolean embeddedAllowed) {
        if (answers(LOCAL_HOST, LOCAL_PORT)) {
            return new PostgresServer(LOCAL_HOST, LOCAL_PORT, "local PostgreSQL at 127.0.0.1:5432");
        }
        if (!embeddedAllowed) {
            throw new DatabaseUnavailableException("No PostgreSQL answers at 127.0.0.1:5432 and the embedded one is "
                    + "disabled (plantsync.db.embedded=false). Set PLANTSYNC_DB_URL, PLANTSYNC_DB_USER and PLANTSYNC_DB_PASSWORD.");
        }
        return embedded(embeddedDir);
    }

    static synchronized PostgresServer embedded(Path dataDir) {
        if (embeddedInstance == null) {
            try {
                Files.createDirectories(dataDir);
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDir.toAbsolutePath())
                        .setCleanDataDirectory(false)
                        .start();
                embeddedInstance = new PostgresServer("localhost", pg.getPort(),
                        "embedded PostgreSQL (data in " + dataDir.toAbsolutePath() + ")");
                log.info("No PostgreSQL at 127.0.0.1:5432; started {}", embeddedInstance.description);
            } catch (IOException | RuntimeException e) {
                throw new DatabaseUnavailableException("No PostgreSQL answers at 127.0.0.1:5432 and the embedded one "
                        + "could not start (" + e.getMessage() + "). Set PLANTSYNC_DB_URL, PLANTSYNC_DB_USER and "
                        + "PLANTSYNC_DB_PASSWORD to a PostgreSQL 14+ database.", e);
            }
        }
        return embeddedInstance;
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String user() {
        return "postgres";
    }

    public String description() {
        return description;
    }

    /** Creates the database unless it exists. */
    public void ensureDatabase(String database) {
        requireSafe(database);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + database);
                log.info("Created database {} on {}", database, description);
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // another node created it at the same moment
                throw new DatabaseUnavailableException("Could not create database " + database + " on " + description
                        + ": " + e.getMessage(), e);
            }
        }
    }

    public void dropDatabase(String database) {
        requireSafe(database);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Could not drop database " + database + ": " + e.getMessage(), e);
        }
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection(jdbcUrl("postgres"), user(), "");
    }

    private static void requireSafe(String database) {
        if (!SAFE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
    }
}
