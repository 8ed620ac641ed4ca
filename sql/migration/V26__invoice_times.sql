-- When an invoice was staged and when its outcome last changed (matched, exception, posted...), for its trace.
ALTER TABLE invoice_staging ADD COLUMN staged_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN outcome_at TIMESTAMPTZ;

CREATE FUNCTION invoice_outcome_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.outcome_at := now();
    RETURN NEW;
END $$;

CREATE TRIGGER invoice_staging_outcome_at BEFORE UPDATE OF outcome ON invoice_staging
    FOR EACH ROW WHEN (OLD.outcome IS DISTINCT FROM NEW.outcome) EXECUTE FUNCTION invoice_outcome_at();

CREATE INDEX md_change_key_idx ON md_change (business_key);
CREATE INDEX cost_rollup_line_code_idx ON cost_rollup_line (code);

-- Break lists page through one run largest value first: the first pages come straight from these indexes.
CREATE INDEX inventory_break_value_idx ON inventory_break (job_instance_id, (abs(coalesce(value, 0))) DESC, id);
CREATE INDEX valuation_break_value_idx ON valuation_break (job_instance_id, (abs(coalesce(amount, 0))) DESC, id);
