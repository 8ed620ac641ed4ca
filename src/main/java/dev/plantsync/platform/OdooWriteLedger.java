package dev.plantsync.platform;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every write PlantSync makes in Odoo, by model and business key, in the transaction of the chunk that made it.
 * With a lookup in Odoo before each create, it makes effects exactly-once across crashes and lost answers.
 */
@Component
public class OdooWriteLedger {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    public OdooWriteLedger(JdbcClient jdbc, PlatformTransactionManager tm) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(tm);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Notes, committed at once and outside the chunk's transaction, that creates for these keys are about to be sent:
     * if the answer is lost, the note survives the chunk's rollback and tells the restart to wait for Odoo to settle.
     */
    public void markPending(String model, Collection<String> keys, String job, long executionId) {
        ownTransaction.executeWithoutResult(tx -> keys.forEach(key -> jdbc.sql("""
                INSERT INTO odoo_write (business_key, model, operation, state, job_name, job_execution_id)
                VALUES (:key, :model, 'create', 'PENDING', :job, :execution)
                ON CONFLICT (model, business_key) DO UPDATE SET state = 'PENDING', updated_at = now(),
                    job_execution_id = EXCLUDED.job_execution_id WHERE odoo_write.odoo_id IS NULL""")
                .param("key", key).param("model", model).param("job", job).param("execution", executionId).update()));
    }

    /** Keys whose create was sent less than {@code settle} ago without an answer that PlantSync recorded. */
    public Set<String> unsettled(String model, Collection<String> keys, Duration settle) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                SELECT business_key FROM odoo_write WHERE model = :model AND business_key IN (:keys)
                   AND state = 'PENDING' AND odoo_id IS NULL AND updated_at > now() - make_interval(secs => :secs)""")
                .param("model", model).param("keys", keys).param("secs", settle.toMillis() / 1000.0)
                .query(String.class).list());
    }

    public void record(String model, String businessKey, long odooId, String operation, String state, String job,
            long executionId, String values) {
        upsert(model, businessKey, odooId, operation, state, job, executionId, values,
                "coalesce(EXCLUDED.written_values, odoo_write.written_values)");
    }

    /**
     * Master data: the fields written now join those written before, so the ledger holds every value PlantSync owns
     * on the record (what posting reconciliation checks for drift).
     */
    public void recordFields(String model, String businessKey, long odooId, String operation, String state, String job,
            long executionId, String fields) {
        upsert(model, businessKey, odooId, operation, state, job, executionId, fields,
                "coalesce(odoo_write.written_values, '{}'::jsonb) || EXCLUDED.written_values");
    }

    /** One record's fields written, for {@link #recordFieldsAll}. */
    public record FieldsWritten(String businessKey, long odooId, String operation, String state, String fields) {
    }

    /**
     * {@link #recordFields} for a chunk's records in one statement (one per record cost a master-data load of 5,000
     * products 10,000 statements). A key given twice is recorded in order, one by one.
     */
    public void recordFieldsAll(String model, java.util.List<FieldsWritten> writes, String job, long executionId) {
        java.util.Map<String, Integer> times = new java.util.HashMap<>();
        writes.forEach(w -> times.merge(w.businessKey(), 1, Integer::sum));
        java.util.List<FieldsWritten> once = writes.stream().filter(w -> times.get(w.businessKey()) == 1).toList();
        if (!once.isEmpty()) {
            jdbc.sql("""
                    INSERT INTO odoo_write (business_key, model, operation, odoo_id, state, job_name, job_execution_id,
                        written_values)
                    SELECT w.key, ?, w.operation, w.id, w.state, ?, ?, CAST(w.fields AS jsonb)
                      FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS text[]),
                                  CAST(? AS text[])) AS w(key, operation, id, state, fields)
                    ON CONFLICT (model, business_key) DO UPDATE SET odoo_id = EXCLUDED.odoo_id, state = EXCLUDED.state,
                        job_execution_id = EXCLUDED.job_execution_id, updated_at = now(),
                        written_values = coalesce(odoo_write.written_values, '{}'::jsonb) || EXCLUDED.written_values""")
                    .params(model, job, executionId, once.stream().map(FieldsWritten::businessKey).toArray(String[]::new),
                            once.stream().map(FieldsWritten::operation).toArray(String[]::new),
                            once.stream().map(FieldsWritten::odooId).toArray(Long[]::new),
                            once.stream().map(FieldsWritten::state).toArray(String[]::new),
                            once.stream().map(FieldsWritten::fields).toArray(String[]::new))
                    .update();
        }
        writes.stream().filter(w -> times.get(w.businessKey()) > 1).forEach(w -> recordFields(model, w.businessKey(),
                w.odooId(), w.operation(), w.state(), job, executionId, w.fields()));
    }

    private void upsert(String model, String businessKey, long odooId, String operation, String state, String job,
            long executionId, String values, String mergedValues) {
        jdbc.sql("""
                INSERT INTO odoo_write (business_key, model, operation, odoo_id, state, job_name, job_execution_id,
                    written_values)
                VALUES (:key, :model, :operation, :id, :state, :job, :execution, CAST(:values AS jsonb))
                ON CONFLICT (model, business_key) DO UPDATE SET odoo_id = EXCLUDED.odoo_id, state = EXCLUDED.state,
                    job_execution_id = EXCLUDED.job_execution_id, written_values = %s, updated_at = now()"""
                .formatted(mergedValues))
                .param("key", businessKey).param("model", model).param("operation", operation).param("id", odooId)
                .param("state", state).param("job", job).param("execution", executionId).param("values", values)
                .update();
    }
}
