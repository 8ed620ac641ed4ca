-- production-completion-import: MES events staged once per plant and event id, applied to Odoo exactly once.
-- An event is MARKED (committed on its own) before its first Odoo call; a restart finds it MARKED and verifies what
-- Odoo holds (produced quantity of the order's family, the scrap by its origin) before calling again.
CREATE TABLE mes_event (
    id               BIGSERIAL PRIMARY KEY,
    plant            VARCHAR(100)   NOT NULL,
    event_id         VARCHAR(100)   NOT NULL,
    inbound_file_id  BIGINT         REFERENCES inbound_file (id),
    line             INTEGER        NOT NULL,
    mo_name          VARCHAR(100)   NOT NULL,          -- the name the MES knows (Odoo renames split orders)
    event_type       VARCHAR(20)    NOT NULL,
    final            BOOLEAN        NOT NULL DEFAULT false,
    quantity         NUMERIC(19, 6),
    unit             VARCHAR(100),
    product_code     VARCHAR(100),                     -- the MES's code
    lot              VARCHAR(100),
    event_time       TIMESTAMPTZ    NOT NULL,
    work_centre      VARCHAR(100),
    operator         VARCHAR(100),
    reason           TEXT,                             -- the MES's (scrap reason)
    fingerprint      VARCHAR(64)    NOT NULL,          -- md5 of the event as sent: the same id with other content is flagged
    state            VARCHAR(20)    NOT NULL DEFAULT 'STAGED',
    state_reason     TEXT,
    job_instance_id  BIGINT         NOT NULL,          -- the run that staged it or last changed its state
    produced_with    BIGINT         REFERENCES mes_event (id),  -- CONSUMED: the PRODUCED event it was booked with
    odoo_mo_id       BIGINT,                           -- the Odoo order it was applied to (after renaming)
    odoo_record_id   BIGINT,                           -- the scrap, or the finished lot
    produced_before  NUMERIC(19, 6),                   -- the family's qty_produced when the event was marked
    impact_quantity  NUMERIC(19, 6),
    impact_amount    NUMERIC(19, 4),
    approved         BOOLEAN        NOT NULL DEFAULT false,
    staged_at        TIMESTAMPTZ    NOT NULL DEFAULT now(),
    marked_at        TIMESTAMPTZ,
    applied_at       TIMESTAMPTZ,
    CONSTRAINT mes_event_once UNIQUE (plant, event_id),
    CONSTRAINT mes_event_type_chk CHECK (event_type IN ('PRODUCED', 'CONSUMED', 'SCRAPPED', 'CLOSED')),
    CONSTRAINT mes_event_state_chk CHECK (state IN ('STAGED', 'MARKED', 'APPLIED', 'APPROVAL', 'SKIPPED', 'REJECTED',
                                                    'EXCEPTION'))
);
-- The open events of an order, in the MES's order (what each run applies).
CREATE INDEX mes_event_open_idx ON mes_event (plant, mo_name, id) WHERE state IN ('STAGED', 'MARKED', 'APPROVAL');
CREATE INDEX mes_event_run_idx ON mes_event (job_instance_id, state);

-- The MES's order name -> the Odoo order its next events go to (a partial completion moves it to the backorder).
CREATE TABLE mes_mo_map (
    plant        VARCHAR(100)   NOT NULL,
    mes_name     VARCHAR(100)   NOT NULL,
    odoo_mo_id   BIGINT         NOT NULL,
    odoo_name    VARCHAR(100)   NOT NULL,
    ordered_qty  NUMERIC(19, 6) NOT NULL,              -- what the family was ordered for when the MES's name was first seen
    updated_at   TIMESTAMPTZ    NOT NULL DEFAULT now(),
    PRIMARY KEY (plant, mes_name)
);
