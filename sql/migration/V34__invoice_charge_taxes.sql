-- The tax rate (percent) an invoice gives each charge or allowance (its own tax segment, else the invoice's rate):
-- the charge line on the bill carries the matching Odoo purchase tax, so the bill's total is the invoice's.
ALTER TABLE invoice_line_staging ADD COLUMN tax_percent NUMERIC(9, 4);
