-- A rebuild that leaves the kept tables compact and in key order (issue 16, g16c). aggregate_rebuild()
-- emptied them with DELETE, so each rebuild (every migration that recounts, `aggregates:rebuild`, the
-- generator's --bulk) left a dead copy of every row behind and the live rows in decision order: at
-- 1,000,000 decisions aggregate_decisions had grown to 653 MB, and an ICS's or trust's rows lay on
-- nearly every page, so each panel read most of the table (the factors panel took 137 ms; 25 ms once the
-- rows were in trust order). aggregate_rebuild(compact => true) — migrations and the generator's --bulk,
-- when no one is reading — locks them outright and TRUNCATEs them where the role may; the default (the
-- `aggregates:rebuild` command, maybe on a live app) still DELETEs, so readers keep the old figures
-- meanwhile. Either way it inserts in key order — trust first — so a trust's kept rows share pages.
-- Rows written later, one decision at a time, go where there is room.
DROP FUNCTION IF EXISTS aggregate_rebuild();
--> statement-breakpoint
CREATE FUNCTION aggregate_rebuild(compact boolean DEFAULT false) RETURNS void AS $$
BEGIN
  -- compact (migrations, the generator's --bulk: no one is reading): lock everyone out from the start
  -- (no lock upgrade to deadlock on) and TRUNCATE, where the role may. Otherwise (aggregates:rebuild
  -- on a live app, or a role with DELETE only): writers wait, readers go on reading the old figures.
  IF compact AND has_table_privilege('aggregate_decisions', 'TRUNCATE') AND has_table_privilege('aggregate_counts', 'TRUNCATE')
    AND has_table_privilege('aggregate_factor_counts', 'TRUNCATE') AND has_table_privilege('aggregate_rollups', 'TRUNCATE') THEN
    LOCK TABLE aggregate_decisions, aggregate_counts, aggregate_factor_counts, aggregate_rollups IN ACCESS EXCLUSIVE MODE;
    TRUNCATE aggregate_rollups, aggregate_factor_counts, aggregate_counts, aggregate_decisions;
  ELSE
    LOCK TABLE aggregate_decisions, aggregate_counts, aggregate_factor_counts, aggregate_rollups IN EXCLUSIVE MODE;
    DELETE FROM aggregate_rollups;
    DELETE FROM aggregate_factor_counts;
    DELETE FROM aggregate_counts;
    DELETE FROM aggregate_decisions;
  END IF;
  INSERT INTO aggregate_decisions (decision_id, trust_id, author_id, quarter, category, favoured, status, visibility,
    submitted_at, signed_off_at, sign_off_days, met, partly_met, not_met, unknown, factors,
    pending_due, ratification, action_lag_days, has_risks, outside_appetite, outside_domains, benefit_orgs, benefit_k)
  SELECT decision_id, trust_id, author_id, quarter, category, favoured, status, visibility,
    submitted_at, signed_off_at, sign_off_days, met, partly_met, not_met, unknown, factors,
    pending_due, ratification, action_lag_days, has_risks, outside_appetite, outside_domains, benefit_orgs, benefit_k
  FROM aggregate_decision_source
  ORDER BY trust_id, decision_id;
  INSERT INTO aggregate_counts (trust_id, author_id, quarter, category, favoured, status, visibility,
    decisions, assessed_decisions, met, partly_met, not_met, unknown, timed)
  SELECT trust_id, author_id, quarter, category, favoured, status, visibility,
    count(*), count(*) FILTER (WHERE met + partly_met + not_met + unknown > 0), sum(met), sum(partly_met), sum(not_met),
    sum(unknown), count(*) FILTER (WHERE sign_off_days IS NOT NULL)
  FROM aggregate_decisions
  GROUP BY trust_id, author_id, quarter, category, favoured, status, visibility
  ORDER BY trust_id, author_id, quarter, category, favoured, status, visibility;
  INSERT INTO aggregate_factor_counts (trust_id, author_id, quarter, category, favoured, status, visibility, factor, decisions)
  SELECT trust_id, author_id, quarter, category, favoured, status, visibility, factor, count(*)
  FROM (SELECT a.*, unnest(a.factors) AS factor FROM aggregate_decisions a) x
  GROUP BY trust_id, author_id, quarter, category, favoured, status, visibility, factor
  ORDER BY trust_id, author_id, quarter, category, favoured, status, visibility, factor;
  INSERT INTO aggregate_rollups (dim, key, favoured, status, decisions, assessed_decisions, met, partly_met, not_met, unknown, timed)
  SELECT d.dim,
    CASE d.dim WHEN 'trust' THEN c.trust_id::text WHEN 'author' THEN c.author_id::text WHEN 'category' THEN c.category ELSE c.quarter END AS key,
    c.favoured, c.status, sum(c.decisions), sum(c.assessed_decisions), sum(c.met), sum(c.partly_met), sum(c.not_met), sum(c.unknown), sum(c.timed)
  FROM aggregate_counts c CROSS JOIN (VALUES ('author'), ('category'), ('quarter'), ('trust')) AS d(dim)
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 4, 3;
  INSERT INTO aggregate_rollups (dim, key, favoured, status, decisions, assessed_decisions, met, partly_met, not_met, unknown, timed)
  SELECT e.dim, e.key, a.favoured, a.status, count(*), 0, 0, 0, 0, 0, 0
  FROM aggregate_decisions a
  CROSS JOIN LATERAL aggregate_rollup_keys(a.author_id, a.factors, a.pending_due, a.sign_off_days, a.ratification,
    a.has_risks, a.outside_appetite, a.outside_domains) e
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 4, 3;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
SELECT aggregate_rebuild(true);
