-- Where a claimed file sits on the partner's server, so a crashed claim can be found and given back.
ALTER TABLE inbound_file ADD COLUMN remote_path VARCHAR(1000);
ALTER TABLE inbound_file ADD COLUMN duplicate_of BIGINT REFERENCES inbound_file (id);
CREATE INDEX inbound_file_partner_received_idx ON inbound_file (partner, received_at DESC);
-- A file quarantined before download (too large) has no checksum.
ALTER TABLE inbound_file ALTER COLUMN sha256 DROP NOT NULL;
