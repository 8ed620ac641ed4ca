package dev.plantsync.operations.cli;

/**
 * A capability's own top-level command (found with {@link java.util.ServiceLoader}), so the command line can offer it
 * without operations depending on the capability. The object is a picocli {@code @Command}; it gets the root command
 * to reach the application context.
 */
public interface CommandContribution {

    Object command(PlantSyncCommand root);
}
