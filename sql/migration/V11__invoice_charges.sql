-- Charges and allowances (freight, discounts) are staged as lines of their own, with the partner's charge code.
ALTER TABLE invoice_line_staging ADD COLUMN charge_code VARCHAR(40);
