-- Roll-ups by trust (issue 16, g16d): the trust and ICS views read aggregate_trust_rollups (table and
-- indexes in the generated migration before this one) — each trust's kept rows summed over one dimension
-- at a time, by status, side and visibility — instead of every decision's kept row: at 1,000,000
-- decisions an ICS has 16,000–24,000 decisions, and its panels read them one by one (314 ms of SQL per
-- load). The keys of a kept row are aggregate_trust_rollup_keys() below (dimensions listed in
-- db/tables/aggregates.ts). Kept by the same commit trigger (aggregate_flush, redefined whole with one
-- more statement, in key order like the others: no two flushes lock the same rows in opposite orders),
-- emptied and refilled by aggregate_rebuild() (redefined whole: one more table). Filled here from the
-- kept per-decision rows, which are exact.
-- Visibility is kept only where a panel tells shared from confidential decisions ('all': the register's
-- count of what the viewer may read; 'gave' and 'benefit': reciprocity's £ and flows, shared ones only);
-- elsewhere it is '' and every decision counts, as in the panels' per-decision reads.
CREATE OR REPLACE FUNCTION aggregate_trust_rollup_keys(author_id uuid, quarter text, category text, vis text, factors text[],
  sign_off_days float8, ratification text, has_risks boolean, outside_appetite boolean, outside_domains text[],
  benefit_orgs uuid[], benefit_k integer[])
RETURNS TABLE (dim text, key text, visibility text, amount_k bigint, amount_n integer) AS $$
  SELECT 'all', '', vis, 0::bigint, 0
  UNION ALL SELECT 'author', author_id::text, '', 0, 0
  UNION ALL SELECT 'category', category, '', 0, 0
  UNION ALL SELECT 'quarter', quarter, '', 0, 0
  UNION ALL SELECT 'factor_author', f || '|' || author_id::text, '', 0, 0 FROM unnest(factors) f
  UNION ALL SELECT 'signoff_day', floor(sign_off_days)::bigint::text, '', 0, 0 WHERE sign_off_days IS NOT NULL
  UNION ALL SELECT 'ratification', ratification, '', 0, 0 WHERE ratification <> ''
  UNION ALL SELECT 'risk_recorded', '', '', 0, 0 WHERE has_risks
  UNION ALL SELECT 'outside', '', '', 0, 0 WHERE outside_appetite
  UNION ALL SELECT 'outside_domain', od, '', 0, 0 FROM unnest(outside_domains) od
  UNION ALL SELECT 'gave', '', vis, coalesce(sum(k), 0)::bigint, count(k)::int FROM unnest(benefit_k) k HAVING cardinality(benefit_orgs) > 0
  UNION ALL SELECT 'benefit', b.o::text, vis, coalesce(sum(b.k), 0)::bigint, count(b.k)::int FROM unnest(benefit_orgs, benefit_k) AS b(o, k) GROUP BY b.o
$$ LANGUAGE sql IMMUTABLE;
--> statement-breakpoint
-- Adds every kept per-decision row's roll-ups by trust (into an empty table): aggregate_rebuild() and this migration.
CREATE OR REPLACE FUNCTION aggregate_trust_rollups_fill() RETURNS void AS $$
  INSERT INTO aggregate_trust_rollups (trust_id, dim, key, status, favoured, visibility,
    decisions, assessed_decisions, met, partly_met, not_met, unknown, timed, amount_k, amount_n)
  SELECT a.trust_id, e.dim, e.key, a.status, a.favoured, e.visibility,
    count(*), count(*) FILTER (WHERE a.met + a.partly_met + a.not_met + a.unknown > 0), sum(a.met), sum(a.partly_met), sum(a.not_met),
    sum(a.unknown), count(*) FILTER (WHERE a.sign_off_days IS NOT NULL), sum(e.amount_k)::bigint, sum(e.amount_n)
  FROM aggregate_decisions a
  CROSS JOIN LATERAL aggregate_trust_rollup_keys(a.author_id, a.quarter, a.category, a.visibility, a.factors, a.sign_off_days, a.ratification,
    a.has_risks, a.outside_appetite, a.outside_domains, a.benefit_orgs, a.benefit_k) e
  GROUP BY 1, 2, 3, 4, 5, 6
  ORDER BY 1, 2, 3, 4, 5, 6;
$$ LANGUAGE sql;
--> statement-breakpoint
-- Marks the trusts of the decisions `ids` (every trust when null) as changed: called by aggregate_flush
-- and aggregate_rebuild; a no-op here, given its body by migration *_g16d_text_versions_sql.
CREATE OR REPLACE FUNCTION aggregate_touch(ids uuid[]) RETURNS void AS $$
BEGIN
  NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
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

  -- Panel roll-ups (g16b): keys from aggregate_rollup_keys(), counted by side and status, in key order.
  INSERT INTO aggregate_rollups AS c (dim, key, favoured, status, decisions, assessed_decisions, met, partly_met, not_met, unknown, timed)
  SELECT e.dim, e.key, x.favoured, x.status, sum(x.sgn), 0, 0, 0, 0, 0, 0
  FROM (
    SELECT -1 AS sgn, a.author_id, a.favoured, a.status, a.factors, a.pending_due, a.sign_off_days, a.ratification,
      a.has_risks, a.outside_appetite, a.outside_domains
    FROM aggregate_decisions a WHERE a.decision_id = ANY (ids)
    UNION ALL
    SELECT 1, s.author_id, s.favoured, s.status, s.factors, s.pending_due, s.sign_off_days, s.ratification,
      s.has_risks, s.outside_appetite, s.outside_domains
    FROM aggregate_decision_source s WHERE s.decision_id = ANY (ids)
  ) x
  CROSS JOIN LATERAL aggregate_rollup_keys(x.author_id, x.factors, x.pending_due, x.sign_off_days, x.ratification,
    x.has_risks, x.outside_appetite, x.outside_domains) e
  GROUP BY e.dim, e.key, x.status, x.favoured
  HAVING sum(x.sgn) <> 0
  ORDER BY e.dim, e.key, x.status, x.favoured
  ON CONFLICT (dim, key, status, favoured) DO UPDATE SET decisions = c.decisions + excluded.decisions;

  -- Roll-ups by trust (g16d): keys from aggregate_trust_rollup_keys(), by trust, status, side and
  -- visibility, in key order.
  INSERT INTO aggregate_trust_rollups AS c (trust_id, dim, key, status, favoured, visibility,
    decisions, assessed_decisions, met, partly_met, not_met, unknown, timed, amount_k, amount_n)
  SELECT x.trust_id, e.dim, e.key, x.status, x.favoured, e.visibility,
    sum(x.sgn), sum(x.sgn * (x.met + x.partly_met + x.not_met + x.unknown > 0)::int), sum(x.sgn * x.met), sum(x.sgn * x.partly_met),
    sum(x.sgn * x.not_met), sum(x.sgn * x.unknown), sum(x.sgn * (x.sign_off_days IS NOT NULL)::int),
    sum(x.sgn * e.amount_k)::bigint, sum(x.sgn * e.amount_n)
  FROM (
    SELECT -1 AS sgn, a.trust_id, a.author_id, a.quarter, a.category, a.favoured, a.status, a.visibility,
      a.met, a.partly_met, a.not_met, a.unknown, a.factors, a.sign_off_days, a.ratification,
      a.has_risks, a.outside_appetite, a.outside_domains, a.benefit_orgs, a.benefit_k
    FROM aggregate_decisions a WHERE a.decision_id = ANY (ids)
    UNION ALL
    SELECT 1, s.trust_id, s.author_id, s.quarter, s.category, s.favoured, s.status, s.visibility,
      s.met, s.partly_met, s.not_met, s.unknown, s.factors, s.sign_off_days, s.ratification,
      s.has_risks, s.outside_appetite, s.outside_domains, s.benefit_orgs, s.benefit_k
    FROM aggregate_decision_source s WHERE s.decision_id = ANY (ids)
  ) x
  CROSS JOIN LATERAL aggregate_trust_rollup_keys(x.author_id, x.quarter, x.category, x.visibility, x.factors, x.sign_off_days, x.ratification,
    x.has_risks, x.outside_appetite, x.outside_domains, x.benefit_orgs, x.benefit_k) e
  GROUP BY x.trust_id, e.dim, e.key, x.status, x.favoured, e.visibility
  HAVING sum(x.sgn) <> 0 OR sum(x.sgn * x.met) <> 0 OR sum(x.sgn * x.partly_met) <> 0 OR sum(x.sgn * x.not_met) <> 0
    OR sum(x.sgn * x.unknown) <> 0 OR sum(x.sgn * (x.met + x.partly_met + x.not_met + x.unknown > 0)::int) <> 0
    OR sum(x.sgn * (x.sign_off_days IS NOT NULL)::int) <> 0 OR sum(x.sgn * e.amount_k) <> 0 OR sum(x.sgn * e.amount_n) <> 0
  ORDER BY x.trust_id, e.dim, e.key, x.status, x.favoured, e.visibility
  ON CONFLICT (trust_id, dim, key, status, favoured, visibility) DO UPDATE SET
    decisions = c.decisions + excluded.decisions,
    assessed_decisions = c.assessed_decisions + excluded.assessed_decisions,
    met = c.met + excluded.met,
    partly_met = c.partly_met + excluded.partly_met,
    not_met = c.not_met + excluded.not_met,
    unknown = c.unknown + excluded.unknown,
    timed = c.timed + excluded.timed,
    amount_k = c.amount_k + excluded.amount_k,
    amount_n = c.amount_n + excluded.amount_n;

  -- The changed decisions' trusts are touched (a no-op until migration *_g16d_text_versions_sql),
  -- last of the shared rows this flush locks, in trust order.
  PERFORM aggregate_touch(ids);

  DELETE FROM aggregate_decisions WHERE decision_id = ANY (ids);
  INSERT INTO aggregate_decisions (decision_id, trust_id, author_id, quarter, category, favoured, status, visibility,
    submitted_at, signed_off_at, sign_off_days, met, partly_met, not_met, unknown, factors,
    pending_due, ratification, action_lag_days, has_risks, outside_appetite, outside_domains, benefit_orgs, benefit_k)
  SELECT decision_id, trust_id, author_id, quarter, category, favoured, status, visibility,
    submitted_at, signed_off_at, sign_off_days, met, partly_met, not_met, unknown, factors,
    pending_due, ratification, action_lag_days, has_risks, outside_appetite, outside_domains, benefit_orgs, benefit_k
  FROM aggregate_decision_source WHERE decision_id = ANY (ids);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION aggregate_rebuild(compact boolean DEFAULT false) RETURNS void AS $$
BEGIN
  -- compact (migrations, the generator's --bulk: no one is reading): lock everyone out from the start
  -- (no lock upgrade to deadlock on) and TRUNCATE, where the role may. Otherwise (aggregates:rebuild
  -- on a live app, or a role with DELETE only): writers wait, readers go on reading the old figures.
  IF compact AND has_table_privilege('aggregate_decisions', 'TRUNCATE') AND has_table_privilege('aggregate_counts', 'TRUNCATE')
    AND has_table_privilege('aggregate_factor_counts', 'TRUNCATE') AND has_table_privilege('aggregate_rollups', 'TRUNCATE')
    AND has_table_privilege('aggregate_trust_rollups', 'TRUNCATE') THEN
    LOCK TABLE aggregate_decisions, aggregate_counts, aggregate_factor_counts, aggregate_rollups, aggregate_trust_rollups IN ACCESS EXCLUSIVE MODE;
    TRUNCATE aggregate_trust_rollups, aggregate_rollups, aggregate_factor_counts, aggregate_counts, aggregate_decisions;
  ELSE
    LOCK TABLE aggregate_decisions, aggregate_counts, aggregate_factor_counts, aggregate_rollups, aggregate_trust_rollups IN EXCLUSIVE MODE;
    DELETE FROM aggregate_trust_rollups;
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
  PERFORM aggregate_trust_rollups_fill();
  PERFORM aggregate_touch(NULL);
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DELETE FROM aggregate_trust_rollups;
--> statement-breakpoint
SELECT aggregate_trust_rollups_fill();
