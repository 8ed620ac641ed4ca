-- Valuation reconciliation: Odoo's stock valuation records against the posted journal items on the valuation accounts.
CREATE TABLE valuation_recon_record (
    job_instance_id  BIGINT        NOT NULL,
    source_id        BIGINT        NOT NULL,
    item             VARCHAR(120)  NOT NULL,
    account          VARCHAR(120)  NOT NULL,
    value            NUMERIC(19, 2) NOT NULL,
    journal_move_id  BIGINT
);
CREATE INDEX valuation_recon_record_run_idx ON valuation_recon_record (job_instance_id);

CREATE TABLE valuation_recon_entry (
    job_instance_id  BIGINT        NOT NULL,
    line_id          BIGINT        NOT NULL,
    move_id          BIGINT        NOT NULL,
    move_name        VARCHAR(200),
    account          VARCHAR(120)  NOT NULL,
    item             VARCHAR(120),
    balance          NUMERIC(19, 2) NOT NULL
);
CREATE INDEX valuation_recon_entry_run_idx ON valuation_recon_entry (job_instance_id);

-- One row per account: the two totals and what of the difference is explained.
CREATE TABLE valuation_recon_run (
    job_instance_id  BIGINT        NOT NULL,
    as_of            DATE          NOT NULL,
    account          VARCHAR(120)  NOT NULL,
    stock_value      NUMERIC(19, 2) NOT NULL,
    ledger_balance   NUMERIC(19, 2) NOT NULL,
    difference       NUMERIC(19, 2) NOT NULL,
    unexplained      NUMERIC(19, 2) NOT NULL,
    PRIMARY KEY (job_instance_id, account)
);

-- Each explained (or unexplained) part of a difference: amount > 0 means the stock side is higher.
CREATE TABLE valuation_break (
    id               BIGSERIAL PRIMARY KEY,
    job_instance_id  BIGINT        NOT NULL,
    account          VARCHAR(120)  NOT NULL,
    category         VARCHAR(30)   NOT NULL
        CHECK (category IN ('MANUAL_ENTRY', 'NO_JOURNAL_ENTRY', 'OTHER_PERIOD', 'ROUNDING', 'UNEXPLAINED')),
    item             VARCHAR(120),
    reference        VARCHAR(200),
    amount           NUMERIC(19, 2) NOT NULL
);
CREATE INDEX valuation_break_run_idx ON valuation_break (job_instance_id);
