-- Audit events are append-only: refuse UPDATE, DELETE and TRUNCATE, for every role that does not
-- disable the trigger itself (a superuser can, and audit:verify then reports the broken link).
CREATE OR REPLACE FUNCTION fulcrum_audit_events_refuse() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION fulcrum_audit_events_refuse();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION fulcrum_audit_events_refuse();
