-- Both staged sides carry the quantity the comparison sums in the product's unit as whole millionths (BIGINT), made in
-- Java as the rows are staged (quants from Odoo's JSON, snapshot lines by SnapshotResolver): pass 1 summed
-- round(quantity * 1000000) over NUMERIC, ~0.22 s of PostgreSQL's CPU per million rows for the multiplication and the
-- casts alone, and COPY parsed a NUMERIC per row where it now parses a BIGINT. product_quantity is replaced by it;
-- quantity stays the warehouse's count in the line's own unit, and Odoo's side no longer stages it.
-- Rows staged before this migration have no millionths: a restarted run resolves the warehouse's lines staged by an
-- earlier execution again (StageStockSnapshot) and stages Odoo's side anew, so they all get them.
ALTER TABLE inventory_recon_stock
    ADD COLUMN millionths BIGINT,
    ALTER COLUMN quantity DROP NOT NULL;
ALTER TABLE inventory_recon_stock DROP COLUMN product_quantity;
