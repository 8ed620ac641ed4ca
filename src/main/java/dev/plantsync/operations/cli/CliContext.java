package dev.plantsync.operations.cli;

import org.springframework.context.ApplicationContext;

/** Gives commands the application context, started only when a command needs it (so --help needs no database). */
@FunctionalInterface
public interface CliContext {

    ApplicationContext get();

    default <T> T bean(Class<T> type) {
        return get().getBean(type);
    }
}
