-- The site's previous run, found once when the run is compared; aging, resolved counts and the trend all use it.
ALTER TABLE inventory_recon_run ADD COLUMN previous_job_instance_id BIGINT;
