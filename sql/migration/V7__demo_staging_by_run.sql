-- Staging is keyed by run (job instance), not by business date: two runs for the same day must not collide.
ALTER TABLE demo_staging ADD COLUMN job_instance_id BIGINT;
UPDATE demo_staging d SET job_instance_id = e.job_instance_id
  FROM batch_job_execution e WHERE e.job_execution_id = d.job_execution_id;
ALTER TABLE demo_staging ALTER COLUMN job_instance_id SET NOT NULL;
ALTER TABLE demo_staging DROP CONSTRAINT demo_staging_pkey;
ALTER TABLE demo_staging ADD PRIMARY KEY (job_instance_id, item_no);
