-- Categories valued periodically (Odoo 18 'manual_periodic', 19 'periodic') get no journal entry per move: their
-- stock value reaches the ledger only with the closing entry. Their records are flagged when staged, and what they
-- add to the difference is reported as PERIODIC_VALUATION, expected by design, apart from NO_JOURNAL_ENTRY.
ALTER TABLE valuation_recon_record ADD COLUMN periodic BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE valuation_break DROP CONSTRAINT valuation_break_category_check;
ALTER TABLE valuation_break ADD CONSTRAINT valuation_break_category_check
    CHECK (category IN ('MANUAL_ENTRY', 'NO_JOURNAL_ENTRY', 'OTHER_PERIOD', 'PERIODIC_VALUATION', 'ROUNDING',
                        'UNEXPLAINED'));
