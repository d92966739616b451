import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "../access";
import type { DashboardFilters } from "./filters";
import { canUseRollups, canUseTrustRollups, keptFilters, keptTrustFilters, open, rowsOf, scopedKept, scopedRollups, scopedTrustRollups, type DashboardView } from "./scope";
import { NATIONAL_MIN_TRUSTS, SECONDARY, isSuppressed, protectedCells, type Cell } from "./suppression";

// Chair's action and ratification (issue 14) across the decisions in view: how many were signed off
// between meetings by Chair's action, how many await ratification, how many the board did not ratify,
// and the lag from Chair's action to the board's resolution on it. One SQL aggregate over the kept
// per-decision rows (or, nationally, the roll-ups).

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

export async function getRatificationPanel(
  actor: Actor,
  view: DashboardView,
  filters: DashboardFilters,
  /** Tests and the benchmark: `rollups: false` reads the per-decision kept rows even where the roll-ups would do. */
  opts: { rollups?: boolean } = {},
): Promise<RatificationPanel> {
  const { db, view: v } = await open(actor, view);
  const lagMedian = (from: SQL) =>
    sql`(select percentile_cont(0.5) within group (order by action_lag_days) from ${from} where ratification in ('ratified', 'not_ratified') and action_lag_days is not null)::float8`;
  const [r] = await rowsOf<{ trusts: number; by_action: number; awaiting: number; ratified: number; not_ratified: number; median_lag: number | null }>(
    db,
    (opts.rollups ?? true) && canUseRollups(v, filters)
      ? // National, no filter but side and status: decisions by ratification state from the roll-ups;
        // the lag from the few decisions signed off by Chair's action (aggregate_decisions_ratification_idx).
        sql`with r as (${scopedRollups(filters, ["trust", "ratification"])})
        select (select count(distinct key) from r where dim = 'trust')::int as trusts,
          coalesce(sum(decisions), 0)::int as by_action,
          coalesce(sum(decisions) filter (where key = 'awaiting'), 0)::int as awaiting,
          coalesce(sum(decisions) filter (where key = 'ratified'), 0)::int as ratified,
          coalesce(sum(decisions) filter (where key = 'not_ratified'), 0)::int as not_ratified,
          ${lagMedian(sql`(select * from aggregate_decisions a where a.ratification <> '' and ${keptFilters(filters, "a")}) x`)} as median_lag
        from r where dim = 'ratification'`
      : (opts.rollups ?? true) && canUseTrustRollups(v, filters)
      ? // Trust and ICS views with no filter by category or period: the roll-ups by trust; the lag from
        // their decisions signed off by Chair's action (aggregate_decisions_trust_ratification_idx).
        sql`with r as (${scopedTrustRollups(v, filters, ["all", "ratification"])})
        select (select count(distinct trust_id) from r where dim = 'all')::int as trusts,
          coalesce(sum(decisions), 0)::int as by_action,
          coalesce(sum(decisions) filter (where key = 'awaiting'), 0)::int as awaiting,
          coalesce(sum(decisions) filter (where key = 'ratified'), 0)::int as ratified,
          coalesce(sum(decisions) filter (where key = 'not_ratified'), 0)::int as not_ratified,
          ${lagMedian(sql`(select * from aggregate_decisions a where a.ratification <> '' and ${keptTrustFilters(v, filters, "a")}) x`)} as median_lag
        from r where dim = 'ratification'`
      : sql`with d as (${scopedKept(v, filters, "aggregate_decisions")})
        select count(distinct trust_id)::int as trusts,
          (count(*) filter (where ratification <> ''))::int as by_action,
          (count(*) filter (where ratification = 'awaiting'))::int as awaiting,
          (count(*) filter (where ratification = 'ratified'))::int as ratified,
          (count(*) filter (where ratification = 'not_ratified'))::int as not_ratified,
          ${lagMedian(sql`d`)} as median_lag
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
