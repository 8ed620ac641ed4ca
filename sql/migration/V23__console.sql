-- The console pages list executions, steps, exceptions and files by their parent at 10,000s of executions: index
-- the foreign keys Spring Batch's own schema leaves unindexed.
CREATE INDEX batch_job_execution_instance_idx ON batch_job_execution (job_instance_id);
CREATE INDEX batch_job_execution_status_idx ON batch_job_execution (status, job_execution_id);
CREATE INDEX batch_step_execution_execution_idx ON batch_step_execution (job_execution_id);
CREATE INDEX batch_job_execution_params_execution_idx ON batch_job_execution_params (job_execution_id);
CREATE INDEX batch_job_instance_name_idx ON batch_job_instance (job_name, job_instance_id);
CREATE INDEX approval_request_decided_idx ON approval_request (decided_at DESC) WHERE state <> 'PENDING';
CREATE INDEX audit_event_actor_idx ON audit_event (actor, occurred_at DESC);

-- Acknowledgements (997 / CONTRL) sent back for a file, so the partner view shows them next to the file.
ALTER TABLE inbound_file ADD COLUMN acknowledgements TEXT, ADD COLUMN acknowledged_at TIMESTAMPTZ;

-- Break lists filtered by category and sorted by value within one run.
CREATE INDEX inventory_break_run_category_idx ON inventory_break (job_instance_id, category);
