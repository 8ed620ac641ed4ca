-- The purchase order an invoice line names (a CSV invoice spanning two POs names one per row); NULL: the invoice's.
ALTER TABLE invoice_line_staging ADD COLUMN po_number TEXT;
