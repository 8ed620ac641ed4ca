-- The money and quantity at stake when an invoice does not match, shown to the approver.
ALTER TABLE invoice_staging ADD COLUMN impact_amount NUMERIC(19, 4);
ALTER TABLE invoice_staging ADD COLUMN impact_quantity NUMERIC(19, 6);
CREATE INDEX approval_request_instance_idx ON approval_request (job_instance_id, state);
ALTER TABLE invoice_line_staging ADD COLUMN flag VARCHAR(40);
-- 'APPROVED_WITH_CORRECTION' is longer than the 20 characters V3 allowed.
ALTER TABLE approval_request ALTER COLUMN state TYPE VARCHAR(30);
ALTER TABLE audit_event ALTER COLUMN outcome TYPE VARCHAR(30);
