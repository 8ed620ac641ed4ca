package dev.plantsync;

import dev.plantsync.operations.cli.PlantSyncCommand;
import dev.plantsync.operations.cli.SpringArguments;
import dev.plantsync.platform.ConfigDir;
import dev.plantsync.platform.SchemaCheck;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One jar, two ways to run: {@code plantsync server} (scheduler, REST API, actuator) or one command that starts the
 * application without web server and scheduler (or, to only read, just the database: {@link ReadOnlyCommands}),
 * does its work and exits with a code that says what happened.
 */
@SpringBootApplication
public class PlantSyncApplication {

    /** Every command's settings. */
    private static final String[] COMMAND = {"spring.main.banner-mode=off", "spring.main.log-startup-info=false",
            "logging.level.root=WARN", "logging.level.dev.plantsync=INFO",
            // stdout carries the command's answer; the log goes to stderr
            "plantsync.log.console-target=System.err"};

    private static final String CLI_LOGGING = "logback-cli.xml";

    public static void main(String[] args) {
        SpringArguments split = SpringArguments.split(args);
        String[] command = split.command();
        boolean server = command.length > 0 && "server".equals(command[0]);
        if (!server && System.getProperty("logback.configurationFile") == null) {
            // Before anything logs: a command that needs no context (odoo check --url, edi validate) still keeps
            // stdout for its answer. Plain logback would otherwise log to stdout until Spring configures it.
            System.setProperty("logback.configurationFile", CLI_LOGGING);
        }
        LazyContext context = new LazyContext(server, split.settings());
        int code = PlantSyncCommand.commandLine(context).execute(command);
        context.close();
        System.exit(code);
    }

    /** Starts Spring only when a command needs it, in the shape the command needs. */
    static final class LazyContext implements dev.plantsync.operations.cli.CliContext {

        private final boolean server;
        private final String[] settings;
        private ConfigurableApplicationContext context;
        private ConfigurableApplicationContext reading;

        LazyContext(boolean server, String[] settings) {
            this.server = server;
            this.settings = settings;
        }

        @Override
        public synchronized ConfigurableApplicationContext get() {
            if (context == null) {
                // before anything else starts: without its job settings a node would run without recovery
                // policies, tolerances or SLOs, and say nothing
                ConfigDir.from(environment()).requireJobs();
                handOverLogging();
                context = builder(server).run(settings); // --key=value settings, as any Spring Boot jar takes
            }
            return context;
        }

        /** Only the database and what reads it ({@link ReadOnlyCommands}); the whole application, once started, too. */
        @Override
        public synchronized ConfigurableApplicationContext reading() {
            if (context != null) {
                return context;
            }
            if (reading == null) {
                // the same refusal as the whole application: the settings say where the database is
                ConfigDir.from(environment()).requireJobs();
                handOverLogging();
                reading = startReadOnly(settings);
            }
            return reading;
        }

        /** The settings before (or without) starting the application: command line, system properties, env. */
        @Override
        public synchronized Environment environment() {
            if (context != null) {
                return context.getEnvironment();
            }
            StandardEnvironment env = new StandardEnvironment();
            env.getPropertySources().addFirst(new SimpleCommandLinePropertySource(settings));
            return env;
        }

        /**
         * Spring configures logging itself and warns on every command that it ignores {@code
         * logback.configurationFile}: main's setting has served its purpose once logback is up.
         */
        private static void handOverLogging() {
            if (CLI_LOGGING.equals(System.getProperty("logback.configurationFile"))) {
                org.slf4j.LoggerFactory.getILoggerFactory(); // configured from it, before it goes
                System.clearProperty("logback.configurationFile");
            }
        }

        synchronized void close() {
            for (ConfigurableApplicationContext started : new ConfigurableApplicationContext[] {reading, context}) {
                if (started != null && started.isActive()) {
                    started.close();
                }
            }
        }
    }

    /** The application as a server node or as a one-shot command. */
    public static SpringApplicationBuilder builder(boolean server) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(PlantSyncApplication.class);
        if (server) {
            return builder.web(WebApplicationType.SERVLET)
                    .properties("plantsync.scheduler.enabled=true", "plantsync.jobs.async=true");
        }
        return builder.web(WebApplicationType.NONE).properties(COMMAND)
                .properties("plantsync.scheduler.enabled=false", "plantsync.jobs.async=false");
    }

    /**
     * A command that only reads: {@link ReadOnlyCommands} instead of the whole application (no auto-configuration,
     * jobs, Batch, Quartz, Flyway or heartbeat), with the same settings files and logging; refused (closed again)
     * unless the database's schema is this version's.
     */
    public static ConfigurableApplicationContext startReadOnly(String... settings) {
        ConfigurableApplicationContext started = new SpringApplicationBuilder(ReadOnlyCommands.class)
                .web(WebApplicationType.NONE).properties(COMMAND)
                // one command's few queries, one after the other: no pool of ten to fill
                .properties("plantsync.db.pool-size=2")
                .run(settings);
        try {
            SchemaCheck.requireCurrent(started.getBean(JdbcClient.class));
            return started;
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

}
