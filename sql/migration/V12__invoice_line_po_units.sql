-- Quantity and unit price converted to the PO line's unit of measure, as they go on the bill.
ALTER TABLE invoice_line_staging ADD COLUMN po_quantity NUMERIC(19, 6);
ALTER TABLE invoice_line_staging ADD COLUMN po_unit_price NUMERIC(19, 6);
