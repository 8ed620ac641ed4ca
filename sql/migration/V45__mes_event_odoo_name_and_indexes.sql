-- production-completion-import: the Odoo order's name an event was applied to, and indexes for what reads mes_event
-- besides the job (the console's Production page, the gauges).

-- The name of the Odoo order the event went to, as Odoo named it then: set when the event is marked (the order's
-- name at that time) and again when it is applied (for a production, the name once Odoo booked it: a partial one
-- renames the order WH/MO/00017-001). odoo_mo_id alone could only be named by today's mapping or the last release,
-- which is not the order's name after a split. Null for events of runs before V45 (the trace falls back as before).
-- TEXT: Odoo's names have no length limit, and a write refused here would leave a booked event MARKED.
ALTER TABLE mes_event ADD COLUMN odoo_mo_name TEXT;

-- What needs someone, per plant and state: the Production page's counts of events waiting (a run, an approver, a fix
-- of the MES file: EXCEPTION, which mes_event_open_idx leaves out), the oldest waiting, the open events oldest first,
-- the plants with open events, the open-events gauges. Few rows whatever the history: settled events are not in it.
CREATE INDEX mes_event_attention_idx ON mes_event (plant, state, event_time)
    WHERE state IN ('STAGED', 'MARKED', 'APPROVAL', 'EXCEPTION');

-- The Production page's last 24 hours of settled events per plant, by the moment each settled (applied, or decided:
-- PlantLoopStatus counts by coalesce(applied_at, marked_at, staged_at) and bounds the applied lag by it too): a range
-- scan of the last day instead of every event ever applied.
CREATE INDEX mes_event_settled_idx ON mes_event (plant, (coalesce(applied_at, marked_at, staged_at)), state)
    WHERE state IN ('APPLIED', 'REJECTED', 'SKIPPED');

-- The gauge plantsync_mes_events (events staged in the last 24 hours, every state), read at every scrape.
CREATE INDEX mes_event_staged_idx ON mes_event (staged_at);
