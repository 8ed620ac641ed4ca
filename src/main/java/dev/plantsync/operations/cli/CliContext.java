package dev.plantsync.operations.cli;

import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Gives commands the application context, started only when a command needs it (so --help needs no database), and
 * in the shape it needs: {@link #get()} the whole application, {@link #reading()} only what reads the database.
 */
@FunctionalInterface
public interface CliContext {

    ApplicationContext get();

    /**
     * The settings (command line, system properties, environment), for commands that only need where files are and
     * must not start the application; by default the application's own.
     */
    default Environment environment() {
        return get().getEnvironment();
    }

    /**
     * The context for a command that only reads the database: by default the application's own; the command line
     * starts a lean one instead ({@code ReadOnlyCommands}: the database and the services that read it), in a fraction
     * of the time. It holds {@code JobHistory}, {@code Approvals} and {@code BusinessTrace}.
     */
    default ApplicationContext reading() {
        return get();
    }

    default <T> T bean(Class<T> type) {
        return get().getBean(type);
    }
}
