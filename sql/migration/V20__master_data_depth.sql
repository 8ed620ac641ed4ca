-- Records that refer to records of their own kind (a category's parent) are planned parents first.
ALTER TABLE md_record ADD COLUMN depth INT NOT NULL DEFAULT 0;
DROP INDEX md_record_run_idx;
CREATE INDEX md_record_run_idx ON md_record (job_instance_id, entity, depth, id);
