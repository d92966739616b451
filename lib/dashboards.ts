import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, type Database } from "@/db/client";
import { assertCan, readableDecisionsWhere, type Actor } from "./access";
import {
  DEFAULT_STATUSES,
  FACTORS,
  quarterRange,
  quartersBetween,
  quarterOf,
  type Category,
  type DashboardFilters,
  type DashboardKind,
  type Factor,
  type Favoured,
  type Status,
  type TrustType,
} from "./dashboard-filters";
import { AppError } from "./errors";
import { londonDate } from "./format";
import { protectCells, type CellState, type Relation } from "./suppression";
import { countWordPairs, countWordPairsByDocument, type WordPairCount } from "./word-pairs";

// Dashboards: every number is an aggregate computed in SQL (GROUP BY, count(*) FILTER), one round
// trip per panel. Counts cover every submitted decision of the organisations in view, confidential
// ones too; only the register's list of decisions respects who may read what.
//
// The national view answers in aggregates only: no trust or Chief Executive keys, no decision text,
// and any count of 1 or 2 comes back as { suppressed: true } — never the number — so no page or API
// built on these DTOs can show it by mistake. Further (lib/suppression.ts):
// - When the filtered set covers fewer than NATIONAL_MIN_TRUSTS distinct trusts (counted in SQL in
//   each panel's own query), the panel says so (`tooFewTrusts: true`) and carries no figure at all:
//   ICS + trust type often narrows the set to one trust.
// - Balance rows keyed by an organisation attribute (trust type, ICS) that cover fewer than
//   NATIONAL_MIN_TRUSTS trusts are withheld: such a row is one or two trusts' own figures.
// - Secondary suppression: where a row shows parts and their total (system / trust / all; met / partly
//   / not met / unknown / assessed) or group rows add up to the grand total (by ICS, trust type,
//   category, quarter), one more cell is hidden whenever a hidden cell could be worked out by
//   subtraction. Such cells are { suppressed: true, secondary: true } ("not shown").
//   Limit: relations across panels or across two requests with different filters are not tracked.

// ---------------------------------------------------------------- views and access

export type DashboardView = { kind: "trust"; ods: string } | { kind: "ics"; ods: string } | { kind: "national" };

type ResolvedView =
  | { kind: "trust"; ods: string; orgId: string; name: string }
  | { kind: "ics"; ods: string; orgId: string; name: string }
  | { kind: "national"; name: string };

/**
 * Who may open which dashboard. Decided from the actor's memberships (no database read): the Chief
 * Executive and board of a trust its trust view, the ICS lead its ICS view, a national analyst the
 * national view. Anything else is "not found".
 */
export function resolveDashboardView(actor: Actor, view: DashboardView): ResolvedView {
  if (view.kind === "national") {
    assertCan(actor, "dashboard.national", null, { what: "Dashboard" });
    return { kind: "national", name: "All Integrated Care Systems" };
  }
  const ods = view.ods.toUpperCase();
  const kind = view.kind === "trust" ? "trust" : "ics";
  const m = actor.memberships.find((x) => x.ods === ods && x.organisationKind === kind);
  if (!m) throw new AppError("not_found", "Dashboard not found");
  assertCan(actor, view.kind === "trust" ? "dashboard.trust" : "dashboard.ics", { id: m.organisationId, kind, icsId: m.icsId }, { what: "Dashboard" });
  return { kind, ods, orgId: m.organisationId, name: m.organisationName };
}

// ---------------------------------------------------------------- suppression

/** `secondary`: hidden (whatever its size) so that a small count elsewhere cannot be worked out. */
export type Suppressed = { suppressed: true; secondary?: true };
/** A count. In the national view a count of 1 or 2 is never sent: it is { suppressed: true }. */
export type Cell = number | Suppressed;

export const isSuppressed = (c: Cell): c is Suppressed => typeof c === "object";

/** The national view shows nothing for a set (or an organisation-keyed row) covering fewer trusts. */
export const NATIONAL_MIN_TRUSTS = 3;

const SECONDARY: Suppressed = { suppressed: true, secondary: true };

/** Applies protectCells to a list of raw counts: numbers where shown, Suppressed where not. */
function protectedCells(values: number[], relations: Relation[], initial: CellState[] = []): Cell[] {
  const state = protectCells(values, relations, initial);
  return values.map((v, i) => (state[i] === "shown" ? v : state[i] === "small" ? { suppressed: true } : SECONDARY));
}

