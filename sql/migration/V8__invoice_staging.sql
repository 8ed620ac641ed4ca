-- Supplier invoices staged from partner files, one row per invoice, keyed by run; decisions and Odoo ids land here.
CREATE TABLE invoice_staging (
    id               BIGSERIAL PRIMARY KEY,
    job_instance_id  BIGINT       NOT NULL,
    inbound_file_id  BIGINT       NOT NULL REFERENCES inbound_file (id),
    partner          VARCHAR(100) NOT NULL,
    vendor_id        VARCHAR(100),
    invoice_number   VARCHAR(100) NOT NULL,
    invoice_date     DATE,
    currency         CHAR(3),
    po_numbers       TEXT[]       NOT NULL DEFAULT '{}',
    tax_amount       NUMERIC(19, 4) NOT NULL DEFAULT 0,
    total            NUMERIC(19, 4),
    charges          NUMERIC(19, 4) NOT NULL DEFAULT 0,
    source_format    VARCHAR(60),
    interchange      VARCHAR(35),
    message_control  VARCHAR(35),
    position         INTEGER,
    outcome          VARCHAR(20)  NOT NULL DEFAULT 'STAGED',
    reasons          TEXT,
    odoo_partner_id  BIGINT,
    odoo_move_id     BIGINT,
    CONSTRAINT invoice_staging_outcome_chk CHECK (outcome IN ('STAGED', 'MATCHED', 'EXCEPTION', 'REJECTED', 'POSTED'))
);
CREATE INDEX invoice_staging_run_idx ON invoice_staging (job_instance_id, outcome, id);
CREATE INDEX invoice_staging_key_idx ON invoice_staging (partner, invoice_number);

CREATE TABLE invoice_line_staging (
    id              BIGSERIAL PRIMARY KEY,
    invoice_id      BIGINT        NOT NULL REFERENCES invoice_staging (id) ON DELETE CASCADE,
    line_number     INTEGER       NOT NULL,
    vendor_item     VARCHAR(100),
    buyer_item      VARCHAR(100),
    description     TEXT,
    quantity        NUMERIC(19, 6),
    uom             VARCHAR(20),
    unit_price      NUMERIC(19, 6),
    amount          NUMERIC(19, 4),
    po_line_ref     VARCHAR(50),
    position        INTEGER,
    odoo_po_line_id BIGINT,
    odoo_product_id BIGINT
);
CREATE INDEX invoice_line_staging_invoice_idx ON invoice_line_staging (invoice_id);
