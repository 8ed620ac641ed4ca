package dev.plantsync.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.plantsync.platform.PostgresServer;

/**
 * Fresh databases for tests, on the same server the application would use (local PostgreSQL, else embedded).
 * Names carry the creation time, so a later run drops what an earlier, killed run left behind.
 */
public final class TestDatabases {

    private static final String PREFIX = "plantsync_test_";
    private static final long STALE_AFTER_SECONDS = 6 * 3600;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile PostgresServer server;

    private TestDatabases() {
    }

    /** The first column of a query's rows, as text: what the process-level tests read from a node's database. */
    public static List<String> column(Connection sql, String query) {
        try (java.sql.Statement st = sql.createStatement(); ResultSet rs = st.executeQuery(query)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    /** A new, empty database; Flyway migrates it when the application starts on it. */
    public static FreshDatabase create() {
        PostgresServer pg = server();
        String name = PREFIX + (System.currentTimeMillis() / 1000) + "_" + ProcessHandle.current().pid() + "_"
                + COUNTER.incrementAndGet();
        pg.ensureDatabase(name);
        return new FreshDatabase(name, pg.jdbcUrl(name), pg.user());
    }

    public static synchronized PostgresServer server() {
        if (server == null) {
            server = PostgresServer.locate(Path.of("target", "pgdata"), true);
            dropStale(server);
        }
        return server;
    }

    /** Drops a database made here once its application is closed; a failure to drop is only logged by the server. */
    public static void drop(FreshDatabase database) {
        try {
            server().dropDatabase(database.name());
        } catch (RuntimeException e) {
            System.err.println("could not drop test database " + database.name() + ": " + e.getMessage());
        }
    }

    /** Databases of test JVMs that no longer run (killed runs), and any older than {@link #STALE_AFTER_SECONDS}. */
    private static void dropStale(PostgresServer pg) {
        long now = System.currentTimeMillis() / 1000;
        List<String> stale = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), "");
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT datname FROM pg_database WHERE datname LIKE '" + PREFIX + "%'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                String[] parts = name.substring(PREFIX.length()).split("_");
                if (parts.length == 3 && (now - Long.parseLong(parts[0]) > STALE_AFTER_SECONDS
                        || now - Long.parseLong(parts[0]) > 60 && !alive(Long.parseLong(parts[1])))) {
                    stale.add(name);
                }
            }
        } catch (SQLException | NumberFormatException e) {
            return; // cleaning up is a courtesy, not a precondition
        }
        stale.forEach(pg::dropDatabase);
    }

    /** Whether a process of this id runs here (test databases are made by JVMs on this machine). */
    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** A database made for one test class. */
    public record FreshDatabase(String name, String url, String user) {

        public String[] properties() {
            return new String[] {"plantsync.db.url=" + url, "plantsync.db.user=" + user, "plantsync.db.password="};
        }
    }
}
