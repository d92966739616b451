import "server-only";
import { sql } from "drizzle-orm";
import type { Actor } from "../access";
import type { DashboardFilters } from "./filters";
import { open, rowsOf, scopedDecisions, type DashboardView } from "./scope";
import { NATIONAL_MIN_TRUSTS, SECONDARY, isSuppressed, protectedCells, type Cell } from "./suppression";

// Chair's action and ratification (issue 14) across the decisions in view: how many were signed off
// between meetings by Chair's action, how many await ratification, how many the board did not ratify,
// and the lag from Chair's action to the board's resolution on it. One SQL aggregate.

export type RatificationPanel = {
  /** Decisions signed off by Chair's action (any ratification state). */
  byChairsAction: Cell;
  awaiting: Cell;
  ratified: Cell;
  notRatified: Cell;
  /** Median days from Chair's action to the board's resolution (ratified or not), one decimal; null when none (or suppressed). */
  medianLagDays: number | null;
  /** National view only: the set covers fewer than NATIONAL_MIN_TRUSTS trusts, so no figure is given. */
  tooFewTrusts?: true;
};

export async function getRatificationPanel(actor: Actor, view: DashboardView, filters: DashboardFilters): Promise<RatificationPanel> {
  const { db, view: v } = await open(actor, view);
  const [r] = await rowsOf<{ trusts: number; by_action: number; awaiting: number; ratified: number; not_ratified: number; median_lag: number | null }>(
    db,
    sql`with d as (${scopedDecisions(v, filters, sql`, decisions.ratification::text as ratification, decisions.chairs_action_at, decisions.ratification_decided_at`)})
      select count(distinct trust_id)::int as trusts,
        (count(*) filter (where ratification is not null))::int as by_action,
        (count(*) filter (where ratification = 'awaiting'))::int as awaiting,
        (count(*) filter (where ratification = 'ratified'))::int as ratified,
        (count(*) filter (where ratification = 'not_ratified'))::int as not_ratified,
        (percentile_cont(0.5) within group (order by extract(epoch from (ratification_decided_at - chairs_action_at)) / 86400.0)
          filter (where ratification in ('ratified', 'not_ratified') and ratification_decided_at is not null and chairs_action_at is not null))::float8 as median_lag
      from d`,
  );
  if (v.kind === "national" && r.trusts < NATIONAL_MIN_TRUSTS) {
    return { byChairsAction: SECONDARY, awaiting: SECONDARY, ratified: SECONDARY, notRatified: SECONDARY, medianLagDays: null, tooFewTrusts: true };
  }
  let cells: Cell[] = [r.by_action, r.awaiting, r.ratified, r.not_ratified];
  // National: counts of 1 or 2 are never sent, and the three states are parts of their total.
  if (v.kind === "national") cells = protectedCells(cells as number[], [{ total: 0, parts: [1, 2, 3], hideTotalFirst: false }]);
  const [byChairsAction, awaiting, ratified, notRatified] = cells;
  const resolved = isSuppressed(ratified) || isSuppressed(notRatified) ? 0 : (ratified as number) + (notRatified as number);
  const medianLagDays = r.median_lag === null || resolved === 0 || (v.kind === "national" && resolved < 3) ? null : Math.round(Number(r.median_lag) * 10) / 10;
  return { byChairsAction, awaiting, ratified, notRatified, medianLagDays };
}
