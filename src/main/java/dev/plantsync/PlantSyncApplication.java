package dev.plantsync;

import dev.plantsync.operations.cli.PlantSyncCommand;
import dev.plantsync.operations.cli.SpringArguments;
import dev.plantsync.platform.ConfigDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * One jar, two ways to run: {@code plantsync server} (scheduler, REST API, actuator) or one command that starts the
 * application without web server and scheduler, does its work and exits with a code that says what happened.
 */
@SpringBootApplication
public class PlantSyncApplication {

    public static void main(String[] args) {
        SpringArguments split = SpringArguments.split(args);
        String[] command = split.command();
        boolean server = command.length > 0 && "server".equals(command[0]);
        if (!server && System.getProperty("logback.configurationFile") == null) {
            // Before anything logs: a command that needs no context (odoo check --url, edi validate) still keeps
            // stdout for its answer. Plain logback would otherwise log to stdout until Spring configures it.
            System.setProperty("logback.configurationFile", "logback-cli.xml");
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
                context = builder(server).run(settings); // --key=value settings, as any Spring Boot jar takes
            }
            return context;
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

        synchronized void close() {
            if (context != null && context.isActive()) {
                context.close();
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
        return builder.web(WebApplicationType.NONE)
                .properties("plantsync.scheduler.enabled=false", "plantsync.jobs.async=false",
                        "spring.main.banner-mode=off", "spring.main.log-startup-info=false",
                        "logging.level.root=WARN", "logging.level.dev.plantsync=INFO",
                        // stdout carries the command's answer; the log goes to stderr
                        "plantsync.log.console-target=System.err");
    }

}