function cellFor(kind: DashboardKind) {
  return (n: number | string | null | undefined): Cell => {
    const v = Number(n ?? 0);
    return kind === "national" && v >= 1 && v <= 2 ? { suppressed: true } : v;
  };
}

/** A share (0–1) of two counts, or null when either side is suppressed or the total is nought. */
function shareOf(part: Cell, whole: Cell): number | null {
  if (isSuppressed(part) || isSuppressed(whole) || whole === 0) return null;
  return part / whole;
}

// ---------------------------------------------------------------- the set of decisions in view

/**
 * The decisions a dashboard counts, as a CTE body: submitted (never drafts), in the view's
 * organisations, narrowed by the filters. Columns: id, trust_id, author_id, favoured, category,
 * status, visibility, submitted_at, signed_off_at, quarter, trust_type, ics_id.
 */
function scopedDecisions(view: ResolvedView, f: DashboardFilters, extraColumns: SQL = sql``): SQL {
  const conds: SQL[] = [sql`decisions.status <> 'draft'`, sql`decisions.version > 0`];
  if (view.kind === "trust") conds.push(sql`decisions.trust_id = ${view.orgId}`);
  if (view.kind === "ics") conds.push(sql`t.ics_id = ${view.orgId}`);
  if (f.ics && view.kind === "national") conds.push(sql`i.ods = ${f.ics}`);
  if (f.trust && view.kind === "ics") conds.push(sql`t.ods = ${f.trust}`);
  if (f.trustType) conds.push(sql`t.trust_type = ${f.trustType}`);
  if (f.category) conds.push(sql`decisions.category = ${f.category}`);
  if (f.favoured) conds.push(sql`decisions.favoured = ${f.favoured}`);
  if (f.status) conds.push(sql`decisions.status = ${f.status}`);
  else conds.push(sql`decisions.status in (${sql.join(DEFAULT_STATUSES.map((s) => sql`${s}`), sql`, `)})`);
  if (f.from) conds.push(sql`decisions.decided_on >= ${quarterRange(f.from).from}::date`);
  if (f.to) conds.push(sql`decisions.decided_on <= ${quarterRange(f.to).to}::date`);
  return sql`select decisions.id, decisions.trust_id, decisions.author_id, decisions.favoured::text as favoured,
      decisions.category::text as category, decisions.status::text as status, decisions.visibility::text as visibility,
      decisions.submitted_at, decisions.signed_off_at,
      to_char(decisions.decided_on - interval '3 months', 'YYYY-"Q"Q') as quarter,
      t.trust_type::text as trust_type, t.ics_id ${extraColumns}
    from decisions
    join organisations t on t.id = decisions.trust_id
    left join organisations i on i.id = t.ics_id
    where ${sql.join(conds, sql` and `)}`;
}

async function rowsOf<T>(db: Database, q: SQL): Promise<T[]> {
  const r = (await db.execute(q)) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
}

type Ctx = { db: Database; view: ResolvedView; cell: (n: number | string | null | undefined) => Cell };

async function open(actor: Actor, view: DashboardView): Promise<Ctx> {
  const resolved = resolveDashboardView(actor, view);
  return { db: await getDb(), view: resolved, cell: cellFor(resolved.kind) };
}

// ---------------------------------------------------------------- page context (filter options)

export type DashboardContext = {
  kind: DashboardKind;
  name: string;
  ods: string | null;
  /** Trusts of the ICS (ICS view's trust filter). */
  trusts: { ods: string; name: string }[];
  /** ICSs (national view's ICS filter). */
  icss: { ods: string; name: string }[];
  /** Quarters from the earliest to the latest decision in view (at least the current one). */
  quarters: string[];
};

