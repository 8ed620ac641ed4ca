-- Each invoice's own part of its partner's file (issue 21 item 9): its X12 transaction set or EDIFACT message in an
-- envelope of its own, or its CSV rows under the header, attached to its bill instead of the whole file. Kept apart
-- from invoice_staging so scans of staging rows do not read documents. content is null when the part was over the
-- attachment limit; note then says how large it was and where it is (that note is what the bill gets).
CREATE TABLE invoice_document (
    invoice_id BIGINT PRIMARY KEY REFERENCES invoice_staging (id) ON DELETE CASCADE,
    content    BYTEA,
    mimetype   TEXT NOT NULL,
    extension  TEXT NOT NULL,
    size       BIGINT NOT NULL,
    note       TEXT,
    CONSTRAINT invoice_document_content_or_note CHECK (content IS NOT NULL OR note IS NOT NULL)
);
