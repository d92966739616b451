-- A version per trust of its decisions' data (issue 16, g16d; table in the generated migration before
-- this one). aggregate_touch() — called by the commit trigger aggregate_flush for the decisions written
-- in the transaction, and by aggregate_rebuild for all — bumps the versions of their trusts, old and new.
-- The word-pairs panel, whose counts are kept per view and filters until they may have changed, reads
-- the versions of the view's trusts: before, any audited write anywhere (a sign-out, a token, another
-- trust's meeting) made every view count its words again (13 s nationally at 1,000,000 decisions), while
-- a write no audit event recorded went unseen. It runs inside the flush, after its other shared rows and
-- in trust order, so two flushes lock rows in one order; a trigger on each write to `decisions` instead
-- deadlocked with the audit chains' heads (the crash test, two writers of one trust).
CREATE OR REPLACE FUNCTION aggregate_touch(ids uuid[]) RETURNS void AS $$
BEGIN
  IF ids IS NULL THEN
    INSERT INTO decision_text_versions AS v (trust_id, version)
    SELECT id, 1 FROM organisations WHERE kind = 'trust' ORDER BY 1
    ON CONFLICT (trust_id) DO UPDATE SET version = v.version + 1;
  ELSE
    INSERT INTO decision_text_versions AS v (trust_id, version)
    SELECT trust_id, 1 FROM (
      SELECT a.trust_id FROM aggregate_decisions a WHERE a.decision_id = ANY (ids)
      UNION SELECT d.trust_id FROM decisions d WHERE d.id = ANY (ids)
    ) t ORDER BY 1
    ON CONFLICT (trust_id) DO UPDATE SET version = v.version + 1;
  END IF;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
SELECT aggregate_touch(NULL);
