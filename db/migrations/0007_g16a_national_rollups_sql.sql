-- National roll-ups of the kept aggregates (issue 16, g16a): aggregate_rollups holds aggregate_counts'
-- figures summed over one dimension at a time (trust, author, category, quarter) by side and status, so
-- the national panels read hundreds of rows instead of one per key. Kept by the same commit trigger
-- (aggregate_flush, redefined here with one more statement, in key order like the others) and rebuilt
-- by aggregate_rebuild(). Self-contained: redefines both functions whole, then fills the table.
CREATE OR REPLACE FUNCTION aggregate_flush() RETURNS trigger AS $$
DECLARE
  ids uuid[];
  h int;
BEGIN
  SELECT array_agg(decision_id) INTO ids FROM aggregate_dirty WHERE xid = txid_current();
  IF ids IS NULL THEN
    RETURN NULL;
  END IF;
  DELETE FROM aggregate_dirty WHERE xid = txid_current();
  FOR h IN SELECT DISTINCT hashtext(i::text) FROM unnest(ids) i ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(16016, h);
  END LOOP;

  INSERT INTO aggregate_counts AS c (trust_id, author_id, quarter, category, favoured, status, visibility,
    decisions, assessed_decisions, met, partly_met, not_met, unknown, timed)
  SELECT trust_id, author_id, quarter, category, favoured, status, visibility,
    sum(sgn), sum(sgn * (met + partly_met + not_met + unknown > 0)::int), sum(sgn * met), sum(sgn * partly_met),
    sum(sgn * not_met), sum(sgn * unknown), sum(sgn * (sign_off_days IS NOT NULL)::int)
  FROM (
    SELECT -1 AS sgn, a.trust_id, a.author_id, a.quarter, a.category, a.favoured, a.status, a.visibility,
      a.met, a.partly_met, a.not_met, a.unknown, a.sign_off_days
    FROM aggregate_decisions a WHERE a.decision_id = ANY (ids)
    UNION ALL
    SELECT 1, s.trust_id, s.author_id, s.quarter, s.category, s.favoured, s.status, s.visibility,
      s.met, s.partly_met, s.not_met, s.unknown, s.sign_off_days
    FROM aggregate_decision_source s WHERE s.decision_id = ANY (ids)
  ) x
  GROUP BY trust_id, author_id, quarter, category, favoured, status, visibility
  HAVING sum(sgn) <> 0 OR sum(sgn * met) <> 0 OR sum(sgn * partly_met) <> 0 OR sum(sgn * not_met) <> 0
    OR sum(sgn * unknown) <> 0 OR sum(sgn * (met + partly_met + not_met + unknown > 0)::int) <> 0
    OR sum(sgn * (sign_off_days IS NOT NULL)::int) <> 0
  ORDER BY trust_id, author_id, quarter, category, favoured, status, visibility
  ON CONFLICT (trust_id, author_id, quarter, category, favoured, status, visibility) DO UPDATE SET
    decisions = c.decisions + excluded.decisions,
    assessed_decisions = c.assessed_decisions + excluded.assessed_decisions,
    met = c.met + excluded.met,
    partly_met = c.partly_met + excluded.partly_met,
    not_met = c.not_met + excluded.not_met,
    unknown = c.unknown + excluded.unknown,
    timed = c.timed + excluded.timed;

  INSERT INTO aggregate_factor_counts AS c (trust_id, author_id, quarter, category, favoured, status, visibility, factor, decisions)
  SELECT trust_id, author_id, quarter, category, favoured, status, visibility, factor, sum(sgn)
  FROM (
    SELECT -1 AS sgn, a.trust_id, a.author_id, a.quarter, a.category, a.favoured, a.status, a.visibility, unnest(a.factors) AS factor
    FROM aggregate_decisions a WHERE a.decision_id = ANY (ids)
    UNION ALL
    SELECT 1, s.trust_id, s.author_id, s.quarter, s.category, s.favoured, s.status, s.visibility, unnest(s.factors)
    FROM aggregate_decision_source s WHERE s.decision_id = ANY (ids)
  ) x
  GROUP BY trust_id, author_id, quarter, category, favoured, status, visibility, factor
  HAVING sum(sgn) <> 0
  ORDER BY trust_id, author_id, quarter, category, favoured, status, visibility, factor
  ON CONFLICT (trust_id, author_id, quarter, category, favoured, status, visibility, factor) DO UPDATE SET
    decisions = c.decisions + excluded.decisions;


  -- National roll-ups (g16a): the same change summed over one dimension at a time, in key order.
  INSERT INTO aggregate_rollups AS c (dim, key, favoured, status, decisions, assessed_decisions, met, partly_met, not_met, unknown, timed)
  SELECT dim, key, favoured, status,
    sum(sgn), sum(sgn * (met + partly_met + not_met + unknown > 0)::int), sum(sgn * met), sum(sgn * partly_met),
    sum(sgn * not_met), sum(sgn * unknown), sum(sgn * (sign_off_days IS NOT NULL)::int)
  FROM (
    SELECT x.sgn, d.dim,
      CASE d.dim WHEN 'trust' THEN x.trust_id::text WHEN 'author' THEN x.author_id::text WHEN 'category' THEN x.category ELSE x.quarter END AS key,
      x.favoured, x.status, x.met, x.partly_met, x.not_met, x.unknown, x.sign_off_days
    FROM (
      SELECT -1 AS sgn, a.trust_id, a.author_id, a.quarter, a.category, a.favoured, a.status,
        a.met, a.partly_met, a.not_met, a.unknown, a.sign_off_days
      FROM aggregate_decisions a WHERE a.decision_id = ANY (ids)
      UNION ALL
      SELECT 1, s.trust_id, s.author_id, s.quarter, s.category, s.favoured, s.status,
        s.met, s.partly_met, s.not_met, s.unknown, s.sign_off_days
      FROM aggregate_decision_source s WHERE s.decision_id = ANY (ids)
    ) x
    CROSS JOIN (VALUES ('author'), ('category'), ('quarter'), ('trust')) AS d(dim)
  ) y
  GROUP BY dim, key, status, favoured
  HAVING sum(sgn) <> 0 OR sum(sgn * met) <> 0 OR sum(sgn * partly_met) <> 0 OR sum(sgn * not_met) <> 0
    OR sum(sgn * unknown) <> 0 OR sum(sgn * (met + partly_met + not_met + unknown > 0)::int) <> 0
    OR sum(sgn * (sign_off_days IS NOT NULL)::int) <> 0
  ORDER BY dim, key, status, favoured
  ON CONFLICT (dim, key, status, favoured) DO UPDATE SET
    decisions = c.decisions + excluded.decisions,
    assessed_decisions = c.assessed_decisions + excluded.assessed_decisions,
    met = c.met + excluded.met,
    partly_met = c.partly_met + excluded.partly_met,
    not_met = c.not_met + excluded.not_met,
    unknown = c.unknown + excluded.unknown,
    timed = c.timed + excluded.timed;

  DELETE FROM aggregate_decisions WHERE decision_id = ANY (ids);
  INSERT INTO aggregate_decisions (decision_id, trust_id, author_id, quarter, category, favoured, status, visibility,
    submitted_at, signed_off_at, sign_off_days, met, partly_met, not_met, unknown, factors)
  SELECT decision_id, trust_id, author_id, quarter, category, favoured, status, visibility,
    submitted_at, signed_off_at, sign_off_days, met, partly_met, not_met, unknown, factors
  FROM aggregate_decision_source WHERE decision_id = ANY (ids);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION aggregate_rebuild() RETURNS void AS $$
