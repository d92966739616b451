-- Word pairs kept per decision (issue 16, g16e; tables in the generated migration before this one).
-- A counted decision (version > 0) whose text changes, or that becomes counted, is queued in
-- decision_word_pairs_pending and its old pairs are dropped, in the writing transaction, whatever wrote
-- it (lib, import, generator, raw SQL). The tokeniser is JavaScript (lib/dashboards/word-pairs.ts:
-- Unicode letters and lower-casing that PostgreSQL's C collation would not match), so the pairs are
-- extracted by lib/dashboards/word-pairs-store.ts: in the same transaction by the writes that freeze
-- text (submit, amend, import, generator), and by a background pass for any still queued. The panel
-- tokenises a queued decision's text itself, so what it shows never depends on the queue.
-- Only the decision's own rows are touched (no shared row), so two writers cannot deadlock on them.
CREATE OR REPLACE FUNCTION word_pairs_mark() RETURNS trigger AS $$
BEGIN
  IF NEW.version > 0 AND (TG_OP = 'INSERT' OR OLD.version = 0
      OR OLD.summary IS DISTINCT FROM NEW.summary OR OLD.rationale IS DISTINCT FROM NEW.rationale) THEN
    IF TG_OP = 'UPDATE' THEN
      DELETE FROM decision_word_pairs WHERE decision_id = NEW.id;
    END IF;
    INSERT INTO decision_word_pairs_pending (decision_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER decisions_word_pairs_mark AFTER INSERT OR UPDATE OF summary, rationale, version ON decisions
  FOR EACH ROW EXECUTE FUNCTION word_pairs_mark();
--> statement-breakpoint
-- Every decision counted before this migration is queued; the app extracts them in the background.
INSERT INTO decision_word_pairs_pending (decision_id) SELECT id FROM decisions WHERE version > 0;
