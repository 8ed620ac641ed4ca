package dev.plantsync.operations.cli;

import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/** Gives commands the application context, started only when a command needs it (so --help needs no database). */
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

    default <T> T bean(Class<T> type) {
        return get().getBean(type);
    }
}