BEGIN
  LOCK TABLE aggregate_decisions, aggregate_counts, aggregate_factor_counts, aggregate_rollups IN EXCLUSIVE MODE;
  DELETE FROM aggregate_rollups;
  DELETE FROM aggregate_factor_counts;
  DELETE FROM aggregate_counts;
  DELETE FROM aggregate_decisions;
  INSERT INTO aggregate_decisions (decision_id, trust_id, author_id, quarter, category, favoured, status, visibility,
    submitted_at, signed_off_at, sign_off_days, met, partly_met, not_met, unknown, factors)
  SELECT decision_id, trust_id, author_id, quarter, category, favoured, status, visibility,
    submitted_at, signed_off_at, sign_off_days, met, partly_met, not_met, unknown, factors
  FROM aggregate_decision_source;
  INSERT INTO aggregate_counts (trust_id, author_id, quarter, category, favoured, status, visibility,
    decisions, assessed_decisions, met, partly_met, not_met, unknown, timed)
  SELECT trust_id, author_id, quarter, category, favoured, status, visibility,
    count(*), count(*) FILTER (WHERE met + partly_met + not_met + unknown > 0), sum(met), sum(partly_met), sum(not_met),
    sum(unknown), count(*) FILTER (WHERE sign_off_days IS NOT NULL)
  FROM aggregate_decisions
  GROUP BY trust_id, author_id, quarter, category, favoured, status, visibility;
  INSERT INTO aggregate_factor_counts (trust_id, author_id, quarter, category, favoured, status, visibility, factor, decisions)
  SELECT trust_id, author_id, quarter, category, favoured, status, visibility, factor, count(*)
  FROM (SELECT a.*, unnest(a.factors) AS factor FROM aggregate_decisions a) x
  GROUP BY trust_id, author_id, quarter, category, favoured, status, visibility, factor;
  INSERT INTO aggregate_rollups (dim, key, favoured, status, decisions, assessed_decisions, met, partly_met, not_met, unknown, timed)
  SELECT d.dim,
    CASE d.dim WHEN 'trust' THEN c.trust_id::text WHEN 'author' THEN c.author_id::text WHEN 'category' THEN c.category ELSE c.quarter END AS key,
    c.favoured, c.status, sum(c.decisions), sum(c.assessed_decisions), sum(c.met), sum(c.partly_met), sum(c.not_met), sum(c.unknown), sum(c.timed)
  FROM aggregate_counts c CROSS JOIN (VALUES ('author'), ('category'), ('quarter'), ('trust')) AS d(dim)
  GROUP BY 1, 2, 3, 4;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DELETE FROM aggregate_rollups;
--> statement-breakpoint
INSERT INTO aggregate_rollups (dim, key, favoured, status, decisions, assessed_decisions, met, partly_met, not_met, unknown, timed)
SELECT d.dim,
  CASE d.dim WHEN 'trust' THEN c.trust_id::text WHEN 'author' THEN c.author_id::text WHEN 'category' THEN c.category ELSE c.quarter END AS key,
  c.favoured, c.status, sum(c.decisions), sum(c.assessed_decisions), sum(c.met), sum(c.partly_met), sum(c.not_met), sum(c.unknown), sum(c.timed)
FROM aggregate_counts c CROSS JOIN (VALUES ('author'), ('category'), ('quarter'), ('trust')) AS d(dim)
GROUP BY 1, 2, 3, 4;
