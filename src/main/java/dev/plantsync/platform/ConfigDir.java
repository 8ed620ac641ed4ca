package dev.plantsync.platform;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.core.env.PropertyResolver;

/**
 * Where an installation's own settings live ({@code plantsync.config-dir}, env {@code PLANTSYNC_CONFIG_DIR}, default
 * the working directory): {@code jobs/*.yml} (job settings, recovery policies, SLOs), {@code jobs/partners.yml} and
 * {@code schedules/}. Every command reads them from here, so a node started elsewhere finds the same settings or
 * refuses to start, instead of running silently without them.
 */
public record ConfigDir(Path path) {

    public static final String PROPERTY = "plantsync.config-dir";

    public static ConfigDir from(PropertyResolver settings) {
        return new ConfigDir(Path.of(settings.getProperty(PROPERTY, ".")));
    }

    public Path jobs() {
        return path.resolve("jobs");
    }

    /** {@code plantsync.schedules.dir} when set, else {@code schedules/} here. */
    public Path schedules(PropertyResolver settings) {
        String dir = settings.getProperty("plantsync.schedules.dir");
        return dir != null ? Path.of(dir) : path.resolve("schedules");
    }

    /** {@code plantsync.sftp.partners-file} when set, else {@code jobs/partners.yml} here. */
    public Path partnersFile(PropertyResolver settings) {
        String file = settings.getProperty("plantsync.sftp.partners-file");
        return file != null ? Path.of(file) : jobs().resolve("partners.yml");
    }

    /** Fails with the place looked in when there are no job settings: running without them is never intended. */
    public void requireJobs() {
        if (!Files.isDirectory(jobs())) {
            throw new JobSettingsMissingException("no job settings: looked in " + jobs().toAbsolutePath().normalize()
                    + " (set " + PROPERTY + " / PLANTSYNC_CONFIG_DIR)");
        }
    }

    /** The job settings directory is not where the settings say. */
    public static final class JobSettingsMissingException extends RuntimeException {
        public JobSettingsMissingException(String message) {
            super(message);
        }
    }
}
