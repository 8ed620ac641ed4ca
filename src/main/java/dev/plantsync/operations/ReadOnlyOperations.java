package dev.plantsync.operations;

import java.util.List;

import dev.plantsync.platform.AuditLog;
import dev.plantsync.platform.ExceptionRecords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Job history for a command that only reads: the jobs' names come from the capabilities' catalogue
 * ({@link JobSettingsContribution#jobs()}), so no job, step or Spring Batch infrastructure is built to list them.
 * <p>
 * Imported by the read-only command context only. Deliberately no {@code @Configuration}: the application's component
 * scan must not pick it up (there the names come from the Job beans themselves).
 */
@Import(ExecutionQueries.class)
public class ReadOnlyOperations {

    @Bean
    JobHistory jobHistory(ExecutionQueries queries, ExceptionRecords exceptions, AuditLog audit) {
        return new JobHistory(queries, exceptions, audit, catalogue());
    }

    /** Every job of every capability on the class path, as {@code plantsync config check} knows them. */
    static List<String> catalogue() {
        return ConfigCheck.contributions().stream().flatMap(c -> c.jobs().stream()).toList();
    }
}
