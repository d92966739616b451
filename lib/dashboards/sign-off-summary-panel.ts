import "server-only";
import { sql } from "drizzle-orm";
import type { Actor } from "../access";
import type { DashboardFilters } from "./filters";
import { reviewDueWhere } from "../review-due";
import { open, rowsOf, scopedKept, type DashboardView } from "./scope";
import { NATIONAL_MIN_TRUSTS, SECONDARY, isSuppressed, protectedCells, type Cell } from "./suppression";

// Panel 7: sign-off across the decisions in view. (A decision's own sign-off record is getSignOffPanel
// in lib/sign-off.ts.)

export type SignOffSummaryPanel = {
  /** Decisions with both a submission and a sign-off time. */
  timed: Cell;
  /** Median days from submission to sign-off, one decimal; null when none (or suppressed). */
  medianDays: number | null;
  awaiting: Cell;
  signedOff: Cell;
  /** Criteria whose date has passed with no assessment, on signed-off decisions, and their decisions. */
  reviewsDue: { criteria: Cell; decisions: Cell };
  /**
   * Of the decisions signed off (`timed`): those signed off by a board meeting's resolution recorded in
   * Fulcrum (lib/meetings), and the rest, signed off by members' own positions (or imported as such).
   */
  atMeeting: Cell;
  individually: Cell;
  /** Median days from submission to the meeting that resolved it, one decimal; null when none (or suppressed). */
  medianDaysToMeeting: number | null;
  /** National view only: the set covers fewer than NATIONAL_MIN_TRUSTS trusts, so no figure is given. */
  tooFewTrusts?: true;
};

export async function getSignOffSummaryPanel(actor: Actor, view: DashboardView, filters: DashboardFilters): Promise<SignOffSummaryPanel> {
  const { db, view: v, cell } = await open(actor, view);
  const [r] = await rowsOf<{
    trusts: number;
    total: number;
    timed: number;
    median_days: number | null;
    awaiting: number;
    signed_off: number;
    due_criteria: number;
    due_decisions: number;
    at_meeting: number;
    median_meeting_days: number | null;
  }>(
    db,
    // Counts from the kept counts; the median from the kept per-decision rows (days already worked
    // out); reviews due depend on today's date, so they are worked out here, from the kept rows.
    sql`with s as (${scopedKept(v, filters, "aggregate_counts")}),
      d as (${scopedKept(v, filters, "aggregate_decisions")}),
      due as (
        select c.id, c.decision_id from d join success_criteria c on c.decision_id = d.decision_id
        where d.status = 'signed_off' and ${reviewDueWhere({ criterion: "c", status: sql`d.status` })}
      ),
      m as (
        select d.decision_id, min(extract(epoch from (mt.starts_at - d.submitted_at)) / 86400.0) as days
        from d join meeting_items mi on mi.decision_id = d.decision_id and mi.resolution = 'approved'
        join meetings mt on mt.id = mi.meeting_id
        where d.status in ('signed_off', 'reviewed') and d.submitted_at is not null
        group by d.decision_id
      )
      select count(distinct trust_id)::int as trusts, coalesce(sum(decisions), 0)::int as total,
        coalesce(sum(timed), 0)::int as timed,
        (select percentile_cont(0.5) within group (order by sign_off_days) from d where sign_off_days is not null)::float8 as median_days,
        coalesce(sum(decisions) filter (where status = 'awaiting_sign_off'), 0)::int as awaiting,
        coalesce(sum(decisions) filter (where status = 'signed_off'), 0)::int as signed_off,
        (select count(*) from due)::int as due_criteria,
        (select count(distinct decision_id) from due)::int as due_decisions,
        (select count(*) from m)::int as at_meeting,
        (select percentile_cont(0.5) within group (order by days) from m)::float8 as median_meeting_days
      from s`,
  );
  if (v.kind === "national" && r.trusts < NATIONAL_MIN_TRUSTS) {
    return {
      timed: SECONDARY,
      medianDays: null,
      awaiting: SECONDARY,
      signedOff: SECONDARY,
      reviewsDue: { criteria: SECONDARY, decisions: SECONDARY },
      atMeeting: SECONDARY,
      individually: SECONDARY,
      medianDaysToMeeting: null,
      tooFewTrusts: true,
    };
  }
  // Two subtractions a reader could make, protected like a row's parts and its total: the set's size
  // (the balance panel's total, on the same page) minus awaiting minus "timed" (signed off, including
  // those since reviewed) is the rest (declined, withdrawn); "timed" minus "signed off" is the number
  // reviewed. The rest and the reviewed are never shown, but must not be worked out when 1 or 2. The
  // set's size is shown elsewhere, so it is never the cell hidden here.
  // Signed off at a meeting and individually are parts of "timed" too: protected the same way.
  const individuallyCount = Math.max(0, r.timed - r.at_meeting);
  let awaiting: Cell, timed: Cell, signedOff: Cell, atMeeting: Cell, individually: Cell;
  if (v.kind === "national") {
    const rest = Math.max(0, r.total - r.awaiting - r.timed);
    const reviewed = Math.max(0, r.timed - r.signed_off);
    const cells = protectedCells(
      [r.total, r.awaiting, r.timed, rest, r.signed_off, reviewed, r.at_meeting, individuallyCount],
      [
        { total: 0, parts: [1, 2, 3], hideTotalFirst: false },
        { total: 2, parts: [4, 5], hideTotalFirst: false },
        { total: 2, parts: [6, 7], hideTotalFirst: false },
      ],
    );
    [awaiting, timed, signedOff, atMeeting, individually] = [cells[1], cells[2], cells[4], cells[6], cells[7]];
  } else {
    [awaiting, timed, signedOff, atMeeting, individually] = [r.awaiting, r.timed, r.signed_off, r.at_meeting, individuallyCount];
  }
  const median = r.median_days === null || isSuppressed(timed) ? null : Math.round(Number(r.median_days) * 10) / 10;
  return {
    timed,
    medianDays: median,
    awaiting,
    signedOff,
    reviewsDue: { criteria: cell(r.due_criteria), decisions: cell(r.due_decisions) },
    atMeeting,
    individually,
    medianDaysToMeeting:
      r.median_meeting_days === null || isSuppressed(atMeeting) ? null : Math.round(Number(r.median_meeting_days) * 10) / 10,
  };
}
