-- BOM cost roll-up (job cost-rollup): what Odoo says, staged per run, then one result per product, decided
-- (approval where the change is large) and written to Odoo as standard_price.

-- Staged from Odoo. Quantities are in the unit named next to them; unit sizes convert within a category.
CREATE TABLE cost_product (
    job_instance_id  BIGINT        NOT NULL,
    product_id       INT           NOT NULL,
    template_id      INT           NOT NULL,
    code             VARCHAR(200)  NOT NULL,  -- default code, or #id when the product has none
    unit_id          INT           NOT NULL,
    cost             NUMERIC       NOT NULL,  -- standard_price now
    cost_method      VARCHAR(20),
    on_hand          NUMERIC       NOT NULL,
    PRIMARY KEY (job_instance_id, product_id)
);

CREATE TABLE cost_bom (
    job_instance_id  BIGINT        NOT NULL,
    bom_id           INT           NOT NULL,
    template_id      INT           NOT NULL,
    variant_id       INT,
    sequence         INT           NOT NULL,
    quantity         NUMERIC       NOT NULL,
    unit_id          INT           NOT NULL,
    type             VARCHAR(20)   NOT NULL,
    PRIMARY KEY (job_instance_id, bom_id)
);

CREATE TABLE cost_bom_line (
    job_instance_id  BIGINT        NOT NULL,
    bom_id           INT           NOT NULL,
    product_id       INT           NOT NULL,
    quantity         NUMERIC       NOT NULL,
    unit_id          INT           NOT NULL
);
CREATE INDEX cost_bom_line_run_idx ON cost_bom_line (job_instance_id, bom_id);

-- Operations: minutes per BOM quantity at the work center's cost per hour.
CREATE TABLE cost_operation (
    job_instance_id  BIGINT        NOT NULL,
    bom_id           INT           NOT NULL,
    minutes          NUMERIC       NOT NULL,
    cost_per_hour    NUMERIC       NOT NULL
);
CREATE INDEX cost_operation_run_idx ON cost_operation (job_instance_id, bom_id);

CREATE TABLE cost_unit (
    job_instance_id  BIGINT        NOT NULL,
    unit_id          INT           NOT NULL,
    size             NUMERIC       NOT NULL,  -- in its category's reference unit
    PRIMARY KEY (job_instance_id, unit_id)
);

-- Purchase prices per the component-cost policy: every candidate, the roll-up takes the first source in policy
-- order that has one. price is per unit_id.
CREATE TABLE cost_purchase_price (
    job_instance_id  BIGINT        NOT NULL,
    product_id       INT           NOT NULL,
    source           VARCHAR(20)   NOT NULL CHECK (source IN ('latest-po', 'vendor-pricelist')),
    price            NUMERIC       NOT NULL,
    unit_id          INT,
    reference        VARCHAR(200),            -- the PO or vendor the price comes from
    PRIMARY KEY (job_instance_id, product_id, source)
);

-- The run's settings, as the report shows them.
CREATE TABLE cost_rollup_run (
    job_instance_id     BIGINT PRIMARY KEY,
    policy              VARCHAR(100)  NOT NULL,
    overhead_rate       NUMERIC       NOT NULL,
    variance_percent    NUMERIC       NOT NULL,
    revaluation_amount  NUMERIC       NOT NULL,
    rolled_at           TIMESTAMPTZ   NOT NULL DEFAULT now()
);

-- One product's result. new_cost is rounded to cents (what Odoo stores); variance = new_cost - old_cost;
-- revaluation = on_hand x variance for products valued at standard (0 for the others).
-- state: UNCHANGED (same cost), NOT_WRITTEN (not valued at standard: report only), READY, AWAITING_APPROVAL,
-- APPLIED, REJECTED, FAILED (Odoo refused), SKIPPED (on a BOM cycle or built from such a product).
CREATE TABLE cost_rollup_line (
    id                BIGSERIAL PRIMARY KEY,
    job_instance_id   BIGINT        NOT NULL,
    product_id        INT           NOT NULL,
    code              VARCHAR(200)  NOT NULL,
    bom_id            INT,
    cost_source       VARCHAR(20)   NOT NULL,  -- bom, latest-po, vendor-pricelist, standard
    source_reference  VARCHAR(200),
    material          NUMERIC,
    operations        NUMERIC,
    overhead          NUMERIC,
    new_cost          NUMERIC,
    old_cost          NUMERIC       NOT NULL,
    variance          NUMERIC,
    variance_percent  NUMERIC,
    cost_method       VARCHAR(20),
    on_hand           NUMERIC       NOT NULL,
    revaluation       NUMERIC       NOT NULL DEFAULT 0,
    state             VARCHAR(20)   NOT NULL CHECK (state IN ('UNCHANGED', 'NOT_WRITTEN', 'READY',
                          'AWAITING_APPROVAL', 'APPLIED', 'REJECTED', 'FAILED', 'SKIPPED')),
    reason            TEXT,
    written_cost      NUMERIC,
    UNIQUE (job_instance_id, product_id)
);
CREATE INDEX cost_rollup_line_state_idx ON cost_rollup_line (job_instance_id, state, id);
CREATE INDEX cost_rollup_line_impact_idx ON cost_rollup_line (job_instance_id, abs(revaluation) DESC, id);
