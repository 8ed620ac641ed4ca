package dev.plantsync.platform;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where PlantSync's PostgreSQL is. Bound from {@code plantsync.db.*}, so the environment variables
 * {@code PLANTSYNC_DB_URL}, {@code PLANTSYNC_DB_USER} and {@code PLANTSYNC_DB_PASSWORD} set it too.
 *
 * @param url          JDBC URL; when empty the local server or an embedded one is used
 * @param user         user for {@code url}
 * @param password     password for {@code url}
 * @param name         database created on the local or embedded server when no URL is given
 * @param embeddedDir  data directory of the embedded server, kept across restarts
 * @param embedded     whether an embedded server may be started when no server answers locally
 */
@ConfigurationProperties("plantsync.db")
public record DatabaseProperties(String url, String user, String password, String name, Path embeddedDir,
        Boolean embedded) {

    public DatabaseProperties {
        name = (name == null || name.isBlank()) ? "plantsync" : name;
        embeddedDir = embeddedDir == null ? Path.of(".plantsync", "pgdata") : embeddedDir;
        embedded = embedded == null || embedded;
    }

    boolean hasExplicitUrl() {
        return url != null && !url.isBlank();
    }
}
