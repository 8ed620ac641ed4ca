package dev.plantsync.reconciliation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * The products an execution's products step read, held in memory for the same execution's snapshot staging and
 * comparison (a million products staged in PostgreSQL and read back cost 1.5 CPU-s to stage and 1.0-1.3 s to read
 * while Odoo's quants were paging). Every execution, restarts included, runs the products step first, in this JVM;
 * what it read goes when the execution ends.
 */
final class ProductCodesByExecution implements JobExecutionListener {

    private final Map<Long, ProductCodes> codes = new ConcurrentHashMap<>();

    void put(long execution, ProductCodes read) {
        codes.put(execution, read);
    }

    ProductCodes get(long execution) {
        ProductCodes read = codes.get(execution);
        if (read == null) {
            throw new IllegalStateException("job execution " + execution + ": Odoo's products were not read in this"
                    + " execution (its stage-odoo-products step runs first); restart the job");
        }
        return read;
    }

    @Override
    public void afterJob(JobExecution execution) {
        codes.remove(execution.getId());
    }
}
