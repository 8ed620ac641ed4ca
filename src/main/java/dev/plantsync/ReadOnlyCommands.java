package dev.plantsync;

import dev.plantsync.approvals.Approvals;
import dev.plantsync.monitoring.BusinessTrace;
import dev.plantsync.operations.ReadOnlyOperations;
import dev.plantsync.platform.ReadOnlyDatabase;
import org.springframework.context.annotation.Import;

/**
 * The application as a command that only reads needs it ({@code jobs list|executions|show}, {@code approvals list},
 * {@code trace}): the database (schema checked, not migrated) and the few services that read it. No job, no Spring
 * Batch, no Quartz, no Flyway, no heartbeat, no web server, no auto-configuration: it starts in a fraction of the
 * time of the whole application (ops/bench/cli-startup.sh).
 * <p>
 * Deliberately no {@code @Configuration}: {@link PlantSyncApplication}'s component scan must not pick it up.
 */
@Import({ReadOnlyDatabase.class, ReadOnlyOperations.class, Approvals.class, BusinessTrace.class})
public class ReadOnlyCommands {
}
