-- The national sign-off median (issue 16, g16c): decisions counted by whole hours from submission to
-- sign-off (dim 'signoff_hour', key floor(days × 24)) instead of whole days, so the bucket that holds the
-- middle decision(s) — whose values are then read and ranked — holds a twenty-fourth as many: at
-- 1,000,000 decisions the day bucket held ~18,000 and took 155 ms to read. aggregate_rollup_keys() is
-- redefined (same signature; aggregate_flush and aggregate_rebuild call it) and the roll-ups rebuilt.
-- Date keys are now written with to_char, not ::text, so a session's DateStyle cannot change them.
CREATE OR REPLACE FUNCTION aggregate_rollup_keys(author_id uuid, factors text[], pending_due date[], sign_off_days float8,
  ratification text, has_risks boolean, outside_appetite boolean, outside_domains text[])
RETURNS TABLE (dim text, key text) AS $$
  SELECT 'factor_author', f || '|' || author_id::text FROM unnest(factors) f
  UNION ALL SELECT 'pending', to_char(p, 'YYYY-MM-DD') FROM unnest(pending_due) p
  UNION ALL SELECT 'pending_first', to_char(pending_due[1], 'YYYY-MM-DD') WHERE cardinality(pending_due) > 0
  UNION ALL SELECT 'signoff_hour', floor(sign_off_days * 24)::bigint::text WHERE sign_off_days IS NOT NULL
  UNION ALL SELECT 'ratification', ratification WHERE ratification <> ''
  UNION ALL SELECT 'risk_recorded', '' WHERE has_risks
  UNION ALL SELECT 'outside', '' WHERE outside_appetite
  UNION ALL SELECT 'outside_domain', od FROM unnest(outside_domains) od
$$ LANGUAGE sql IMMUTABLE;
--> statement-breakpoint
SELECT aggregate_rebuild();