export async function getDashboardContext(actor: Actor, view: DashboardView): Promise<DashboardContext> {
  const { db, view: v } = await open(actor, view);
  const scope =
    v.kind === "trust" ? sql`d.trust_id = ${v.orgId}` : v.kind === "ics" ? sql`t.ics_id = ${v.orgId}` : sql`true`;
  const rows = await rowsOf<{ kind: string; ods: string | null; name: string | null }>(
    db,
    sql`select 'range' as kind, min(d.decided_on)::text as ods, max(d.decided_on)::text as name
          from decisions d join organisations t on t.id = d.trust_id
          where d.status <> 'draft' and d.version > 0 and ${scope}
        union all
        select 'trust', o.ods, o.name from organisations o where ${v.kind === "ics" ? sql`o.ics_id = ${v.orgId} and o.kind = 'trust'` : sql`false`}
        union all
        select 'ics', o.ods, o.name from organisations o where ${v.kind === "national" ? sql`o.kind = 'ics'` : sql`false`}`,
  );
  const range = rows.find((r) => r.kind === "range");
  const today = new Date().toISOString().slice(0, 10);
  const first = quarterOf(range?.ods ?? today);
  const lastDate = range?.name && range.name > today ? range.name : today;
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "en-GB");
  return {
    kind: v.kind,
    name: v.name,
    ods: v.kind === "national" ? null : v.ods,
    trusts: rows.filter((r) => r.kind === "trust").map((r) => ({ ods: r.ods!, name: r.name! })).sort(byName),
    icss: rows.filter((r) => r.kind === "ics").map((r) => ({ ods: r.ods!, name: r.name! })).sort(byName),
    quarters: quartersBetween(first, quarterOf(lastDate)),
  };
}

// ---------------------------------------------------------------- 1. register (Table 6)

export const REGISTER_PANEL_LIMIT = 10;

export type RegisterRow = {
  id: string;
  title: string;
  favoured: Favoured;
  category: Category;
  status: Status;
  trustOds: string;
  trustName: string;
  authorId: string;
  authorName: string;
  decidedOn: string | null;
};

export type RegisterPanel = {
  /** Every decision counted, confidential ones too. */
  total: number;
  system: number;
  trust: number;
  /** Of those, the ones this viewer may read (listed). */
  readable: number;
  /** Counted but visible to their trust's board only (never listed here). */
  hiddenFromViewer: number;
  rows: RegisterRow[];
};

/** Trust and ICS views only: the national view never lists decisions. */
export async function getRegisterPanel(actor: Actor, view: DashboardView, filters: DashboardFilters): Promise<RegisterPanel> {
  const { db, view: v } = await open(actor, view);
  if (v.kind === "national") throw new AppError("not_found", "Register not found");
  const rows = await rowsOf<{
    total: number; system: number; trust: number; readable: number;
    id: string | null; title: string | null; favoured: Favoured; category: Category; status: Status;
    trust_ods: string; trust_name: string; author_id: string; author_name: string; decided_on: string | null;
  }>(
    db,
    sql`with s as (${scopedDecisions(v, filters, sql`, (${readableDecisionsWhere(actor)}) as readable, decisions.decided_on, decisions.title, t.ods as trust_ods, t.name as trust_name`)}),
      c as (select count(*)::int as total, count(*) filter (where favoured = 'system')::int as system,
                   count(*) filter (where favoured = 'trust')::int as trust, count(*) filter (where readable)::int as readable from s)
      select c.*, l.id, l.title, l.favoured, l.category, l.status, l.trust_ods, l.trust_name, l.author_id, l.author_name, l.decided_on
      from c left join lateral (
        select s.id, s.title, s.favoured, s.category, s.status, s.trust_ods, s.trust_name, s.author_id, u.name as author_name, s.decided_on::text as decided_on
        from s join users u on u.id = s.author_id
        where s.readable order by s.decided_on desc nulls last, s.id limit ${REGISTER_PANEL_LIMIT}
      ) l on true`,
  );
  const head = rows[0];
  return {
    total: head.total,
    system: head.system,
    trust: head.trust,
    readable: head.readable,
    hiddenFromViewer: head.total - head.readable,
    rows: rows
      .filter((r) => r.id)
      .map((r) => ({
        id: r.id!, title: r.title!, favoured: r.favoured, category: r.category, status: r.status,
        trustOds: r.trust_ods, trustName: r.trust_name, authorId: r.author_id, authorName: r.author_name, decidedOn: r.decided_on,
      })),
  };
}

// ---------------------------------------------------------------- 2. balance

export type SideCounts = { system: Cell; trust: Cell; total: Cell };

