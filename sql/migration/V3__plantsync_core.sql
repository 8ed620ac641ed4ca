-- Tables every PlantSync job uses (DESIGN.md section 2).

-- Every inbound file, registered before any of its records is staged.
CREATE TABLE inbound_file (
    id            BIGSERIAL PRIMARY KEY,
    partner       VARCHAR(100) NOT NULL,
    document_type VARCHAR(40)  NOT NULL,
    name          VARCHAR(500) NOT NULL,
    size_bytes    BIGINT       NOT NULL,
    sha256        CHAR(64)     NOT NULL,
    received_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    state         VARCHAR(20)  NOT NULL,
    state_reason  TEXT,
    local_path    VARCHAR(1000),
    job_execution_id BIGINT,
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT inbound_file_state_chk CHECK (state IN ('CLAIMED', 'STAGED', 'PROCESSED', 'DUPLICATE', 'QUARANTINED'))
);
-- The same bytes from the same partner are processed once; duplicates are recorded with state DUPLICATE.
CREATE UNIQUE INDEX inbound_file_partner_sha_once ON inbound_file (partner, sha256) WHERE state <> 'DUPLICATE';
CREATE INDEX inbound_file_state_idx ON inbound_file (state, received_at);

-- A bad record is skipped into here and the job goes on; replayable once the cause is fixed.
CREATE TABLE exception_record (
    id               BIGSERIAL PRIMARY KEY,
    job_name         VARCHAR(100) NOT NULL,
    job_execution_id BIGINT       NOT NULL,
    step_name        VARCHAR(100),
    inbound_file_id  BIGINT REFERENCES inbound_file (id),
    location         VARCHAR(200),
    business_key     VARCHAR(200),
    reason_code      VARCHAR(60)  NOT NULL,
    message          TEXT         NOT NULL,
    raw_payload      TEXT,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    replayed_at      TIMESTAMPTZ,
    replay_execution_id BIGINT
);
CREATE INDEX exception_record_execution_idx ON exception_record (job_execution_id);
CREATE INDEX exception_record_open_idx ON exception_record (job_name, created_at) WHERE replayed_at IS NULL;

-- A decision a human must take before the job instance may go on past its checkpoint.
CREATE TABLE approval_request (
    id               BIGSERIAL PRIMARY KEY,
    job_name         VARCHAR(100) NOT NULL,
    job_instance_id  BIGINT       NOT NULL,
    job_execution_id BIGINT       NOT NULL,
    checkpoint       VARCHAR(100) NOT NULL,
    business_key     VARCHAR(200) NOT NULL,
    subject          VARCHAR(500) NOT NULL,
    reason_code      VARCHAR(60)  NOT NULL,
    reason           TEXT         NOT NULL,
    impact_amount    NUMERIC(19, 4),
    impact_currency  CHAR(3),
    impact_quantity  NUMERIC(19, 6),
    details          JSONB,
    state            VARCHAR(20)  NOT NULL DEFAULT 'PENDING',
    requested_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    decided_by       VARCHAR(100),
    decided_at       TIMESTAMPTZ,
    decision_comment TEXT,
    correction       JSONB,
    CONSTRAINT approval_request_state_chk CHECK (state IN ('PENDING', 'APPROVED', 'APPROVED_WITH_CORRECTION', 'REJECTED')),
    CONSTRAINT approval_request_once UNIQUE (job_instance_id, checkpoint, business_key)
);
CREATE INDEX approval_request_pending_idx ON approval_request (requested_at) WHERE state = 'PENDING';

-- Every write PlantSync makes in Odoo, recorded in the same transaction as the chunk that caused it.
CREATE TABLE odoo_write (
    id               BIGSERIAL PRIMARY KEY,
    business_key     VARCHAR(200) NOT NULL,
    model            VARCHAR(100) NOT NULL,
    operation        VARCHAR(20)  NOT NULL,
    odoo_id          BIGINT,
    state            VARCHAR(20)  NOT NULL,
    job_name         VARCHAR(100) NOT NULL,
    job_execution_id BIGINT       NOT NULL,
    written_values   JSONB,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT odoo_write_state_chk CHECK (state IN ('PENDING', 'CREATED', 'UPDATED', 'CONFIRMED', 'FAILED')),
    CONSTRAINT odoo_write_key_once UNIQUE (model, business_key)
);
CREATE INDEX odoo_write_created_idx ON odoo_write (created_at);

-- Who did what, when, with which outcome: every operator and approver action.
CREATE TABLE audit_event (
    id          BIGSERIAL PRIMARY KEY,
    occurred_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    actor       VARCHAR(100) NOT NULL,
    channel     VARCHAR(20)  NOT NULL,
    action      VARCHAR(60)  NOT NULL,
    target      VARCHAR(200) NOT NULL,
    outcome     VARCHAR(20)  NOT NULL,
    detail      TEXT
);
CREATE INDEX audit_event_time_idx ON audit_event (occurred_at DESC);
