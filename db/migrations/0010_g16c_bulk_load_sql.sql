-- Bulk loading (issue 16): a transaction that runs `SET LOCAL fulcrum.aggregates = 'deferred'` marks no
-- decision dirty, so its commit adds nothing to the kept aggregates. Only the generator does this, for
-- its batches of new decisions, and its last transaction runs aggregate_rebuild(): one set-based pass
-- instead of a trigger per row and a flush per batch. Until that rebuild the aggregates miss the
-- batches (`npm run aggregates:check` says so; `npm run aggregates:rebuild` mends it). Only a role that
-- may TRUNCATE the kept tables (the owner, who could rebuild them anyway) can defer: the app's runtime
-- role setting it changes nothing, so no session can silently stop the upkeep the dashboards rely on.
CREATE OR REPLACE FUNCTION aggregate_mark() RETURNS trigger AS $$
BEGIN
  IF current_setting('fulcrum.aggregates', true) = 'deferred' AND has_table_privilege('aggregate_decisions', 'TRUNCATE') THEN
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'decisions' THEN
    IF TG_OP <> 'DELETE' THEN
      INSERT INTO aggregate_dirty (xid, decision_id) VALUES (txid_current(), NEW.id) ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.id <> NEW.id) THEN
      INSERT INTO aggregate_dirty (xid, decision_id) VALUES (txid_current(), OLD.id) ON CONFLICT DO NOTHING;
    END IF;
  ELSE
    IF TG_OP <> 'DELETE' THEN
      INSERT INTO aggregate_dirty (xid, decision_id) VALUES (txid_current(), NEW.decision_id) ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.decision_id <> NEW.decision_id) THEN
      INSERT INTO aggregate_dirty (xid, decision_id) VALUES (txid_current(), OLD.decision_id) ON CONFLICT DO NOTHING;
    END IF;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
