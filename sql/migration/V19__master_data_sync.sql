-- Master-data sync (job master-data-sync): file rows staged per run, then one planned change per record, decided
-- (approval where risky) and applied to Odoo.

-- One row per valid file line. values: the line's fields by Odoo field name, references still as the text the file
-- gave (a category's full name, a unit's name): they are resolved when the change is planned.
CREATE TABLE md_record (
    id               BIGSERIAL PRIMARY KEY,
    job_instance_id  BIGINT        NOT NULL,
    entity           VARCHAR(30)   NOT NULL,
    inbound_file_id  BIGINT        NOT NULL,
    file_name        VARCHAR(255)  NOT NULL,
    line_no          INT           NOT NULL,
    business_key     VARCHAR(200)  NOT NULL,
    full_snapshot    BOOLEAN       NOT NULL DEFAULT false,
    values           JSONB         NOT NULL
);
CREATE INDEX md_record_run_idx ON md_record (job_instance_id, entity, id);

-- What the run will do to one record. values: what to write (references resolved to Odoo ids);
-- changes: {field: [old, new]} for updates. risk: why a human must approve first (null: applies directly).
CREATE TABLE md_change (
    id               BIGSERIAL PRIMARY KEY,
    job_instance_id  BIGINT        NOT NULL,
    entity           VARCHAR(30)   NOT NULL,
    business_key     VARCHAR(200)  NOT NULL,
    action           VARCHAR(12)   NOT NULL CHECK (action IN ('CREATE', 'UPDATE', 'UNCHANGED', 'DEACTIVATE')),
    odoo_id          BIGINT,
    bound            BOOLEAN       NOT NULL DEFAULT false,
    values           JSONB,
    changes          JSONB,
    risk             TEXT,
    approval_key     VARCHAR(255),
    state            VARCHAR(20)   NOT NULL
        CHECK (state IN ('READY', 'AWAITING_APPROVAL', 'APPLIED', 'REJECTED', 'FAILED', 'NOTHING_TO_DO')),
    inbound_file_id  BIGINT,
    file_name        VARCHAR(255),
    line_no          INT,
    message          TEXT,
    UNIQUE (job_instance_id, entity, business_key)
);
CREATE INDEX md_change_state_idx ON md_change (job_instance_id, state, entity, id);
