import "server-only";
// What every dashboard panel starts from: who may open which view, and the set of decisions in view as
// one SQL CTE narrowed by the filters.
import { sql, type SQL } from "drizzle-orm";
import { getReadDb, type Database } from "@/db/client";
import { assertCan, type Actor } from "../access";
import { AppError } from "../errors";
import { DEFAULT_STATUSES, quarterRange, type DashboardFilters } from "./filters";
import { cellFor, type Cell } from "./suppression";

// ---------------------------------------------------------------- views and access

export type DashboardView = { kind: "trust"; ods: string } | { kind: "ics"; ods: string } | { kind: "national" };

export type ResolvedView =
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

// ---------------------------------------------------------------- the set of decisions in view

/**
 * The decisions a dashboard counts, as a CTE body: submitted (never drafts), in the view's
 * organisations, narrowed by the filters. Columns: id, trust_id, author_id, favoured, category,
 * status, visibility, submitted_at, signed_off_at, quarter, trust_type, ics_id.
 */
export function scopedDecisions(view: ResolvedView, f: DashboardFilters, extraColumns: SQL = sql``): SQL {
  const conds: SQL[] = [sql`decisions.status <> 'draft'`, sql`decisions.version > 0`];
  if (view.kind === "trust") conds.push(sql`decisions.trust_id = ${view.orgId}`);
  // The ICS's trusts as an array, so its decisions are found through the trust_id index.
  if (view.kind === "ics") conds.push(sql`decisions.trust_id = any(array(select o.id from organisations o where o.ics_id = ${view.orgId} and o.kind = 'trust'))`);
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

/**
 * The same set read from the kept aggregates (db/tables/aggregates.ts), as a CTE body over `table`:
 * aggregate_counts and aggregate_factor_counts (rows of counts by key; only rows with decisions > 0)
 * or aggregate_decisions (one row per counted decision). Same filters as scopedDecisions, with the
 * quarter ('' when undated, which no quarter range includes) in place of decided_on; trust_type and
 * ics_id come from the trust at read time.
 */
export function scopedKept(view: ResolvedView, f: DashboardFilters, table: "aggregate_counts" | "aggregate_factor_counts" | "aggregate_decisions"): SQL {
  const conds: SQL[] = table === "aggregate_decisions" ? [sql`true`] : [sql`k.decisions > 0`];
  if (view.kind === "trust") conds.push(sql`k.trust_id = ${view.orgId}`);
  // The ICS's trusts as an array, so the kept rows are found through their trust_id index (a join on
  // the trust's ics_id made PostgreSQL read every trust's rows).
  if (view.kind === "ics") conds.push(sql`k.trust_id = any(array(select o.id from organisations o where o.ics_id = ${view.orgId} and o.kind = 'trust'))`);
  if (f.ics && view.kind === "national") conds.push(sql`i.ods = ${f.ics}`);
  if (f.trust && view.kind === "ics") conds.push(sql`t.ods = ${f.trust}`);
  if (f.trustType) conds.push(sql`t.trust_type = ${f.trustType}`);
  if (f.category) conds.push(sql`k.category = ${f.category}`);
  if (f.favoured) conds.push(sql`k.favoured = ${f.favoured}`);
  if (f.status) conds.push(sql`k.status = ${f.status}`);
  else conds.push(sql`k.status in (${sql.join(DEFAULT_STATUSES.map((s) => sql`${s}`), sql`, `)})`);
  if (f.from) conds.push(sql`k.quarter <> '' and k.quarter >= ${f.from}`);
  if (f.to) conds.push(sql`k.quarter <> '' and k.quarter <= ${f.to}`);
  return sql`select k.*, nullif(k.quarter, '') as quarter_or_null, t.trust_type::text as trust_type, t.ics_id
    from ${sql.identifier(table)} k
    join organisations t on t.id = k.trust_id
    left join organisations i on i.id = t.ics_id
    where ${sql.join(conds, sql` and `)}`;
}

/**
 * Whether a national panel can read the coarse roll-ups (aggregate_rollups, one dimension at a time):
 * only when no filter narrows by another dimension (ICS, trust type, category, period). Side and
 * status are keys of every roll-up row, so they filter it exactly.
 */
export function canUseRollups(view: ResolvedView, f: DashboardFilters): boolean {
  return view.kind === "national" && !f.ics && !f.trustType && !f.category && !f.from && !f.to;
}

/** aggregate_rollups' dimensions (db/tables/aggregates.ts; migrations *_g16a_* and *_g16b_*). */
export type RollupDim =
  | "trust"
  | "author"
  | "category"
  | "quarter"
  | "factor_author"
  | "pending"
  | "pending_first"
  | "signoff_hour"
  | "ratification"
  | "risk_recorded"
  | "outside"
  | "outside_domain";

/** The national roll-up rows (aggregate_rollups) of `dims` counted under the filters' side and status, as a CTE body. */
export function scopedRollups(f: DashboardFilters, dims: readonly RollupDim[]): SQL {
  const conds: SQL[] = [sql`k.dim in (${sql.join(dims.map((d) => sql`${d}`), sql`, `)})`, sql`k.decisions > 0`];
  if (f.favoured) conds.push(sql`k.favoured = ${f.favoured}`);
  if (f.status) conds.push(sql`k.status = ${f.status}`);
  else conds.push(sql`k.status in (${sql.join(DEFAULT_STATUSES.map((s) => sql`${s}`), sql`, `)})`);
  return sql`select k.* from aggregate_rollups k where ${sql.join(conds, sql` and `)}`;
}

/**
 * Whether a trust or ICS panel can read the roll-ups by trust (aggregate_trust_rollups, one dimension at
 * a time): only when no filter narrows by category or period. The trust and trust type filters pick
 * whole trusts; side and status are keys of every row, so they filter it exactly.
 */
export function canUseTrustRollups(view: ResolvedView, f: DashboardFilters): boolean {
  return view.kind !== "national" && !f.category && !f.from && !f.to;
}

/** aggregate_trust_rollups' dimensions (db/tables/aggregates.ts; migration *_g16d_trust_rollups_sql). */
export type TrustRollupDim =
  | "all"
  | "author"
  | "category"
  | "quarter"
  | "factor_author"
  | "signoff_day"
  | "ratification"
  | "risk_recorded"
  | "outside"
  | "outside_domain"
  | "gave"
  | "benefit";

/**
 * The ids of the trusts a trust or ICS view covers under the filters (the ICS's trusts, narrowed by the
 * trust and trust type filters), as an SQL array: kept rows are then found through their trust_id index.
 */
export function viewTrustIds(view: ResolvedView, f: DashboardFilters): SQL {
  if (view.kind === "national") throw new Error("viewTrustIds: a trust or ICS view only");
  const conds: SQL[] = [sql`o.kind = 'trust'`, view.kind === "trust" ? sql`o.id = ${view.orgId}` : sql`o.ics_id = ${view.orgId}`];
  if (f.trust && view.kind === "ics") conds.push(sql`o.ods = ${f.trust}`);
  if (f.trustType) conds.push(sql`o.trust_type = ${f.trustType}`);
  return sql`array(select o.id from organisations o where ${sql.join(conds, sql` and `)})`;
}

/**
 * The roll-up rows by trust (aggregate_trust_rollups) of `dims` for a trust or ICS view under the
 * filters' trusts, side and status, as a CTE body: the table's columns and the trust's type.
 */
export function scopedTrustRollups(view: ResolvedView, f: DashboardFilters, dims: readonly TrustRollupDim[]): SQL {
  const conds: SQL[] = [
    sql`k.trust_id = any(${viewTrustIds(view, f)})`,
    sql`k.dim in (${sql.join(dims.map((d) => sql`${d}`), sql`, `)})`,
    sql`k.decisions > 0`,
    keptFilters(f, "k"),
  ];
  return sql`select k.*, t.trust_type::text as trust_type
    from aggregate_trust_rollups k
    join organisations t on t.id = k.trust_id
    where ${sql.join(conds, sql` and `)}`;
}

/**
 * The kept per-decision rows (aggregate_decisions) of a trust or ICS view under the filters' trusts,
 * side and status, as a condition on `alias`: for the few per-decision reads the roll-up paths still
 * make (a median's middle values, reviews due), each through an index by trust.
 */
export function keptTrustFilters(view: ResolvedView, f: DashboardFilters, alias: string): SQL {
  return sql`${sql.identifier(alias)}.trust_id = any(${viewTrustIds(view, f)}) and ${keptFilters(f, alias)}`;
}

/**
 * The filters a roll-up path allows (side and status) as a condition on rows named `alias` with
 * favoured and status columns (kept rows, roll-up rows, or decisions themselves): for the few
 * per-decision reads those paths still make.
 */
export function keptFilters(f: DashboardFilters, alias: string): SQL {
  const a = sql.identifier(alias);
  const conds: SQL[] = [];
  if (f.favoured) conds.push(sql`${a}.favoured = ${f.favoured}`);
  if (f.status) conds.push(sql`${a}.status = ${f.status}`);
  else conds.push(sql`${a}.status in (${sql.join(DEFAULT_STATUSES.map((s) => sql`${s}`), sql`, `)})`);
  return sql.join(conds, sql` and `);
}

export async function rowsOf<T>(db: Database, q: SQL): Promise<T[]> {
  const r = (await db.execute(q)) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
}

export type Ctx = { db: Database; view: ResolvedView; cell: (n: number | string | null | undefined) => Cell };

/** Resolves the view (or "not found") and hands a panel its database and cell rule. */
export async function open(actor: Actor, view: DashboardView): Promise<Ctx> {
  const resolved = resolveDashboardView(actor, view);
  return { db: await getReadDb(actor), view: resolved, cell: cellFor(resolved.kind) };
}
