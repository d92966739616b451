-- A version per trust of its decisions' data (issue 16, g16d; table in the generated migration before
-- this one): every statement that inserts, updates or deletes decisions bumps the version of each trust
-- whose decisions it touched, and an update of a trust (its type, its ICS) bumps that trust's, in the
-- same transaction. The word-pairs panel, whose counts are kept per view and filters until they may have
-- changed, reads the versions of the view's trusts: before, any audited write anywhere (a sign-out, a
-- token, another trust's meeting) made every view count its words again (13 s nationally at 1,000,000
-- decisions), while a write no audit event recorded went unseen. One statement per writing statement
-- (transition tables), trusts in key order; writers to one trust already queue on its audit chain.
CREATE OR REPLACE FUNCTION decision_text_bump() RETURNS trigger AS $$
BEGIN
  IF TG_TABLE_NAME = 'organisations' THEN
    INSERT INTO decision_text_versions AS v (trust_id, version)
    SELECT DISTINCT id, 1 FROM new_rows WHERE kind = 'trust' ORDER BY 1
    ON CONFLICT (trust_id) DO UPDATE SET version = v.version + 1;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO decision_text_versions AS v (trust_id, version)
    SELECT DISTINCT trust_id, 1 FROM new_rows ORDER BY 1
    ON CONFLICT (trust_id) DO UPDATE SET version = v.version + 1;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO decision_text_versions AS v (trust_id, version)
    SELECT DISTINCT trust_id, 1 FROM old_rows ORDER BY 1
    ON CONFLICT (trust_id) DO UPDATE SET version = v.version + 1;
  ELSE
    INSERT INTO decision_text_versions AS v (trust_id, version)
    SELECT trust_id, 1 FROM (SELECT trust_id FROM new_rows UNION SELECT trust_id FROM old_rows) t ORDER BY 1
    ON CONFLICT (trust_id) DO UPDATE SET version = v.version + 1;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER decisions_text_bump_insert AFTER INSERT ON decisions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION decision_text_bump();
--> statement-breakpoint
CREATE TRIGGER decisions_text_bump_update AFTER UPDATE ON decisions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION decision_text_bump();
--> statement-breakpoint
CREATE TRIGGER decisions_text_bump_delete AFTER DELETE ON decisions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION decision_text_bump();
--> statement-breakpoint
CREATE TRIGGER organisations_text_bump_update AFTER UPDATE ON organisations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION decision_text_bump();
--> statement-breakpoint
INSERT INTO decision_text_versions (trust_id, version) SELECT id, 1 FROM organisations WHERE kind = 'trust' ON CONFLICT DO NOTHING;
