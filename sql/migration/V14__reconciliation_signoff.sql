-- Finance sign-off of a reconciliation report, and an annotation per break (who said what, when).
ALTER TABLE inventory_recon_run ADD COLUMN reviewed_by VARCHAR(100), ADD COLUMN reviewed_at TIMESTAMPTZ,
    ADD COLUMN review_comment TEXT;
ALTER TABLE inventory_break ADD COLUMN annotation VARCHAR(20) CHECK (annotation IN ('EXPLAINED', 'TO_FIX', 'FIXED')),
    ADD COLUMN annotation_note TEXT, ADD COLUMN annotated_by VARCHAR(100), ADD COLUMN annotated_at TIMESTAMPTZ;
