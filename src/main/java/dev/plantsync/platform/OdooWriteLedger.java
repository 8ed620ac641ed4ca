package dev.plantsync.platform;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every write PlantSync makes in Odoo, by model and business key, in the transaction of the chunk that made it.
 * With a lookup in Odoo before each create, it makes effects exactly-once across crashes and lost answers.
 */
@Component
public class OdooWriteLedger {

    private final JdbcClient jdbc;

    public OdooWriteLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String model, String businessKey, long odooId, String operation, String state, String job,
            long executionId, String values) {
        jdbc.sql("""
                INSERT INTO odoo_write (business_key, model, operation, odoo_id, state, job_name, job_execution_id,
                    written_values)
                VALUES (:key, :model, :operation, :id, :state, :job, :execution, CAST(:values AS jsonb))
                ON CONFLICT (model, business_key) DO UPDATE SET odoo_id = EXCLUDED.odoo_id, state = EXCLUDED.state,
                    job_execution_id = EXCLUDED.job_execution_id, updated_at = now()""")
                .param("key", businessKey).param("model", model).param("operation", operation).param("id", odooId)
                .param("state", state).param("job", job).param("execution", executionId).param("values", values)
                .update();
    }
}
