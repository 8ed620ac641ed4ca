package dev.plantsync.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * For commands that only read: is every migration of this PlantSync applied to the database? Such a command does not
 * run Flyway (it would cost it a second of start-up, and migrating the schema of a cluster under the feet of its
 * running nodes is no side effect of looking), so it refuses a database the code would misread, naming what is
 * missing and what migrates it. A database newer than the code is read, as Flyway itself allows.
 */
public final class SchemaCheck {

    /** The migrations Flyway applies ({@code spring.flyway.locations}); versioned ones only, as they are in use. */
    static final String MIGRATIONS = "classpath*:sql/migration/V*__*.sql";
    private static final Pattern VERSION = Pattern.compile("V([0-9][0-9_.]*)__.*\\.sql");

    private SchemaCheck() {
    }

    /** Throws {@link SchemaOutdatedException} unless every migration of this version was applied successfully. */
    public static void requireCurrent(JdbcClient jdbc) {
        Set<String> expected = migrationsOfThisVersion();
        String database = jdbc.sql("SELECT current_database()").query(String.class).single();
        boolean migrated = jdbc.sql("SELECT to_regclass('flyway_schema_history') IS NOT NULL").query(Boolean.class)
                .single();
        if (!migrated) {
            throw new SchemaOutdatedException("database " + database + " has no PlantSync schema yet; "
                    + "plantsync server or plantsync run creates it");
        }
        Set<String> applied = new TreeSet<>(jdbc.sql(
                "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL")
                .query(String.class).list());
        List<String> missing = expected.stream().filter(v -> !applied.contains(v))
                .sorted(SchemaCheck::byVersion).toList();
        if (!missing.isEmpty()) {
            throw new SchemaOutdatedException("database " + database + " is older than this PlantSync: migration"
                    + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + " not applied; "
                    + "plantsync server or plantsync run applies them");
        }
    }

    static Set<String> migrationsOfThisVersion() {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver(SchemaCheck.class.getClassLoader())
                    .getResources(MIGRATIONS);
            Set<String> versions = new TreeSet<>();
            for (Resource file : files) {
                Matcher m = VERSION.matcher(String.valueOf(file.getFilename()));
                if (m.matches()) {
                    versions.add(m.group(1).replace('_', '.')); // as Flyway records V1_1__x: "1.1"
                }
            }
            if (versions.isEmpty()) {
                throw new IllegalStateException("no migrations found at " + MIGRATIONS);
            }
            return versions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int byVersion(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    /** The database is not at this version's schema: the command would misread it, so it reads nothing. */
    public static final class SchemaOutdatedException extends DatabaseUnavailableException {
        public SchemaOutdatedException(String message) {
            super(message);
        }
    }
}
