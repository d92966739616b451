-- Kept aggregates (issue 16), kept exact by triggers in the writing transaction.
-- 1. Every write to decisions, decision_factors, success_criteria or criterion_outcomes marks its
--    decision dirty for the transaction (aggregate_dirty, keyed by txid).
-- 2. At commit (a deferred constraint trigger), the transaction's dirty decisions are locked in a fixed
--    order (advisory locks, class 16016), their old contributions (aggregate_decisions) subtracted and
--    their new ones (aggregate_decision_source, a recount from the base tables) added to
--    aggregate_counts / aggregate_factor_counts, in key order so concurrent commits cannot deadlock.
-- Needs READ COMMITTED writers (the default): each statement after the lock sees the others' commits.
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
  coalesce((SELECT array_agg(f.factor::text ORDER BY f.factor::text) FROM decision_factors f WHERE f.decision_id = d.id), '{}'::text[]) AS factors
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
WHERE d.status <> 'draft' AND d.version > 0;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION aggregate_mark() RETURNS trigger AS $$
BEGIN
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
  LOCK TABLE aggregate_decisions, aggregate_counts, aggregate_factor_counts IN EXCLUSIVE MODE;
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
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER decisions_aggregate_mark AFTER INSERT OR UPDATE OR DELETE ON decisions
  FOR EACH ROW EXECUTE FUNCTION aggregate_mark();
--> statement-breakpoint
CREATE TRIGGER decision_factors_aggregate_mark AFTER INSERT OR UPDATE OR DELETE ON decision_factors
  FOR EACH ROW EXECUTE FUNCTION aggregate_mark();
--> statement-breakpoint
CREATE TRIGGER success_criteria_aggregate_mark AFTER INSERT OR UPDATE OR DELETE ON success_criteria
  FOR EACH ROW EXECUTE FUNCTION aggregate_mark();
--> statement-breakpoint
CREATE TRIGGER criterion_outcomes_aggregate_mark AFTER INSERT OR UPDATE OR DELETE ON criterion_outcomes
  FOR EACH ROW EXECUTE FUNCTION aggregate_mark();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER aggregate_dirty_flush AFTER INSERT ON aggregate_dirty
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION aggregate_flush();
--> statement-breakpoint
SELECT aggregate_rebuild();
