import "server-only";
import { sql } from "drizzle-orm";
import type { Actor } from "../access";
import type { DashboardFilters, Favoured } from "./filters";
import { canUseRollups, canUseTrustRollups, open, rowsOf, scopedKept, scopedRollups, scopedTrustRollups, type DashboardView } from "./scope";
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

export async function getOutcomesBySidePanel(
  actor: Actor,
  view: DashboardView,
  filters: DashboardFilters,
  /** Tests and the benchmark: `rollups: false` reads the finer kept counts even where the roll-ups would do. */
  opts: { rollups?: boolean } = {},
): Promise<OutcomesBySidePanel> {
  const { db, view: v, cell } = await open(actor, view);
  const rows = await rowsOf<{ trusts: number; favoured: Favoured | null; decisions: number; assessed: number; met: number; partly_met: number; not_met: number; unknown: number }>(
    db,
    // Read from the kept counts: each decision's latest outcome per live criterion is counted once,
    // when written (db/tables/aggregates.ts), instead of deduplicating every outcome here.
    // The national view with no filter but side and status reads the per-trust roll-up rows instead.
    // Trust and ICS views with no filter by category or period read their trusts' roll-up rows ('all').
    sql`with s as (${
      (opts.rollups ?? true) && canUseRollups(v, filters)
        ? sql`select key::uuid as trust_id, r.* from (${scopedRollups(filters, ["trust"])}) r`
        : (opts.rollups ?? true) && canUseTrustRollups(v, filters)
          ? scopedTrustRollups(v, filters, ["all"])
          : scopedKept(v, filters, "aggregate_counts")
    }),
      n as (select count(distinct trust_id)::int as trusts from s)
      select n.trusts, x.* from n left join (
        select s.favoured, sum(assessed_decisions)::int as decisions, sum(met + partly_met + not_met + unknown)::int as assessed,
          sum(met)::int as met, sum(partly_met)::int as partly_met, sum(not_met)::int as not_met, sum(unknown)::int as unknown
        from s
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
