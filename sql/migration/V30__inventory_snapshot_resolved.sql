-- The warehouse's lines are resolved to Odoo's products as they are staged (StageStockSnapshot), while Odoo's quants are
-- still being read: the comparison no longer joins a million snapshot lines to a million products and two units (pass 1
-- 5.0 -> 2.5-2.9 s per million lines on each side). unmapped: UNMAPPED_LOCATION or UNMAPPED_ITEM, or none;
-- product_quantity: the line's quantity in its product's unit; resolved_by: the job execution whose read of Odoo's
-- products resolved the line (a restart reads them again and resolves the lines staged before it once more).
ALTER TABLE inventory_recon_stock
    ADD COLUMN unmapped         VARCHAR(20),
    ADD COLUMN product_quantity NUMERIC(19, 6),
    ADD COLUMN resolved_by      BIGINT;

-- A sum of bigints kept by value: exact, and an overflow is an error rather than a wrong total. The built-in
-- sum(bigint) keeps a 128-bit state allocated per group, which cost the comparison's pass 1 (a million groups)
-- ~0.7 s of its ~3.4 s; int8pl adds in place.
CREATE AGGREGATE exact_sum(BIGINT) (SFUNC = int8pl, STYPE = BIGINT, COMBINEFUNC = int8pl, PARALLEL = SAFE);

-- The comparison's first pass, written by its slices (a share of the product ids each, compared at the same time on
-- connections of their own: a temporary table is one session's), read by the second pass and emptied with it.
CREATE UNLOGGED TABLE inventory_recon_difference (
    job_instance_id  BIGINT   NOT NULL,
    location         TEXT     NOT NULL,
    product_id       INT,
    lot              TEXT     NOT NULL,
    unmapped         TEXT,
    unknown_item     TEXT,
    oq               NUMERIC,
    wq               NUMERIC
);
