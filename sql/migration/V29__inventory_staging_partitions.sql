-- Staged stock and products are partitioned by run, and stock by side within the run: a night's scans read its own
-- rows only (a BRIN range index stayed unsummarized until autovacuum came, so the second night in a row read both
-- nights: pass 1 4 -> 7 s), re-staging a side is a TRUNCATE, and old runs go with a DROP instead of deleting millions
-- of rows. The job creates a run's partitions before staging (InventoryStaging); staged rows are transient, so the
-- rows of runs staged before this migration are not kept.
DROP TABLE inventory_recon_stock;
CREATE TABLE inventory_recon_stock (
    job_instance_id  BIGINT        NOT NULL,
    side             CHAR(1)       NOT NULL CHECK (side IN ('O', 'W')),
    location         VARCHAR(200)  NOT NULL,
    item             VARCHAR(120),
    lot              VARCHAR(120)  NOT NULL DEFAULT '',
    quantity         NUMERIC(19, 6) NOT NULL,
    unit             VARCHAR(60),
    line_no          INT,
    inbound_file_id  BIGINT,
    product_id       INT
) PARTITION BY LIST (job_instance_id);

DROP TABLE inventory_recon_product;
CREATE TABLE inventory_recon_product (
    job_instance_id     BIGINT         NOT NULL,
    item                VARCHAR(120)   NOT NULL,
    product_id          INT,
    category            VARCHAR(200),
    unit                VARCHAR(60),
    cost                NUMERIC(19, 6) NOT NULL DEFAULT 0,
    tolerance_absolute  NUMERIC(19, 6) NOT NULL DEFAULT 0,
    tolerance_percent   NUMERIC(9, 4)  NOT NULL DEFAULT 0
) PARTITION BY LIST (job_instance_id);
