-- Reciprocity kept (issue 16, g16c): each counted decision's kept row (aggregate_decisions) also carries
-- the other organisations it names as benefiting and the £k named for each (benefit_orgs, benefit_k:
-- parallel arrays, columns added by the generated migration before this one), so the ICS view's
-- reciprocity panel reads its trusts' kept rows instead of joining decision_organisations.
-- decision_organisations now marks its decision dirty like the other tables; the view, aggregate_flush
-- and aggregate_rebuild are redefined whole (only the kept row's two columns are new), then rebuilt.
CREATE OR REPLACE VIEW aggregate_decision_source AS
SELECT d.id AS decision_id, d.trust_id, d.author_id,
  coalesce(to_char(d.decided_on - interval '3 months', 'YYYY-"Q"Q'), '') AS quarter,
  coalesce(d.category::text, '') AS category,
  coalesce(d.favoured::text, '') AS favoured,
  d.status::text AS status,
  d.visibility::text AS visibility,
  d.submitted_at, d.signed_off_at,
  CASE WHEN d.submitted_at IS NOT NULL AND d.signed_off_at IS NOT NULL
    THEN (extract(epoch FROM (d.signed_off_at - d.submitted_at)) / 86400.0)::float8 END AS sign_off_days,
  coalesce(o.met, 0)::int AS met,
  coalesce(o.partly_met, 0)::int AS partly_met,
  coalesce(o.not_met, 0)::int AS not_met,
  coalesce(o.unknown, 0)::int AS unknown,
  coalesce((SELECT array_agg(f.factor::text ORDER BY f.factor::text) FROM decision_factors f WHERE f.decision_id = d.id), '{}'::text[]) AS factors,
  coalesce((SELECT array_agg(c.judged_by ORDER BY c.judged_by) FROM success_criteria c
    WHERE c.decision_id = d.id AND c.removed_at IS NULL AND c.judged_by IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM criterion_outcomes co WHERE co.criterion_id = c.id)), '{}'::date[]) AS pending_due,
  coalesce(d.ratification::text, '') AS ratification,
  CASE WHEN d.ratification IN ('ratified', 'not_ratified') AND d.ratification_decided_at IS NOT NULL AND d.chairs_action_at IS NOT NULL
    THEN (extract(epoch FROM (d.ratification_decided_at - d.chairs_action_at)) / 86400.0)::float8 END AS action_lag_days,
  EXISTS (SELECT 1 FROM decision_risks r WHERE r.decision_id = d.id) AS has_risks,
  d.outside_appetite,
  CASE WHEN d.outside_appetite THEN coalesce((
    SELECT array_agg(DISTINCT e->>'domain' ORDER BY e->>'domain')
    FROM decision_versions dv
    CROSS JOIN LATERAL jsonb_array_elements(coalesce(dv.content->'riskAppetite'->'outside', '[]'::jsonb)) e
    WHERE dv.decision_id = d.id AND dv.version = d.version), '{}'::text[]) ELSE '{}'::text[] END AS outside_domains,
  coalesce(b.orgs, '{}'::uuid[]) AS benefit_orgs,
  coalesce(b.amounts, '{}'::integer[]) AS benefit_k
FROM decisions d
LEFT JOIN LATERAL (
  SELECT count(*) FILTER (WHERE l.outcome = 'met') AS met,
         count(*) FILTER (WHERE l.outcome = 'partly_met') AS partly_met,
         count(*) FILTER (WHERE l.outcome = 'not_met') AS not_met,
         count(*) FILTER (WHERE l.outcome = 'unknown') AS unknown
  FROM (
    SELECT DISTINCT ON (co.criterion_id) co.outcome
    FROM criterion_outcomes co
    JOIN success_criteria c ON c.id = co.criterion_id AND c.removed_at IS NULL
    WHERE co.decision_id = d.id
    ORDER BY co.criterion_id, co.created_at DESC, co.id DESC
  ) l
) o ON true
LEFT JOIN LATERAL (
  SELECT array_agg(l.organisation_id ORDER BY l.organisation_id, l.amount_k, l.id) AS orgs,
         array_agg(l.amount_k ORDER BY l.organisation_id, l.amount_k, l.id) AS amounts
  FROM decision_organisations l
  WHERE l.decision_id = d.id AND l.role = 'benefits' AND l.organisation_id <> d.trust_id
) b ON true
WHERE d.status <> 'draft' AND d.version > 0;
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
CREATE OR REPLACE FUNCTION aggregate_rebuild() RETURNS void AS $$
BEGIN
  LOCK TABLE aggregate_decisions, aggregate_counts, aggregate_factor_counts, aggregate_rollups IN EXCLUSIVE MODE;
  DELETE FROM aggregate_rollups;
  DELETE FROM aggregate_factor_counts;
  DELETE FROM aggregate_counts;
  DELETE FROM aggregate_decisions;
  INSERT INTO aggregate_decisions (decision_id, trust_id, author_id, quarter, category, favoured, status, visibility,
    submitted_at, signed_off_at, sign_off_days, met, partly_met, not_met, unknown, factors,
    pending_due, ratification, action_lag_days, has_risks, outside_appetite, outside_domains, benefit_orgs, benefit_k)
  SELECT decision_id, trust_id, author_id, quarter, category, favoured, status, visibility,
    submitted_at, signed_off_at, sign_off_days, met, partly_met, not_met, unknown, factors,
    pending_due, ratification, action_lag_days, has_risks, outside_appetite, outside_domains, benefit_orgs, benefit_k
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
  INSERT INTO aggregate_rollups (dim, key, favoured, status, decisions, assessed_decisions, met, partly_met, not_met, unknown, timed)
  SELECT e.dim, e.key, a.favoured, a.status, count(*), 0, 0, 0, 0, 0, 0
  FROM aggregate_decisions a
  CROSS JOIN LATERAL aggregate_rollup_keys(a.author_id, a.factors, a.pending_due, a.sign_off_days, a.ratification,
    a.has_risks, a.outside_appetite, a.outside_domains) e
  GROUP BY 1, 2, 3, 4;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER decision_organisations_aggregate_mark AFTER INSERT OR UPDATE OR DELETE ON decision_organisations
  FOR EACH ROW EXECUTE FUNCTION aggregate_mark();
--> statement-breakpoint
SELECT aggregate_rebuild();
