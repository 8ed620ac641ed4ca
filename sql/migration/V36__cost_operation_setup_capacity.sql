-- What Odoo's BoM report costs an operation with, besides its cycle time and the work center's cost per hour:
-- the work center's setup and cleanup minutes and its efficiency, its default capacity (18 only; 19 takes the BOM's
-- quantity), and the per-product capacities (mrp.workcenter.capacity) that override capacity, setup and cleanup.
-- minutes now holds Odoo's computed time_cycle (time_cycle_manual, or from work-order history when time_mode is auto).
ALTER TABLE cost_operation
    ADD COLUMN workcenter_id     INT,
    ADD COLUMN setup_minutes     NUMERIC NOT NULL DEFAULT 0,
    ADD COLUMN cleanup_minutes   NUMERIC NOT NULL DEFAULT 0,
    ADD COLUMN efficiency        NUMERIC NOT NULL DEFAULT 100,
    ADD COLUMN default_capacity  NUMERIC;

CREATE TABLE cost_capacity (
    job_instance_id  BIGINT   NOT NULL,
    capacity_id      INT      NOT NULL,  -- Odoo's id: the order Odoo lists a work center's capacities in
    workcenter_id    INT      NOT NULL,
    product_id       INT,               -- null: any product (19)
    unit_id          INT,               -- the unit the capacity is given in (19)
    capacity         NUMERIC  NOT NULL,
    setup_minutes    NUMERIC  NOT NULL,
    cleanup_minutes  NUMERIC  NOT NULL
);
CREATE INDEX cost_capacity_run_idx ON cost_capacity (job_instance_id, workcenter_id);
