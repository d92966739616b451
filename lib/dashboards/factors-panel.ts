import "server-only";
import { sql } from "drizzle-orm";
import type { Actor } from "../access";
import { FACTORS, type DashboardFilters, type Factor } from "./filters";
import { canUseRollups, canUseTrustRollups, open, rowsOf, scopedKept, scopedRollups, scopedTrustRollups, type DashboardView } from "./scope";
import { NATIONAL_MIN_TRUSTS, protectedCells, type SideCounts } from "./suppression";

// Panel 4: factors weighed, like the study's Table 2.

export type FactorRow = { factor: Factor; decisions: SideCounts; chiefExecutives: SideCounts };
export type FactorsPanel = {
  rows: FactorRow[];
  /** National view only: the set covers fewer than NATIONAL_MIN_TRUSTS trusts, so no figure is given. */
  tooFewTrusts?: true;
};

/** Decisions and Chief Executives by factor and side, over `f` (factor, author_id, favoured, decisions). */
const factorTotals = sql`select f.factor,
    coalesce(sum(f.decisions) filter (where f.favoured = 'system'), 0)::int as ds,
    coalesce(sum(f.decisions) filter (where f.favoured = 'trust'), 0)::int as dt, sum(f.decisions)::int as d,
    count(distinct f.author_id) filter (where f.favoured = 'system')::int as cs,
    count(distinct f.author_id) filter (where f.favoured = 'trust')::int as ct,
    count(distinct f.author_id)::int as c
  from f
  group by f.factor`;

export async function getFactorsPanel(
  actor: Actor,
  view: DashboardView,
  filters: DashboardFilters,
  /** Tests and the benchmark: `rollups: false` reads the finer kept counts even where the roll-ups would do. */
  opts: { rollups?: boolean } = {},
): Promise<FactorsPanel> {
  const { db, view: v, cell } = await open(actor, view);
  type Row = { trusts: number; factor: Factor | null; ds: number; dt: number; d: number; cs: number; ct: number; c: number };
  const rows = await rowsOf<Row>(
    db,
    (opts.rollups ?? true) && canUseRollups(v, filters)
      ? // National, no filter but side and status: decisions by factor and Chief Executive (key
        // "factor|author id"), a few thousand rows, and the trusts from the roll-up by trust.
        sql`with r as (${scopedRollups(filters, ["trust", "factor_author"])}),
        n as (select count(distinct key)::int as trusts from r where dim = 'trust'),
        f as (select split_part(key, '|', 1) as factor, split_part(key, '|', 2) as author_id, favoured, decisions from r where dim = 'factor_author')
        select n.trusts, x.* from n left join (${factorTotals}) x on true`
      : (opts.rollups ?? true) && canUseTrustRollups(v, filters)
      ? // Trust and ICS views with no filter by category or period: the roll-ups by trust, by factor and
        // Chief Executive.
        sql`with r as (${scopedTrustRollups(v, filters, ["all", "factor_author"])}),
        n as (select count(distinct trust_id)::int as trusts from r where dim = 'all'),
        f as (select split_part(key, '|', 1) as factor, split_part(key, '|', 2) as author_id, favoured, decisions from r where dim = 'factor_author')
        select n.trusts, x.* from n left join (${factorTotals}) x on true`
      : // Read from the kept counts: decisions by key and factor (db/tables/aggregates.ts).
        sql`with s as (${scopedKept(v, filters, "aggregate_counts")}),
        n as (select count(distinct trust_id)::int as trusts from s),
        f as (${scopedKept(v, filters, "aggregate_factor_counts")})
        select n.trusts, x.* from n left join (${factorTotals}) x on true`,
  );
  const national = v.kind === "national";
  if (national && (rows[0]?.trusts ?? 0) < NATIONAL_MIN_TRUSTS) return { rows: [], tooFewTrusts: true };
  const byFactor = new Map(rows.filter((r) => r.factor).map((r) => [r.factor!, r]));
  // National: decisions by side add up to the row's total, so that row is protected (./suppression.ts).
  // Chief Executives by side don't add up (one can have both sides): their total is the union of the
  // sides, which still pins a hidden side (3 + "fewer than 3" of 5 in all: it is 2), so it is protected
  // as a union relation.
  const decisionCells = (r: { ds: number; dt: number; d: number }): SideCounts => {
    const [system, trust, total] = national
      ? protectedCells([r.ds, r.dt, r.d], [{ total: 2, parts: [0, 1], hideTotalFirst: true }])
      : [r.ds, r.dt, r.d];
    return { system, trust, total };
  };
  const chiefExecutiveCells = (r: { cs: number; ct: number; c: number }): SideCounts => {
    const [system, trust, total] = national
      ? protectedCells([r.cs, r.ct, r.c], [{ total: 2, parts: [0, 1], hideTotalFirst: true, kind: "union" }])
      : [cell(r.cs), cell(r.ct), cell(r.c)];
    return { system, trust, total };
  };
  return {
    rows: FACTORS.map((factor) => {
      const r = byFactor.get(factor) ?? { ds: 0, dt: 0, d: 0, cs: 0, ct: 0, c: 0 };
      return {
        factor,
        decisions: decisionCells(r),
        chiefExecutives: chiefExecutiveCells(r),
        _n: r.d,
      };
    })
      // National rows in the taxonomy's fixed order, never by counts (issue 15, finding 3).
      .sort((a, b) => (national ? FACTORS.indexOf(a.factor) - FACTORS.indexOf(b.factor) : b._n - a._n))
      .map(({ _n, ...rest }) => (void _n, rest)),
  };
}