export type BalancePanel = {
  total: SideCounts;
  byTrustType: ({ trustType: TrustType } & SideCounts)[];
  byCategory: ({ category: Category } & SideCounts)[];
  byQuarter: ({ quarter: string | null } & SideCounts)[];
  /** National view only. */
  byIcs?: ({ icsOds: string; icsName: string } & SideCounts)[];
  /** Trust and ICS views only. */
  byTrust?: ({ trustOds: string; trustName: string } & SideCounts)[];
  /** Trust and ICS views only. */
  byChiefExecutive?: ({ authorId: string; authorName: string; trustOds: string } & SideCounts)[];
  /** Chief Executives who recorded at least one decision in the set, and those of them with no trust-favoured one. */
  chiefExecutives: { withDecisions: Cell; withNoTrustFavoured: Cell; share: number | null };
  /** National view only: the set covers fewer than NATIONAL_MIN_TRUSTS trusts, so no figure is given. */
  tooFewTrusts?: true;
};

/** Every panel's shape when the national set covers too few trusts: no figure at all. */
const WITHHELD_SIDES: SideCounts = { system: SECONDARY, trust: SECONDARY, total: SECONDARY };

export async function getBalancePanel(actor: Actor, view: DashboardView, filters: DashboardFilters): Promise<BalancePanel> {
  const { db, view: v, cell } = await open(actor, view);
  const national = v.kind === "national";
  // The grouping sets a national analyst gets never include a trust or an author: the query itself
  // cannot produce those rows.
  const sets = national
    ? sql`(), (trust_type), (category), (quarter), (ics_id)`
    : sql`(), (trust_type), (category), (quarter), (trust_id), (author_id, trust_id)`;
  const keyCols = national
    ? sql`grouping(ics_id)::int as g_ics, 1 as g_trust, 1 as g_author, ics_id, null::uuid as trust_id, null::uuid as author_id`
    : sql`1 as g_ics, grouping(trust_id)::int as g_trust, grouping(author_id)::int as g_author, null::uuid as ics_id, trust_id, author_id`;
  type Row = {
    g_type: number; g_cat: number; g_q: number; g_ics: number; g_trust: number; g_author: number;
    trust_type: TrustType | null; category: Category | null; quarter: string | null;
    ics_id: string | null; ics_ods: string | null; ics_name: string | null;
    trust_id: string | null; trust_ods: string | null; trust_name: string | null;
    author_id: string | null; author_name: string | null;
    system: number; trust: number; total: number; trusts: number; ces: number; ces_none: number;
  };
  const rows = await rowsOf<Row>(
    db,
    sql`with s as (${scopedDecisions(v, filters)}),
      g as (
        select grouping(trust_type)::int as g_type, grouping(category)::int as g_cat, grouping(quarter)::int as g_q, ${keyCols},
               trust_type, category, quarter,
               count(*) filter (where favoured = 'system')::int as system,
               count(*) filter (where favoured = 'trust')::int as trust, count(*)::int as total,
               count(distinct trust_id)::int as trusts
        from s group by grouping sets (${sets})
      ),
      ce as (
        select count(*)::int as ces, count(*) filter (where trust_favoured = 0)::int as ces_none
        from (select author_id, count(*) filter (where favoured = 'trust') as trust_favoured from s group by author_id) x
      )
      select g.*, ce.ces, ce.ces_none, ii.ods as ics_ods, ii.name as ics_name, tt.ods as trust_ods, tt.name as trust_name, u.name as author_name
      from g cross join ce
      left join organisations ii on ii.id = g.ics_id
      left join organisations tt on tt.id = g.trust_id
      left join users u on u.id = g.author_id`,
  );
  const isTotal = (r: Row) => r.g_type === 1 && r.g_cat === 1 && r.g_q === 1 && r.g_ics === 1 && r.g_trust === 1 && r.g_author === 1;
  const totalRow = rows.find(isTotal) ?? { system: 0, trust: 0, total: 0, trusts: 0 };
  const ceRow = rows[0] ?? { ces: 0, ces_none: 0 };
  const byTotal = (a: Row, b: Row) => b.total - a.total;
  const typeRows = rows.filter((r) => r.g_type === 0).sort(byTotal);
  const categoryRows = rows.filter((r) => r.g_cat === 0).sort(byTotal);
  const quarterRows = rows.filter((r) => r.g_q === 0).sort((a, b) => ((a.quarter ?? "9999") < (b.quarter ?? "9999") ? -1 : 1));
  const icsRows = rows.filter((r) => r.g_ics === 0).sort(byTotal);

  if (national && totalRow.trusts < NATIONAL_MIN_TRUSTS) {
    return {
      total: WITHHELD_SIDES, byTrustType: [], byCategory: [], byQuarter: [], byIcs: [],
      chiefExecutives: { withDecisions: SECONDARY, withNoTrustFavoured: SECONDARY, share: null },
      tooFewTrusts: true,
    };
  }

  // Every shown row as three cells [system, trust, total]; in the national view, protected together.
  const shownRows: { system: number; trust: number; total: number; trusts?: number }[] = [totalRow, ...typeRows, ...categoryRows, ...quarterRows, ...icsRows];
  let sidesOf: (i: number) => SideCounts;
  if (national) {
    const values = shownRows.flatMap((r) => [r.system, r.trust, r.total]);
    const relations: Relation[] = shownRows.map((_, i) => ({ total: 3 * i + 2, parts: [3 * i, 3 * i + 1], hideTotalFirst: true }));
    let at = 1;
    for (const block of [typeRows, categoryRows, quarterRows, icsRows]) {
      for (let c = 0; c < 3; c++) relations.push({ total: c, parts: block.map((_, j) => 3 * (at + j) + c), hideTotalFirst: false });
      at += block.length;
    }
    // A trust-type or ICS row covering fewer than 3 trusts is those trusts' own figures: withheld.
    const identifying = new Set([...typeRows, ...icsRows]);
    const initial: CellState[] = shownRows.flatMap((r) =>
      identifying.has(r as Row) && (r.trusts ?? 0) < NATIONAL_MIN_TRUSTS ? (["secondary", "secondary", "secondary"] as const) : (["shown", "shown", "shown"] as const),
    );
    const cells = protectedCells(values, relations, initial);
    sidesOf = (i) => ({ system: cells[3 * i], trust: cells[3 * i + 1], total: cells[3 * i + 2] });
  } else {
    sidesOf = (i) => ({ system: cell(shownRows[i].system), trust: cell(shownRows[i].trust), total: cell(shownRows[i].total) });
  }
  const indexOf = new Map(shownRows.map((r, i) => [r, i]));
  const sides = (r: Row) => sidesOf(indexOf.get(r)!);
  const withDecisions = cell(ceRow.ces);
  const withNoTrustFavoured = cell(ceRow.ces_none);

  const panel: BalancePanel = {
    total: sidesOf(0),
    byTrustType: typeRows.map((r) => ({ trustType: r.trust_type as TrustType, ...sides(r) })),
    byCategory: categoryRows.map((r) => ({ category: r.category as Category, ...sides(r) })),
    byQuarter: quarterRows.map((r) => ({ quarter: r.quarter, ...sides(r) })),
    chiefExecutives: { withDecisions, withNoTrustFavoured, share: shareOf(withNoTrustFavoured, withDecisions) },
  };
  if (national) {
    panel.byIcs = icsRows.map((r) => ({ icsOds: r.ics_ods ?? "", icsName: r.ics_name ?? "", ...sides(r) }));
  } else {
    const cellSides = (r: Row): SideCounts => ({ system: cell(r.system), trust: cell(r.trust), total: cell(r.total) });
    panel.byTrust = rows
      .filter((r) => r.g_trust === 0 && r.g_author === 1)
      .sort(byTotal)
      .map((r) => ({ trustOds: r.trust_ods ?? "", trustName: r.trust_name ?? "", ...cellSides(r) }));
    panel.byChiefExecutive = rows
      .filter((r) => r.g_author === 0)
      .sort(byTotal)
      .map((r) => ({ authorId: r.author_id!, authorName: r.author_name ?? "", trustOds: r.trust_ods ?? "", ...cellSides(r) }));
  }
  return panel;
}

