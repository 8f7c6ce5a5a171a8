-- Audit entries keep references, not copies (issue 12): entries written before
-- that rule copied employers' and jobs' contact phones and names, and stations'
-- phones, into `before`/`after`. Each such value becomes {"ref": "<type>:<id>"},
-- the entry's own target, which holds the value (shared::server::audit, whose
-- PERSONAL_KEYS lists the same keys). Only top-level keys: no entry nested them.
-- The log is append-only; the update trigger is lifted for this one statement
-- and put back as it was.
DROP TRIGGER audit_log_no_update;
UPDATE audit_log SET before = json_set(before, '$.phone', json_object('ref', target_type || ':' || target_id))
  WHERE json_valid(before) AND json_type(before, '$.phone') IN ('text', 'integer', 'real', 'object', 'array');
UPDATE audit_log SET before = json_set(before, '$.contact_phone', json_object('ref', target_type || ':' || target_id))
  WHERE json_valid(before) AND json_type(before, '$.contact_phone') IN ('text', 'integer', 'real', 'object', 'array');
UPDATE audit_log SET before = json_set(before, '$.contact_name', json_object('ref', target_type || ':' || target_id))
  WHERE json_valid(before) AND json_type(before, '$.contact_name') IN ('text', 'integer', 'real', 'object', 'array');
UPDATE audit_log SET before = json_set(before, '$.holder_name', json_object('ref', target_type || ':' || target_id))
  WHERE json_valid(before) AND json_type(before, '$.holder_name') IN ('text', 'integer', 'real', 'object', 'array');
UPDATE audit_log SET before = json_set(before, '$.id_number', json_object('ref', target_type || ':' || target_id))
  WHERE json_valid(before) AND json_type(before, '$.id_number') IN ('text', 'integer', 'real', 'object', 'array');
UPDATE audit_log SET before = json_set(before, '$.birth_date', json_object('ref', target_type || ':' || target_id))
  WHERE json_valid(before) AND json_type(before, '$.birth_date') IN ('text', 'integer', 'real', 'object', 'array');
UPDATE audit_log SET before = json_set(before, '$.contact_address', json_object('ref', target_type || ':' || target_id))
  WHERE json_valid(before) AND json_type(before, '$.contact_address') IN ('text', 'integer', 'real', 'object', 'array');
UPDATE audit_log SET after = json_set(after, '$.phone', json_object('ref', target_type || ':' || target_id))
  WHERE json_valid(after) AND json_type(after, '$.phone') IN ('text', 'integer', 'real', 'object', 'array');
UPDATE audit_log SET after = json_set(after, '$.contact_phone', json_object('ref', target_type || ':' || target_id))
  WHERE json_valid(after) AND json_type(after, '$.contact_phone') IN ('text', 'integer', 'real', 'object', 'array');
UPDATE audit_log SET after = json_set(after, '$.contact_name', json_object('ref', target_type || ':' || target_id))
  WHERE json_valid(after) AND json_type(after, '$.contact_name') IN ('text', 'integer', 'real', 'object', 'array');
UPDATE audit_log SET after = json_set(after, '$.holder_name', json_object('ref', target_type || ':' || target_id))
  WHERE json_valid(after) AND json_type(after, '$.holder_name') IN ('text', 'integer', 'real', 'object', 'array');
UPDATE audit_log SET after = json_set(after, '$.id_number', json_object('ref', target_type || ':' || target_id))
  WHERE json_valid(after) AND json_type(after, '$.id_number') IN ('text', 'integer', 'real', 'object', 'array');
UPDATE audit_log SET after = json_set(after, '$.birth_date', json_object('ref', target_type || ':' || target_id))
  WHERE json_valid(after) AND json_type(after, '$.birth_date') IN ('text', 'integer', 'real', 'object', 'array');
UPDATE audit_log SET after = json_set(after, '$.contact_address', json_object('ref', target_type || ':' || target_id))
  WHERE json_valid(after) AND json_type(after, '$.contact_address') IN ('text', 'integer', 'real', 'object', 'array');
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- The data export (/api/me/data) finds the entries about a person's own records by target.
CREATE INDEX IF NOT EXISTS audit_log_target ON audit_log (target_type, target_id);
