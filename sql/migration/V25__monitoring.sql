-- When the partner dropped the file (its modification time on the drop), so latency counts from the drop, not the claim.
ALTER TABLE inbound_file ADD COLUMN dropped_at TIMESTAMPTZ;

-- The last evaluation of each service level objective, shared by all nodes for the console's health page.
CREATE TABLE slo_status (
    slo           VARCHAR(100) PRIMARY KEY,
    flow          VARCHAR(100) NOT NULL,
    objective     TEXT         NOT NULL,
    breached      BOOLEAN      NOT NULL,
    breached_since TIMESTAMPTZ,
    records       INT          NOT NULL DEFAULT 0,
    detail        TEXT,
    evaluated_at  TIMESTAMPTZ  NOT NULL
);

CREATE INDEX invoice_staging_file_idx ON invoice_staging (inbound_file_id);
CREATE INDEX exception_record_created_idx ON exception_record (created_at);