// ---------------------------------------------------------------- 3. outcomes by side

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

export type OutcomesPanel = {
  sides: OutcomeSide[];
  /** National view only: the set covers fewer than NATIONAL_MIN_TRUSTS trusts, so no figure is given. */
  tooFewTrusts?: true;
};

export async function getOutcomesPanel(actor: Actor, view: DashboardView, filters: DashboardFilters): Promise<OutcomesPanel> {
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
    // National: met + partly met + not met + unknown = assessed, protected as one row (lib/suppression.ts).
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

// ---------------------------------------------------------------- 4. factors weighed

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
  // National: decisions by side add up to the row's total, so that row is protected (lib/suppression.ts).
  // Chief Executives by side don't add up (one can have both sides), so only 1–2 is hidden there.
  const decisionCells = (r: { ds: number; dt: number; d: number }): SideCounts => {
    const [system, trust, total] = national
      ? protectedCells([r.ds, r.dt, r.d], [{ total: 2, parts: [0, 1], hideTotalFirst: true }])
      : [r.ds, r.dt, r.d];
    return { system, trust, total };
  };
  return {
    rows: FACTORS.map((factor) => {
      const r = byFactor.get(factor) ?? { ds: 0, dt: 0, d: 0, cs: 0, ct: 0, c: 0 };
      return {
        factor,
        decisions: decisionCells(r),
        chiefExecutives: { system: cell(r.cs), trust: cell(r.ct), total: cell(r.c) },
        _n: r.d,
      };
    })
      .sort((a, b) => b._n - a._n)
      .map(({ _n, ...rest }) => (void _n, rest)),
  };
}

