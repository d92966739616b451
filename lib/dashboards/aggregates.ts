// The kept aggregates' maintenance (issue 16): a from-scratch recount to compare with what the
// triggers keep, and a rebuild (after a restore, or if the check ever reports a difference). The
// tables and triggers are in db/tables/aggregates.ts and the migration *_h16_aggregates_sql.
// aggregate_rollups (the national roll-ups, migrations *_g16a_national_rollups_sql and
// *_g16b_panel_rollups_sql) and aggregate_trust_rollups (by trust, *_g16d_trust_rollups_sql) are checked
// against the same recount summed over each of their dimensions. Maintenance functions take the database, like lib/audit.ts's verifier: they run from scripts and
// tests, never from a page or the API.
import { sql } from "drizzle-orm";
import { executeRows, type DbOrTx } from "@/db/client";

const KEYS = ["trust_id", "author_id", "quarter", "category", "favoured", "status", "visibility"] as const;

export type AggregateDifference = { table: string; key: string; kept: string | null; recount: string | null };

/**
 * Compares every kept figure with a recount from the base tables in one snapshot: the per-decision
 * facts, the counts by key and the counts by key and factor. Answers the differences (none when exact).
 */
export async function checkAggregates(db: DbOrTx): Promise<AggregateDifference[]> {
  const keys = sql.raw(KEYS.join(", "));
  const facts = sql.raw("pending_due, ratification, action_lag_days, has_risks, outside_appetite, outside_domains, benefit_orgs, benefit_k");
  const keyText = sql.raw(KEYS.map((k) => `coalesce(x.${k}, y.${k})::text`).join(` || '/' || `));
  const rows = await executeRows<AggregateDifference>(
    db,
    sql`with kept_facts as (
        select decision_id, ${keys}, submitted_at, signed_off_at, sign_off_days, met, partly_met, not_met, unknown, factors, ${facts}
        from aggregate_decisions),
      recount_facts as (
        select decision_id, ${keys}, submitted_at, signed_off_at, sign_off_days, met, partly_met, not_met, unknown, factors, ${facts}
        from aggregate_decision_source),
      kept_counts as (
        select ${keys}, decisions, assessed_decisions, met, partly_met, not_met, unknown, timed
        from aggregate_counts
        where decisions <> 0 or assessed_decisions <> 0 or met <> 0 or partly_met <> 0 or not_met <> 0 or unknown <> 0 or timed <> 0),
      recount_counts as (
        select ${keys}, count(*)::int as decisions,
          (count(*) filter (where met + partly_met + not_met + unknown > 0))::int as assessed_decisions,
          sum(met)::int as met, sum(partly_met)::int as partly_met, sum(not_met)::int as not_met, sum(unknown)::int as unknown,
          (count(*) filter (where sign_off_days is not null))::int as timed
        from recount_facts group by ${keys}),
      kept_factors as (select ${keys}, factor, decisions from aggregate_factor_counts where decisions <> 0),
      recount_factors as (
        select ${keys}, factor, count(*)::int as decisions
        from (select r.*, unnest(r.factors) as factor from recount_facts r) f group by ${keys}, factor),
      kept_rollups as (
        select dim, key, favoured, status, decisions, assessed_decisions, met, partly_met, not_met, unknown, timed
        from aggregate_rollups
        where decisions <> 0 or assessed_decisions <> 0 or met <> 0 or partly_met <> 0 or not_met <> 0 or unknown <> 0 or timed <> 0),
      recount_rollups as (
        select d.dim,
          case d.dim when 'trust' then r.trust_id::text when 'author' then r.author_id::text when 'category' then r.category else r.quarter end as key,
          r.favoured, r.status, sum(r.decisions)::int as decisions, sum(r.assessed_decisions)::int as assessed_decisions,
          sum(r.met)::int as met, sum(r.partly_met)::int as partly_met, sum(r.not_met)::int as not_met, sum(r.unknown)::int as unknown,
          sum(r.timed)::int as timed
        from recount_counts r cross join (values ('author'), ('category'), ('quarter'), ('trust')) as d(dim)
        group by 1, 2, 3, 4
        union all
        select e.dim, e.key, r.favoured, r.status, count(*)::int, 0, 0, 0, 0, 0, 0
        from recount_facts r
        cross join lateral aggregate_rollup_keys(r.author_id, r.factors, r.pending_due, r.sign_off_days, r.ratification,
          r.has_risks, r.outside_appetite, r.outside_domains) e
        group by 1, 2, 3, 4),
      kept_trust_rollups as (
        select trust_id, dim, key, status, favoured, visibility, decisions, assessed_decisions, met, partly_met, not_met, unknown, timed, amount_k, amount_n
        from aggregate_trust_rollups
        where decisions <> 0 or assessed_decisions <> 0 or met <> 0 or partly_met <> 0 or not_met <> 0 or unknown <> 0 or timed <> 0
          or amount_k <> 0 or amount_n <> 0),
      recount_trust_rollups as (
        select r.trust_id, e.dim, e.key, r.status, r.favoured, e.visibility, count(*)::int as decisions,
          (count(*) filter (where r.met + r.partly_met + r.not_met + r.unknown > 0))::int as assessed_decisions,
          sum(r.met)::int as met, sum(r.partly_met)::int as partly_met, sum(r.not_met)::int as not_met, sum(r.unknown)::int as unknown,
          (count(*) filter (where r.sign_off_days is not null))::int as timed, sum(e.amount_k)::bigint as amount_k, sum(e.amount_n)::int as amount_n
        from recount_facts r
        cross join lateral aggregate_trust_rollup_keys(r.author_id, r.quarter, r.category, r.visibility, r.factors, r.sign_off_days, r.ratification,
          r.has_risks, r.outside_appetite, r.outside_domains, r.benefit_orgs, r.benefit_k) e
        group by 1, 2, 3, 4, 5, 6)
      select 'aggregate_decisions' as "table", coalesce(x.decision_id, y.decision_id)::text as key,
        row(x.*)::text as kept, row(y.*)::text as recount
      from kept_facts x full join recount_facts y on x.decision_id = y.decision_id
      where row(x.*) is distinct from row(y.*)
      union all
      select 'aggregate_counts', ${keyText}, row(x.*)::text, row(y.*)::text
      from kept_counts x full join recount_counts y using (${keys})
      where row(x.*) is distinct from row(y.*)
      union all
      select 'aggregate_factor_counts', ${keyText} || '/' || coalesce(x.factor, y.factor), row(x.*)::text, row(y.*)::text
      from kept_factors x full join recount_factors y using (${keys}, factor)
      where row(x.*) is distinct from row(y.*)
      union all
      select 'aggregate_rollups', coalesce(x.dim, y.dim) || '/' || coalesce(x.key, y.key) || '/' || coalesce(x.status, y.status) || '/' || coalesce(x.favoured, y.favoured),
        row(x.*)::text, row(y.*)::text
      from kept_rollups x full join recount_rollups y using (dim, key, status, favoured)
      where row(x.*) is distinct from row(y.*)
      union all
      select 'aggregate_trust_rollups',
        coalesce(x.trust_id, y.trust_id)::text || '/' || coalesce(x.dim, y.dim) || '/' || coalesce(x.key, y.key) || '/' || coalesce(x.status, y.status)
          || '/' || coalesce(x.favoured, y.favoured) || '/' || coalesce(x.visibility, y.visibility),
        row(x.*)::text, row(y.*)::text
      from kept_trust_rollups x full join recount_trust_rollups y using (trust_id, dim, key, status, favoured, visibility)
      where row(x.*) is distinct from row(y.*)
      limit 100`,
  );
  return rows;
}

/**
 * Recomputes every kept aggregate from the base tables, in one transaction, in key order (trust first).
 * `compact` (when no one is reading: a bulk load) locks the tables outright and TRUNCATEs them, leaving
 * no dead rows; otherwise they are emptied with DELETE and readers keep the old figures meanwhile.
 */
export async function rebuildAggregates(db: DbOrTx, opts: { compact?: boolean } = {}): Promise<{ decisions: number; counts: number }> {
  await db.execute(sql`select aggregate_rebuild(${opts.compact === true})`);
  const [r] = await executeRows<{ decisions: number; counts: number }>(
    db,
    sql`select (select count(*) from aggregate_decisions)::int as decisions, (select count(*) from aggregate_counts)::int as counts`,
  );
  return r;
}
