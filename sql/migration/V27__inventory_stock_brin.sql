-- Staged stock rows arrive a million at a time per side and run, appended in job_instance_id order. A b-tree over
-- (run, side, location, item, lot) cost COPY 4.3 s per million rows in maintenance (0.6 s without); every query on the
-- table reads one run's rows in bulk, which a BRIN range index on the run finds at almost no maintenance (0.9 s).
DROP INDEX inventory_recon_stock_run_idx;
CREATE INDEX inventory_recon_stock_run_brin ON inventory_recon_stock USING brin (job_instance_id);

-- Odoo's quants are staged with their product id and products (id -> code) alongside, so both are read from Odoo at
-- the same time; the code is joined in SQL. Odoo's rows leave item empty.
ALTER TABLE inventory_recon_stock ADD COLUMN product_id INT, ALTER COLUMN item DROP NOT NULL;
CREATE TABLE inventory_recon_product_code (
    job_instance_id  BIGINT       NOT NULL,
    product_id       INT          NOT NULL,
    item             VARCHAR(120) NOT NULL
);
CREATE INDEX inventory_recon_product_code_run_brin ON inventory_recon_product_code USING brin (job_instance_id);

-- Products are unique per run and code by construction (the first variant speaks for a shared code); the b-tree of
-- the primary key cost as much as the COPY itself at a million products.
ALTER TABLE inventory_recon_product DROP CONSTRAINT inventory_recon_product_pkey;
CREATE INDEX inventory_recon_product_run_brin ON inventory_recon_product USING brin (job_instance_id);