// ---------------------------------------------------------------- 5. word pairs

export const WORD_PAIRS_MIN_DECISIONS = 5;
/** In the national view a pair is shown only if this many decisions, from this many trusts, use it. */
export const NATIONAL_MIN_PAIR_DECISIONS = 3;
export const NATIONAL_MIN_PAIR_TRUSTS = 3;

export type WordPairsPanel = {
  /** Decisions whose text was analysed. */
  decisions: Cell;
  /** False when fewer than WORD_PAIRS_MIN_DECISIONS decisions are in the set: no pairs are computed. */
  shown: boolean;
  pairs: WordPairCount[];
  /** The ICS view analyses only decisions shared with the system (confidential text stays with its trust). */
  sharedOnly: boolean;
  /** National view only: the set covers fewer than NATIONAL_MIN_TRUSTS trusts, so nothing is given. */
  tooFewTrusts?: true;
};

/**
 * The 20 most frequent word pairs in the summaries and rationales of the set (lib/word-pairs.ts).
 * Text is fetched in one query and never returned. The ICS lead's set is the decisions shared with
 * the system, because pairs from a confidential decision would leak its words. The national set is
 * every decision, but a pair counts once per decision and shows only when at least 3 decisions from
 * at least 3 trusts use it (countWordPairsByDocument), so no one trust's confidential words show;
 * its `count` is then a number of decisions.
 */
export async function getWordPairsPanel(actor: Actor, view: DashboardView, filters: DashboardFilters): Promise<WordPairsPanel> {
  const { db, view: v, cell } = await open(actor, view);
  if (v.kind === "national") {
    // Counting every decision's text nationally is the dashboards' largest cost (seconds at 100,000
    // decisions), so the answer is kept per filter set until anything is written. Every write appends
    // an audit event, so the sum of the chains' heads changes with any change to the data.
    const key = JSON.stringify(filters);
    const version = await auditVersion(db);
    const hit = nationalWordPairs.get(key);
    if (hit && hit.version === version) return hit.panel;
    const panel = await countPanelWordPairs(db, v, filters, cell);
    nationalWordPairs.delete(key);
    nationalWordPairs.set(key, { version, panel });
    if (nationalWordPairs.size > 50) nationalWordPairs.delete(nationalWordPairs.keys().next().value!);
    return panel;
  }
  return countPanelWordPairs(db, v, filters, cell);
}

/** National word pairs by filter set, with the data version they were counted at (least recently used first). */
const nationalWordPairs = new Map<string, { version: string; panel: WordPairsPanel }>();

/** Changes whenever anything is written: the total length of the audit chains. */
async function auditVersion(db: Database): Promise<string> {
  const [r] = await rowsOf<{ v: string | number }>(db, sql`select coalesce(sum(seq), 0)::text as v from audit_heads`);
  return String(r?.v ?? 0);
}

async function countPanelWordPairs(db: Database, v: ResolvedView, filters: DashboardFilters, cell: (n: number) => Cell): Promise<WordPairsPanel> {
  const sharedOnly = v.kind === "ics";
  const rows = await rowsOf<{ text: string; trust_id: string; trusts: number }>(
    db,
    sql`with s as (${scopedDecisions(v, filters, sql`, decisions.summary, decisions.rationale`)})
      select summary || E'\n' || rationale as text, trust_id, (select count(distinct trust_id) from s)::int as trusts
      from s ${sharedOnly ? sql`where visibility = 'system'` : sql``}`,
  );
  const n = rows.length;
  if (v.kind === "national" && (rows[0]?.trusts ?? 0) < NATIONAL_MIN_TRUSTS) {
    return { decisions: SECONDARY, shown: false, pairs: [], sharedOnly, tooFewTrusts: true };
  }
  // Nationally the number of decisions in the set is not given here: it would show the balance panel's
  // total even where that panel hides it to protect a small count.
  const decisions = v.kind === "national" ? SECONDARY : cell(n);
  if (n < WORD_PAIRS_MIN_DECISIONS) return { decisions, shown: false, pairs: [], sharedOnly };
  const pairs =
    v.kind === "national"
      ? countWordPairsByDocument(rows.map((r) => ({ group: r.trust_id, text: r.text })), {
          minDocs: NATIONAL_MIN_PAIR_DECISIONS,
          minGroups: NATIONAL_MIN_PAIR_TRUSTS,
          limit: 20,
        })
      : countWordPairs(rows.map((r) => r.text), { limit: 20 });
  return { decisions, shown: true, pairs, sharedOnly };
}

