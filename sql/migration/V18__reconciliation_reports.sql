-- One report machinery for the three reconciliation jobs: each run's header (what was compared, breaks, value,
-- night-over-night change, finance sign-off) in one shape, and every break annotatable.

ALTER TABLE posting_recon_run ADD COLUMN run_date DATE NOT NULL DEFAULT current_date,
    ADD COLUMN previous_job_instance_id BIGINT, ADD COLUMN new_breaks INT, ADD COLUMN resolved_breaks INT,
    ADD COLUMN reviewed_by VARCHAR(100), ADD COLUMN reviewed_at TIMESTAMPTZ, ADD COLUMN review_comment TEXT;

-- valuation_recon_run holds one row per account; this is the run's header.
CREATE TABLE valuation_recon_report (
    job_instance_id           BIGINT PRIMARY KEY,
    as_of                     DATE           NOT NULL,
    records                   INT            NOT NULL,
    entries                   INT            NOT NULL,
    breaks                    INT            NOT NULL,
    break_value               NUMERIC(19, 2) NOT NULL,
    unexplained               NUMERIC(19, 2) NOT NULL,
    previous_job_instance_id  BIGINT,
    new_breaks                INT,
    resolved_breaks           INT,
    reviewed_by               VARCHAR(100),
    reviewed_at               TIMESTAMPTZ,
    review_comment            TEXT,
    created_at                TIMESTAMPTZ    NOT NULL DEFAULT now()
);
CREATE INDEX valuation_recon_report_as_of_idx ON valuation_recon_report (as_of);

ALTER TABLE posting_break ADD COLUMN annotation VARCHAR(20) CHECK (annotation IN ('EXPLAINED', 'TO_FIX', 'FIXED')),
    ADD COLUMN annotation_note TEXT, ADD COLUMN annotated_by VARCHAR(100), ADD COLUMN annotated_at TIMESTAMPTZ;
ALTER TABLE valuation_break ADD COLUMN annotation VARCHAR(20) CHECK (annotation IN ('EXPLAINED', 'TO_FIX', 'FIXED')),
    ADD COLUMN annotation_note TEXT, ADD COLUMN annotated_by VARCHAR(100), ADD COLUMN annotated_at TIMESTAMPTZ;

-- left_rows/right_rows: the two sides compared (Odoo quants/snapshot lines; writes checked; valuation records/journal items).
CREATE VIEW reconciliation_report AS
SELECT 'inventory'::text AS kind, job_instance_id, site::text AS scope, run_date, odoo_rows AS left_rows,
       wms_rows AS right_rows, breaks, break_value, NULL::numeric AS unexplained, previous_job_instance_id,
       new_breaks, resolved_breaks, flagged_breaks, reviewed_by, reviewed_at, review_comment
  FROM inventory_recon_run
UNION ALL
SELECT 'postings', job_instance_id, 'last ' || window_days || ' days', run_date, checked, NULL, breaks, NULL, NULL,
       previous_job_instance_id, new_breaks, resolved_breaks, NULL, reviewed_by, reviewed_at, review_comment
  FROM posting_recon_run
UNION ALL
SELECT 'valuation', job_instance_id, 'as of ' || as_of, as_of, records, entries, breaks, break_value, unexplained,
       previous_job_instance_id, new_breaks, resolved_breaks, NULL, reviewed_by, reviewed_at, review_comment
  FROM valuation_recon_report;
