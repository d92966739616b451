import "server-only";
// The dashboard page's own context: its name and the options of its filter form.
import { sql } from "drizzle-orm";
import type { Actor } from "../access";
import { quarterOf, quartersBetween, type DashboardKind } from "./filters";
import { open, rowsOf, type DashboardView } from "./scope";

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
  const trustsInView = v.kind === "trust" ? sql`o.id = ${v.orgId}` : v.kind === "ics" ? sql`o.ics_id = ${v.orgId} and o.kind = 'trust'` : sql`false`;
  const rows = await rowsOf<{ kind: string; ods: string | null; name: string | null }>(
    db,
    // Nationally the range comes from the roll-up by quarter (a few dozen rows), not every decision.
    v.kind === "national"
      ? sql`select 'quarters' as kind, min(key) as ods, max(key) as name
          from aggregate_rollups where dim = 'quarter' and key <> '' and decisions > 0
        union all
        select 'ics', o.ods, o.name from organisations o where o.kind = 'ics'`
      : // Each trust's earliest and latest decision through its (trust_id, decided_on) index: two short
        // index reads a trust, however many decisions it has.
        sql`select 'range' as kind, min(lo.decided_on)::text as ods, max(hi.decided_on)::text as name
          from organisations o
          left join lateral (select d.decided_on from decisions d where d.trust_id = o.id and d.decided_on is not null
            and d.status <> 'draft' and d.version > 0 order by d.decided_on asc limit 1) lo on true
          left join lateral (select d.decided_on from decisions d where d.trust_id = o.id and d.decided_on is not null
            and d.status <> 'draft' and d.version > 0 order by d.decided_on desc limit 1) hi on true
          where ${trustsInView}
        union all
        select 'trust', o.ods, o.name from organisations o where ${v.kind === "ics" ? sql`o.ics_id = ${v.orgId} and o.kind = 'trust'` : sql`false`}
`,
  );
  const range = rows.find((r) => r.kind === "range");
  const quarters = rows.find((r) => r.kind === "quarters");
  const today = new Date().toISOString().slice(0, 10);
  const first = quarters ? (quarters.ods ?? quarterOf(today)) : quarterOf(range?.ods ?? today);
  const last = quarters
    ? quarters.name && quarters.name > quarterOf(today) ? quarters.name : quarterOf(today)
    : quarterOf(range?.name && range.name > today ? range.name : today);
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "en-GB");
  return {
    kind: v.kind,
    name: v.name,
    ods: v.kind === "national" ? null : v.ods,
    trusts: rows.filter((r) => r.kind === "trust").map((r) => ({ ods: r.ods!, name: r.name! })).sort(byName),
    icss: rows.filter((r) => r.kind === "ics").map((r) => ({ ods: r.ods!, name: r.name! })).sort(byName),
    quarters: quartersBetween(first, last),
  };
}
