-- Everything finance needs to trust a posted bill, in one place: file and checksum, where in the file, how it
-- matched, who approved it, what PlantSync wrote to Odoo and when.
CREATE VIEW invoice_trace AS
SELECT s.id                 AS staging_id,
       s.job_instance_id,
       s.partner,
       s.invoice_number,
       s.outcome,
       s.reasons,
       s.odoo_move_id,
       f.name               AS file_name,
       f.sha256             AS file_sha256,
       f.received_at,
       s.source_format,
       s.interchange,
       s.message_control,
       s.position           AS segment,
       a.state              AS approval,
       a.decided_by         AS approver,
       a.decided_at,
       a.decision_comment,
       w.state              AS odoo_write_state,
       w.updated_at         AS written_at
  FROM invoice_staging s
  JOIN inbound_file f ON f.id = s.inbound_file_id
  LEFT JOIN approval_request a ON a.checkpoint = 'invoice-exceptions' AND a.business_key = s.id::text
  LEFT JOIN odoo_write w ON w.model = 'account.move' AND w.business_key = s.odoo_partner_id || '|' || s.invoice_number;
