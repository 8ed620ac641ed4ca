-- Manufacturing orders released to the plants' MES (job production-order-release): one file per plant and run, each
-- version of an order sent once. The file's content is rendered from these rows alone, so a restart after a crash
-- between upload and commit writes the same bytes under the same name.

-- How far each plant's reading of Odoo got: the newest write_date a delivered run read. The next run reads the orders
-- written from a little before it (plantsync.production.release-overlap: writes committed late), page by page by id.
CREATE TABLE production_release_cursor (
    plant        VARCHAR(100) PRIMARY KEY,
    write_date   TIMESTAMP    NOT NULL,  -- Odoo's write_date (UTC, no zone)
    mo_id        INT          NOT NULL,  -- the last order id that run read (for the record)
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- One release file per plant and run. STAGING (reading Odoo) -> STAGED -> UPLOADING (committed before the upload:
-- from here on the MES may have it) -> DELIVERED; EMPTY when nothing changed (no file is written).
CREATE TABLE production_release_file (
    id               BIGSERIAL    PRIMARY KEY,
    job_instance_id  BIGINT       NOT NULL UNIQUE,
    plant            VARCHAR(100) NOT NULL,
    partner          VARCHAR(100) NOT NULL,
    name             VARCHAR(200) NOT NULL UNIQUE,  -- never reused: run id and time are in it
    format           VARCHAR(10)  NOT NULL,
    state            VARCHAR(20)  NOT NULL,
    read_from        TIMESTAMP,                     -- where this run's read started (null: the first run)
    read_write_date  TIMESTAMP,                     -- the newest write_date read so far
    read_mo_id       INT,                           -- keyset: the last order id read
    orders           INT          NOT NULL DEFAULT 0,
    sha256           VARCHAR(64),
    size_bytes       BIGINT,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    delivered_at     TIMESTAMPTZ
);
CREATE INDEX production_release_file_plant_idx ON production_release_file (plant, id);

-- One order in one file: what was released (content, canonical JSON) and its fingerprint; the MES's answer.
CREATE TABLE production_release (
    id           BIGSERIAL    PRIMARY KEY,
    file_id      BIGINT       NOT NULL REFERENCES production_release_file (id),
    line_no      INT          NOT NULL,
    plant        VARCHAR(100) NOT NULL,
    mo_id        INT          NOT NULL,
    mo_name      VARCHAR(200) NOT NULL,
    version      INT          NOT NULL,
    change       VARCHAR(10)  NOT NULL,  -- NEW, CHANGED, CANCELLED
    changes      TEXT,                   -- for CHANGED: what changed (quantity;components;...)
    fingerprint  VARCHAR(64)  NOT NULL,  -- sha256 of content
    content      TEXT         NOT NULL,
    ack_status   VARCHAR(10),            -- ACCEPTED, REJECTED (the MES's acknowledgement)
    ack_reason   TEXT,
    ack_file_id  BIGINT REFERENCES inbound_file (id),
    acked_at     TIMESTAMPTZ,
    ack_job_instance_id BIGINT,          -- the run that read the acknowledgement
    UNIQUE (file_id, mo_id),
    UNIQUE (file_id, line_no)
);
CREATE INDEX production_release_mo_idx ON production_release (plant, mo_id, id);
CREATE INDEX production_release_name_idx ON production_release (plant, mo_name, version);
