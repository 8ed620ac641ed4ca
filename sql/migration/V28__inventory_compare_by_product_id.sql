-- The comparison groups both sides by location, Odoo product id and lot, and sums quantities as whole millionths
-- (bigint) rather than numeric: 2M rows 8.1 -> ~4 s. Quants keep their product id; only the snapshot's codes are
-- resolved, against the products of the run, which now carry the id of the product that speaks for the code.
ALTER TABLE inventory_recon_product ADD COLUMN product_id INT;

-- Variants sharing a code with an earlier product (and so compared under it): the few exceptions, where a table of
-- every product id -> code used to be joined to every quant.
CREATE TABLE inventory_recon_product_alias (
    job_instance_id    BIGINT NOT NULL,
    product_id         INT    NOT NULL,
    representative_id  INT    NOT NULL
);
CREATE INDEX inventory_recon_product_alias_run_idx ON inventory_recon_product_alias (job_instance_id, product_id);
DROP TABLE inventory_recon_product_code;