// ---------------------------------------------------------------- 6. reciprocity (ICS view)

export type ReciprocityTrust = {
  trustOds: string;
  trustName: string;
  /** Its decisions that named another organisation as benefiting, and the £k named. */
  gaveDecisions: number;
  gaveK: number | null;
  /** Decisions of other trusts in the ICS that named it as benefiting, and the £k named. */
  receivedDecisions: number;
  receivedK: number | null;
};
/** Amounts are the £k named on the decisions (null when none of them names one). */
export type ReciprocityFlow = { fromOds: string; fromName: string; toOds: string; toName: string; decisions: number; amountK: number | null };
export type ReciprocityPanel = { trusts: ReciprocityTrust[]; flows: ReciprocityFlow[] };

const amount = (k: unknown): number | null => (k === null || k === undefined ? null : Number(k));

/** ICS view only: who helped whom, from the decisions of the ICS's trusts. Never a balance owed. */
export async function getReciprocityPanel(actor: Actor, view: DashboardView, filters: DashboardFilters): Promise<ReciprocityPanel> {
  const { db, view: v } = await open(actor, view);
  if (v.kind !== "ics") throw new AppError("not_found", "Panel not found");
  const rows = await rowsOf<{
    kind: "trust" | "flow"; from_ods: string; from_name: string; to_ods: string | null; to_name: string | null;
    gave: number; gave_k: number | null; received: number; received_k: number | null;
  }>(
    db,
    // With one trust chosen, what it received comes from the other trusts' decisions: the set is the
    // whole ICS (other filters applied) and the links are those with that trust at either end.
    sql`with s as (${scopedDecisions(v, { ...filters, trust: undefined })}),
      l as (
        select s.id, s.trust_id as giver, o.organisation_id as receiver, o.amount_k
        from s join decision_organisations o on o.decision_id = s.id
        where o.role = 'benefits' and o.organisation_id <> s.trust_id
        ${filters.trust ? sql`and (s.trust_id = (select id from organisations where ods = ${filters.trust}) or o.organisation_id = (select id from organisations where ods = ${filters.trust}))` : sql``}
      ),
      gave as (select giver, count(distinct id)::int as n, sum(amount_k)::float8 as k from l group by giver),
      recv as (select receiver, count(distinct id)::int as n, sum(amount_k)::float8 as k from l group by receiver),
      flows as (select giver, receiver, count(distinct id)::int as n, sum(amount_k)::float8 as k from l group by giver, receiver)
      select 'trust' as kind, t.ods as from_ods, t.name as from_name, null as to_ods, null as to_name,
             coalesce(g.n, 0) as gave, g.k as gave_k, coalesce(r.n, 0) as received, r.k as received_k
        from organisations t left join gave g on g.giver = t.id left join recv r on r.receiver = t.id
        where t.ics_id = ${v.orgId} and t.kind = 'trust' ${filters.trust ? sql`and t.ods = ${filters.trust}` : sql``}
          ${filters.trustType ? sql`and t.trust_type = ${filters.trustType}` : sql``}
      union all
      select 'flow', a.ods, a.name, b.ods, b.name, f.n, f.k, 0, 0
        from flows f join organisations a on a.id = f.giver join organisations b on b.id = f.receiver`,
  );
  return {
    trusts: rows
      .filter((r) => r.kind === "trust")
      .map((r) => ({ trustOds: r.from_ods, trustName: r.from_name, gaveDecisions: Number(r.gave), gaveK: amount(r.gave_k), receivedDecisions: Number(r.received), receivedK: amount(r.received_k) }))
      .sort((a, b) => a.trustName.localeCompare(b.trustName, "en-GB")),
    flows: rows
      .filter((r) => r.kind === "flow")
      .map((r) => ({ fromOds: r.from_ods, fromName: r.from_name, toOds: r.to_ods!, toName: r.to_name!, decisions: Number(r.gave), amountK: amount(r.gave_k) }))
      .sort((a, b) => b.decisions - a.decisions || (b.amountK ?? 0) - (a.amountK ?? 0) || a.fromName.localeCompare(b.fromName, "en-GB")),
  };
}

