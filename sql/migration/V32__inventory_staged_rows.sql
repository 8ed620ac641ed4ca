-- How many rows each side of a run holds, recorded by the step that staged them in the same transaction: the report's
-- totals compared. Counting the two staged sides again in the comparison scanned two million rows (~0.2 s) while
-- nothing else could go on.
CREATE TABLE inventory_recon_staged (
    job_instance_id  BIGINT   NOT NULL,
    side             CHAR(1)  NOT NULL CHECK (side IN ('O', 'W')),
    staged_rows      BIGINT   NOT NULL,
    PRIMARY KEY (job_instance_id, side)
);

-- A run's breaks are found by inventory_break_run_category_idx (job_instance_id, category) as well: one index fewer to
-- maintain per break written.
DROP INDEX IF EXISTS inventory_break_run_idx;
