import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "../access";
import type { DashboardFilters } from "./filters";
import { todayInEngland } from "../clock";
import {
  canUseRollups,
  canUseTrustRollups,
  keptFilters,
  keptTrustFilters,
  open,
  rowsOf,
  scopedKept,
  scopedRollups,
  scopedTrustRollups,
  viewTrustIds,
  type DashboardView,
  type ResolvedView,
  type RollupDim,
} from "./scope";
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

type Row = {
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
};

export async function getSignOffSummaryPanel(
  actor: Actor,
  view: DashboardView,
  filters: DashboardFilters,
  /** Tests and the benchmark: `rollups: false` reads the per-decision kept rows even where the roll-ups would do. */
  opts: { rollups?: boolean } = {},
): Promise<SignOffSummaryPanel> {
  const { db, view: v, cell } = await open(actor, view);
  const today = todayInEngland();
  const rollups = opts.rollups ?? true;
  const [r] = await rowsOf<Row>(
    db,
    rollups && canUseRollups(v, filters)
      ? nationalSql(filters, today)
      : rollups && canUseTrustRollups(v, filters)
        ? trustRollupSql(v, filters, today)
        : keptSql(v, filters, today),
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

/**
 * Any view and filters, from the kept per-decision rows (aggregate_decisions): counts, the median, and
 * reviews due from each decision's kept judged-by dates of criteria not yet assessed (the rule of
 * lib/review-due.ts: signed off, live, judged-by date before today in England, no assessment).
 */
function keptSql(v: ResolvedView, filters: DashboardFilters, today: string): SQL {
  return sql`with d as (${scopedKept(v, filters, "aggregate_decisions")}),
      m as (${meetingDays(sql`d`)})
      select count(distinct trust_id)::int as trusts, count(*)::int as total,
        (count(*) filter (where sign_off_days is not null))::int as timed,
        (percentile_cont(0.5) within group (order by sign_off_days) filter (where sign_off_days is not null))::float8 as median_days,
        (count(*) filter (where status = 'awaiting_sign_off'))::int as awaiting,
        (count(*) filter (where status = 'signed_off'))::int as signed_off,
        coalesce(sum((select count(*) from unnest(pending_due) p where p < ${today}::date)) filter (where status = 'signed_off'), 0)::int as due_criteria,
        (count(*) filter (where status = 'signed_off' and pending_due[1] < ${today}::date))::int as due_decisions,
        (select count(*) from m)::int as at_meeting,
        (select percentile_cont(0.5) within group (order by days) from m)::float8 as median_meeting_days
      from d`;
}

/** Days from submission to the first board meeting that approved it, for the decisions of `d` signed off. */
function meetingDays(d: SQL): SQL {
  return sql`select d.decision_id, min(extract(epoch from (mt.starts_at - d.submitted_at)) / 86400.0) as days
        from ${d} join meeting_items mi on mi.decision_id = d.decision_id and mi.resolution = 'approved'
        join meetings mt on mt.id = mi.meeting_id
        where d.status in ('signed_off', 'reviewed') and d.submitted_at is not null
        group by d.decision_id`;
}

/**
 * The national view with no filter but side and status, from the roll-ups (a few thousand rows, however
 * many decisions): counts by trust; reviews due from the criteria and decisions counted by judged-by
 * date (each an index range over the dates before today); the median exactly, from the count of
 * decisions by whole hours to sign-off (which hour holds the middle) and then only that hour's values
 * (aggregate_decisions_sign_off_days_idx). Meetings are read from the approved meeting items, each looked
 * up in the kept rows.
 */
function nationalSql(filters: DashboardFilters, today: string): SQL {
  const a = keptFilters(filters, "a");
  const due = (dim: RollupDim) =>
    sql`(select coalesce(sum(p.decisions), 0) from (${scopedRollups(filters, [dim])}) p where p.status = 'signed_off' and p.key < ${today})::int`;
  return sql`with r as (${scopedRollups(filters, ["trust", "signoff_hour"])}),
      tr as (select * from r where dim = 'trust'),
      ${bucketMedian(sql`select key::bigint as b, sum(decisions)::bigint as n from r where dim = 'signoff_hour' group by 1`, 24, a)},
      m as (${meetingDays(sql`(select a.* from aggregate_decisions a join meeting_items mi on mi.decision_id = a.decision_id and mi.resolution = 'approved' where ${a}) d`)})
      select count(distinct key)::int as trusts, coalesce(sum(decisions), 0)::int as total, coalesce(sum(timed), 0)::int as timed,
        ${MEDIAN} as median_days,
        coalesce(sum(decisions) filter (where status = 'awaiting_sign_off'), 0)::int as awaiting,
        coalesce(sum(decisions) filter (where status = 'signed_off'), 0)::int as signed_off,
        ${due("pending")} as due_criteria,
        ${due("pending_first")} as due_decisions,
        (select count(*) from m)::int as at_meeting,
        (select percentile_cont(0.5) within group (order by days) from m)::float8 as median_meeting_days
      from tr`;
}

/**
 * The exact median of sign-off days from a count of decisions by bucket (`buckets`: rows of b, the
 * bucket floor(days × perDay), and n, its decisions): which bucket(s) hold the middle decision(s), then
 * only their values, read from aggregate_decisions rows meeting `cond` on alias `a` (through an index on
 * sign_off_days, a little wider than the buckets, then exactly the buckets' rule), ranked. CTEs h, c, rk,
 * bk, v, lo, hi; MEDIAN reads them.
 */
function bucketMedian(buckets: SQL, perDay: 1 | 24, cond: SQL): SQL {
  const k = sql.raw(String(perDay));
  return sql`h as (${buckets}),
      c as (select b, n, sum(n) over (order by b) - n as before from h),
      rk as (select floor((sum(n) - 1) / 2.0)::bigint as r1, ceil((sum(n) - 1) / 2.0)::bigint as r2 from h having sum(n) > 0),
      bk as (select min(c.b) as lo, max(c.b) as hi, min(c.before) as before from c, rk
        where (rk.r1 >= c.before and rk.r1 < c.before + c.n) or (rk.r2 >= c.before and rk.r2 < c.before + c.n)),
      v as (select a.sign_off_days as x, row_number() over (order by a.sign_off_days) - 1 + bk.before as i
        from aggregate_decisions a, bk
        where a.sign_off_days >= (bk.lo - 1) / ${k}.0 and a.sign_off_days < (bk.hi + 2) / ${k}.0
          and floor(a.sign_off_days * ${k}) between bk.lo and bk.hi and ${cond}),
      lo as (select v.x from v, rk where v.i = rk.r1),
      hi as (select v.x from v, rk where v.i = rk.r2)`;
}

/** The median read from bucketMedian's CTEs (as percentile_cont(0.5) gives it). */
const MEDIAN = sql`((select x from lo) + 0.5 * ((select x from hi) - (select x from lo)))::float8`;

/**
 * Trust and ICS views with no filter by category or period, from the roll-ups by trust: counts, the
 * median through the count by whole days (then that day's values, aggregate_decisions_trust_sign_off_days_idx),
 * reviews due from the signed-off decisions whose first pending date is before today
 * (aggregate_decisions_trust_due_idx: only the due ones are read), and the decisions approved at the
 * board meetings of the view's trusts (a decision is only ever on its own trust's agenda).
 */
function trustRollupSql(v: ResolvedView, filters: DashboardFilters, today: string): SQL {
  const a = keptTrustFilters(v, filters, "a");
  return sql`with r as (${scopedTrustRollups(v, filters, ["all", "signoff_day"])}),
      tr as (select * from r where dim = 'all'),
      ${bucketMedian(sql`select key::bigint as b, sum(decisions)::bigint as n from r where dim = 'signoff_day' group by 1`, 1, a)},
      due as (select coalesce(sum((select count(*) from unnest(a.pending_due) p where p < ${today}::date)), 0)::int as criteria, count(*)::int as decisions
        from aggregate_decisions a where a.status = 'signed_off' and a.pending_due[1] < ${today}::date and ${a}),
      m as (${meetingDays(sql`(select a.* from aggregate_decisions a
        where a.decision_id in (select mi.decision_id from meetings mt join meeting_items mi on mi.meeting_id = mt.id and mi.resolution = 'approved'
          where mt.trust_id = any(${viewTrustIds(v, filters)})) and ${a}) d`)})
      select count(distinct trust_id)::int as trusts, coalesce(sum(decisions), 0)::int as total, coalesce(sum(timed), 0)::int as timed,
        ${MEDIAN} as median_days,
        coalesce(sum(decisions) filter (where status = 'awaiting_sign_off'), 0)::int as awaiting,
        coalesce(sum(decisions) filter (where status = 'signed_off'), 0)::int as signed_off,
        (select criteria from due) as due_criteria,
        (select decisions from due) as due_decisions,
        (select count(*) from m)::int as at_meeting,
        (select percentile_cont(0.5) within group (order by days) from m)::float8 as median_meeting_days
      from tr`;
}
