-- Inventory reconciliation (job inventory-reconciliation): both sides staged per run, compared in one SQL pass.

-- One row per run: what was compared and what came out; the report header finance reviews.
CREATE TABLE inventory_recon_run (
    job_instance_id  BIGINT PRIMARY KEY,
    site             VARCHAR(60)  NOT NULL,
    run_date         DATE         NOT NULL,
    odoo_rows        INT,
    wms_rows         INT,
    breaks           INT,
    break_value      NUMERIC(19, 2),
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX inventory_recon_run_site_idx ON inventory_recon_run (site, run_date);

-- Odoo products as of the run: the unit, category (tolerances) and cost (break value) of each item.
CREATE TABLE inventory_recon_product (
    job_instance_id  BIGINT       NOT NULL,
    item             VARCHAR(120) NOT NULL,
    category         VARCHAR(200),
    unit             VARCHAR(60),
    cost             NUMERIC(19, 6) NOT NULL DEFAULT 0,
    PRIMARY KEY (job_instance_id, item)
);

-- Units of measure: size in the reference unit of their category, to convert snapshot quantities.
CREATE TABLE inventory_recon_unit (
    job_instance_id  BIGINT       NOT NULL,
    name             VARCHAR(60)  NOT NULL,
    size             NUMERIC(19, 10) NOT NULL,
    PRIMARY KEY (job_instance_id, name)
);

-- Both sides, one row per location/item/lot. side O = Odoo quants, W = warehouse snapshot (codes already mapped).
CREATE TABLE inventory_recon_stock (
    job_instance_id  BIGINT       NOT NULL,
    side             CHAR(1)      NOT NULL CHECK (side IN ('O', 'W')),
    location         VARCHAR(200) NOT NULL,
    item             VARCHAR(120) NOT NULL,
    lot              VARCHAR(120) NOT NULL DEFAULT '',
    quantity         NUMERIC(19, 6) NOT NULL,
    unit             VARCHAR(60),
    line_no          INT
);
CREATE INDEX inventory_recon_stock_run_idx ON inventory_recon_stock (job_instance_id, side, location, item, lot);

-- A difference, aged across nights by its key (category, location, item, lot).
CREATE TABLE inventory_break (
    id               BIGSERIAL PRIMARY KEY,
    job_instance_id  BIGINT       NOT NULL,
    site             VARCHAR(60)  NOT NULL,
    category         VARCHAR(30)  NOT NULL,
    location         VARCHAR(200) NOT NULL,
    item             VARCHAR(120) NOT NULL,
    lot              VARCHAR(120) NOT NULL DEFAULT '',
    odoo_quantity    NUMERIC(19, 6),
    wms_quantity     NUMERIC(19, 6),
    difference       NUMERIC(19, 6),
    value            NUMERIC(19, 2),
    first_seen       DATE         NOT NULL,
    nights_open      INT          NOT NULL,
    flagged          BOOLEAN      NOT NULL DEFAULT false
);
CREATE INDEX inventory_break_run_idx ON inventory_break (job_instance_id);
CREATE INDEX inventory_break_key_idx ON inventory_break (site, category, location, item, lot);

ALTER TABLE inventory_recon_run ADD COLUMN new_breaks INT, ADD COLUMN resolved_breaks INT, ADD COLUMN flagged_breaks INT;
ALTER TABLE inventory_recon_stock ADD COLUMN inbound_file_id BIGINT;
ALTER TABLE inventory_recon_product ADD COLUMN tolerance_absolute NUMERIC(19, 6) NOT NULL DEFAULT 0,
    ADD COLUMN tolerance_percent NUMERIC(9, 4) NOT NULL DEFAULT 0;

-- Odoo's internal locations as of the run: a snapshot location that maps to none of them is UNMAPPED_LOCATION.
CREATE TABLE inventory_recon_location (
    job_instance_id  BIGINT       NOT NULL,
    name             VARCHAR(200) NOT NULL,
    PRIMARY KEY (job_instance_id, name)
);
