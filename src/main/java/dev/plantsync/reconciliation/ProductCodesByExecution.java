package dev.plantsync.reconciliation;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * The product codes an execution's products step read, handed in memory to the same execution's snapshot step:
 * reading a million staged products back from PostgreSQL cost that step 1.0-1.3 s while Odoo's quants were paging.
 * Anything not taken (a failed or stopped execution) goes when the execution ends; a step that finds nothing here
 * (another node, a restart at the snapshot) reads the staged products instead.
 */
final class ProductCodesByExecution implements JobExecutionListener {

    private final Map<Long, ProductCodes> codes = new ConcurrentHashMap<>();

    void put(long execution, ProductCodes read) {
        codes.put(execution, read);
    }

    Optional<ProductCodes> take(long execution) {
        return Optional.ofNullable(codes.remove(execution));
    }

    @Override
    public void afterJob(JobExecution execution) {
        codes.remove(execution.getId());
    }
}