// ---------------------------------------------------------------- 7. sign-off

export type SignOffPanel = {
  /** Decisions with both a submission and a sign-off time. */
  timed: Cell;
  /** Median days from submission to sign-off, one decimal; null when none (or suppressed). */
  medianDays: number | null;
  awaiting: Cell;
  signedOff: Cell;
  /** Criteria whose date has passed with no assessment, on signed-off decisions, and their decisions. */
  reviewsDue: { criteria: Cell; decisions: Cell };
  /** National view only: the set covers fewer than NATIONAL_MIN_TRUSTS trusts, so no figure is given. */
  tooFewTrusts?: true;
};

export async function getSignOffPanel(actor: Actor, view: DashboardView, filters: DashboardFilters): Promise<SignOffPanel> {
  const { db, view: v, cell } = await open(actor, view);
  const [r] = await rowsOf<{ trusts: number; total: number; timed: number; median_days: number | null; awaiting: number; signed_off: number; due_criteria: number; due_decisions: number }>(
    db,
    sql`with s as (${scopedDecisions(v, filters)}),
      due as (
        select c.id, c.decision_id from success_criteria c
        where c.decision_id in (select id from s where status = 'signed_off')
          and c.removed_at is null and c.judged_by < ${londonDate(new Date())}
          and not exists (select 1 from criterion_outcomes o where o.criterion_id = c.id)
      )
      select count(distinct trust_id)::int as trusts, count(*)::int as total,
        count(*) filter (where submitted_at is not null and signed_off_at is not null)::int as timed,
        (percentile_cont(0.5) within group (order by extract(epoch from (signed_off_at - submitted_at)) / 86400.0)
          filter (where submitted_at is not null and signed_off_at is not null))::float8 as median_days,
        count(*) filter (where status = 'awaiting_sign_off')::int as awaiting,
        count(*) filter (where status = 'signed_off')::int as signed_off,
        (select count(*) from due)::int as due_criteria,
        (select count(distinct decision_id) from due)::int as due_decisions
      from s`,
  );
  if (v.kind === "national" && r.trusts < NATIONAL_MIN_TRUSTS) {
    return { timed: SECONDARY, medianDays: null, awaiting: SECONDARY, signedOff: SECONDARY, reviewsDue: { criteria: SECONDARY, decisions: SECONDARY }, tooFewTrusts: true };
  }
  // Two subtractions a reader could make, protected like a row's parts and its total: the set's size
  // (the balance panel's total, on the same page) minus awaiting minus "timed" (signed off, including
  // those since reviewed) is the rest (declined, withdrawn); "timed" minus "signed off" is the number
  // reviewed. The rest and the reviewed are never shown, but must not be worked out when 1 or 2. The
  // set's size is shown elsewhere, so it is never the cell hidden here.
  let awaiting: Cell, timed: Cell, signedOff: Cell;
  if (v.kind === "national") {
    const rest = Math.max(0, r.total - r.awaiting - r.timed);
    const reviewed = Math.max(0, r.timed - r.signed_off);
    const cells = protectedCells(
      [r.total, r.awaiting, r.timed, rest, r.signed_off, reviewed],
      [
        { total: 0, parts: [1, 2, 3], hideTotalFirst: false },
        { total: 2, parts: [4, 5], hideTotalFirst: false },
      ],
    );
    [awaiting, timed, signedOff] = [cells[1], cells[2], cells[4]];
  } else {
    [awaiting, timed, signedOff] = [r.awaiting, r.timed, r.signed_off];
  }
  const median = r.median_days === null || isSuppressed(timed) ? null : Math.round(Number(r.median_days) * 10) / 10;
  return {
    timed,
    medianDays: median,
    awaiting,
    signedOff,
    reviewsDue: { criteria: cell(r.due_criteria), decisions: cell(r.due_decisions) },
  };
}
