-- Posting reconciliation: PlantSync checks that what it wrote to Odoo is still there as it wrote it.
CREATE TABLE posting_recon_run (
    job_instance_id  BIGINT PRIMARY KEY,
    window_days      INT          NOT NULL,
    checked          INT          NOT NULL DEFAULT 0,
    breaks           INT          NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE posting_break (
    id               BIGSERIAL PRIMARY KEY,
    job_instance_id  BIGINT       NOT NULL,
    category         VARCHAR(30)  NOT NULL
        CHECK (category IN ('BILL_MISSING', 'BILL_CANCELLED', 'BILL_CHANGED', 'MASTER_DATA_DRIFT')),
    model            VARCHAR(100) NOT NULL,
    odoo_id          BIGINT       NOT NULL,
    business_key     VARCHAR(200) NOT NULL,
    expected         TEXT,
    actual           TEXT,
    written_by_job   VARCHAR(100) NOT NULL,
    written_at       TIMESTAMPTZ  NOT NULL
);
CREATE INDEX posting_break_run_idx ON posting_break (job_instance_id);
