package dev.plantsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.plantsync.operations.cli.PlantSyncCommand;
import dev.plantsync.platform.ConfigDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** {@code plantsync.config-dir}: job settings, partners and schedules are read from it, or nothing starts. */
class ConfigDirTest {

    @TempDir
    Path dir;

    /** Only the settings as the application reads them (application.yml and what it imports); no beans. */
    @Configuration(proxyBeanMethods = false)
    static class SettingsOnly {
    }

    @Test
    void jobSettingsPartnersAndSchedulesComeFromTheConfigDir() throws Exception {
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("jobs/cost-rollup.yml"), "plantsync:\n  costing:\n    overhead-percent: 42\n"
                + "  recovery:\n    jobs:\n      cost-rollup: RESTART\n");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SettingsOnly.class)
                .web(WebApplicationType.NONE).properties("spring.main.banner-mode=off")
                .run("--plantsync.config-dir=" + dir)) {
            Environment env = context.getEnvironment();

            assertThat(env.getProperty("plantsync.costing.overhead-percent")).isEqualTo("42");
            assertThat(env.getProperty("plantsync.recovery.jobs.cost-rollup")).isEqualTo("RESTART");
            assertThat(Path.of(env.getProperty("plantsync.schedules.dir"))).isEqualTo(dir.resolve("schedules"));
            assertThat(ConfigDir.from(env).partnersFile(env)).isEqualTo(dir.resolve("jobs/partners.yml"));
        }
    }

    @Test
    void aCommandWithoutJobSettingsFailsAtStartNamingWhereItLooked() {
        PlantSyncApplication.LazyContext context = new PlantSyncApplication.LazyContext(false,
                new String[] {"--plantsync.config-dir=" + dir});
        String looked = dir.resolve("jobs").toAbsolutePath().toString();

        assertThatThrownBy(context::get).isInstanceOf(ConfigDir.JobSettingsMissingException.class)
                .hasMessage("no job settings: looked in " + looked
                        + " (set plantsync.config-dir / PLANTSYNC_CONFIG_DIR)");

        StringWriter err = new StringWriter();
        int exit = PlantSyncCommand.commandLine(context).setErr(new PrintWriter(err, true)).execute("jobs", "list");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("error: no job settings: looked in " + looked);
    }
}
