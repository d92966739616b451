import "server-only";
import { sql } from "drizzle-orm";
import type { Actor } from "../access";
import { FACTORS, type DashboardFilters, type Factor } from "./filters";
import { open, rowsOf, scopedDecisions, type DashboardView } from "./scope";
import { NATIONAL_MIN_TRUSTS, protectedCells, type SideCounts } from "./suppression";

// Panel 4: factors weighed, like the study's Table 2.

export type FactorRow = { factor: Factor; decisions: SideCounts; chiefExecutives: SideCounts };
export type FactorsPanel = {
  rows: FactorRow[];
  /** National view only: the set covers fewer than NATIONAL_MIN_TRUSTS trusts, so no figure is given. */
  tooFewTrusts?: true;
};

export async function getFactorsPanel(actor: Actor, view: DashboardView, filters: DashboardFilters): Promise<FactorsPanel> {
  const { db, view: v, cell } = await open(actor, view);
  const rows = await rowsOf<{ trusts: number; factor: Factor | null; ds: number; dt: number; d: number; cs: number; ct: number; c: number }>(
    db,
    sql`with s as (${scopedDecisions(v, filters)}),
      n as (select count(distinct trust_id)::int as trusts from s)
      select n.trusts, x.* from n left join (
        select f.factor::text as factor,
          count(*) filter (where s.favoured = 'system')::int as ds, count(*) filter (where s.favoured = 'trust')::int as dt, count(*)::int as d,
          count(distinct s.author_id) filter (where s.favoured = 'system')::int as cs,
          count(distinct s.author_id) filter (where s.favoured = 'trust')::int as ct,
          count(distinct s.author_id)::int as c
        from s join decision_factors f on f.decision_id = s.id
        group by f.factor
      ) x on true`,
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
      .sort((a, b) => b._n - a._n)
      .map(({ _n, ...rest }) => (void _n, rest)),
  };
}
