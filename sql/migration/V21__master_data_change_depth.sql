-- The planning order of a change (a unit after the unit it is defined by): loads are split by it.
ALTER TABLE md_change ADD COLUMN depth INT NOT NULL DEFAULT 0;
