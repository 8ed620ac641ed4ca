-- production-order-release: the layout a release file was rendered in. A file is rendered again from its staged rows
-- when a run restarts after marking it UPLOADING (the MES may have it already), and must then give the same bytes:
-- a file first rendered before the backorder_of column (layout 1, every file so far) is rendered without it again,
-- though PlantSync has been upgraded in between; files staged from now on get layout 2 (with backorder_of).
ALTER TABLE production_release_file ADD COLUMN layout SMALLINT NOT NULL DEFAULT 1;
ALTER TABLE production_release_file ALTER COLUMN layout SET DEFAULT 2;
