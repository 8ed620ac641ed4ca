-- Interchanges seen per sender, so that a re-sent interchange (same sender, same control number) is refused.
CREATE TABLE edi_interchange (
    sender          VARCHAR(35)  NOT NULL,
    control_number  VARCHAR(35)  NOT NULL,
    standard        VARCHAR(10)  NOT NULL,
    inbound_file_id BIGINT REFERENCES inbound_file (id),
    file_name       VARCHAR(500) NOT NULL,
    seen_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (sender, control_number)
);
