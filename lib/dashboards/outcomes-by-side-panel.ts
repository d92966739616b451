import "server-only";
import { sql } from "drizzle-orm";
import type { Actor } from "../access";
import type { DashboardFilters, Favoured } from "./filters";
import { open, rowsOf, scopedDecisions, type DashboardView } from "./scope";
import { NATIONAL_MIN_TRUSTS, SECONDARY, isSuppressed, protectedCells, type Cell } from "./suppression";

// Panel 3: outcomes by side. (A decision's own outcomes panel is getOutcomesPanel in lib/outcomes.ts.)

export type OutcomeSide = {
  favoured: Favoured;
  /** Decisions of this side with at least one assessed criterion. */
  decisions: Cell;
  /** Criteria assessed (the latest assessment of each counts). */
  assessed: Cell;
  met: Cell;
  partlyMet: Cell;
  notMet: Cell;
  unknown: Cell;
  /** Shares of criteria with a known outcome (met + partly met + not met), 0–1; null when not shown. */
  shares: { met: number | null; partlyMet: number | null; notMet: number | null };
};

export type OutcomesBySidePanel = {
  sides: OutcomeSide[];
  /** National view only: the set covers fewer than NATIONAL_MIN_TRUSTS trusts, so no figure is given. */
  tooFewTrusts?: true;
};

export async function getOutcomesBySidePanel(actor: Actor, view: DashboardView, filters: DashboardFilters): Promise<OutcomesBySidePanel> {
  const { db, view: v, cell } = await open(actor, view);
  const rows = await rowsOf<{ trusts: number; favoured: Favoured | null; decisions: number; assessed: number; met: number; partly_met: number; not_met: number; unknown: number }>(
    db,
    sql`with s as (${scopedDecisions(v, filters)}),
      n as (select count(distinct trust_id)::int as trusts from s),
      latest as (
        select distinct on (o.criterion_id) o.criterion_id, o.decision_id, o.outcome
        from criterion_outcomes o
        join success_criteria c on c.id = o.criterion_id and c.removed_at is null
        where o.decision_id in (select id from s)
        order by o.criterion_id, o.created_at desc, o.id desc
      )
      select n.trusts, x.* from n left join (
        select s.favoured, count(distinct s.id)::int as decisions, count(*)::int as assessed,
          count(*) filter (where l.outcome = 'met')::int as met,
          count(*) filter (where l.outcome = 'partly_met')::int as partly_met,
          count(*) filter (where l.outcome = 'not_met')::int as not_met,
          count(*) filter (where l.outcome = 'unknown')::int as unknown
        from latest l join s on s.id = l.decision_id
        group by s.favoured
      ) x on true`,
  );
  const national = v.kind === "national";
  if (national && (rows[0]?.trusts ?? 0) < NATIONAL_MIN_TRUSTS) {
    const none = { decisions: SECONDARY, assessed: SECONDARY, met: SECONDARY, partlyMet: SECONDARY, notMet: SECONDARY, unknown: SECONDARY };
    return {
      sides: (["system", "trust"] as const).map((favoured) => ({ favoured, ...none, shares: { met: null, partlyMet: null, notMet: null } })),
      tooFewTrusts: true,
    };
  }
  const sides: OutcomeSide[] = (["system", "trust"] as const).map((side) => {
    const r = rows.find((x) => x.favoured === side) ?? { decisions: 0, assessed: 0, met: 0, partly_met: 0, not_met: 0, unknown: 0 };
    const known = r.met + r.partly_met + r.not_met;
    // National: met + partly met + not met + unknown = assessed, protected as one row (./suppression.ts).
    const [met, partlyMet, notMet, unknown, assessed] = national
      ? protectedCells([r.met, r.partly_met, r.not_met, r.unknown, r.assessed], [{ total: 4, parts: [0, 1, 2, 3], hideTotalFirst: true }])
      : [r.met, r.partly_met, r.not_met, r.unknown, r.assessed];
    // A share with its count would give the hidden denominator, so any hidden outcome hides every share.
    const anyHidden = [met, partlyMet, notMet].some(isSuppressed) || (national && known >= 1 && known <= 2);
    const share = (c: Cell) => (anyHidden || isSuppressed(c) || known === 0 ? null : c / known);
    return {
      favoured: side,
      decisions: cell(r.decisions),
      assessed,
      met,
      partlyMet,
      notMet,
      unknown,
      shares: { met: share(met), partlyMet: share(partlyMet), notMet: share(notMet) },
    };
  });
  return { sides };
}
