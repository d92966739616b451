import "server-only";
import { sql } from "drizzle-orm";
import type { Actor } from "../access";
import { AppError } from "../errors";
import type { DashboardFilters } from "./filters";
import { open, rowsOf, scopedKept, type DashboardView } from "./scope";

// Panel 6 (ICS view): reciprocity, who helped whom.

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

/**
 * ICS view only: who helped whom, from the decisions of the ICS's trusts. Never a balance owed.
 * Counts of decisions that gave or received include confidential ones (visible to their trust's board
 * only), as the other ICS panels' counts do; £ amounts and giver→receiver flows come only from
 * decisions shared with the system, so no filter can narrow them to a confidential decision's £ or
 * beneficiary (issue 15, finding 1).
 */
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
    // The links come from the decisions' kept rows (aggregate_decisions: benefit_orgs / benefit_k, the
    // other organisations named as benefiting, kept at every commit), not a join on decision_organisations.
    sql`with s as (${scopedKept(v, { ...filters, trust: undefined }, "aggregate_decisions")}),
      l as (
        select s.decision_id as id, s.trust_id as giver, b.receiver, b.amount_k, s.visibility = 'system' as shared
        from s cross join lateral unnest(s.benefit_orgs, s.benefit_k) as b(receiver, amount_k)
        ${filters.trust ? sql`where (s.trust_id = (select id from organisations where ods = ${filters.trust}) or b.receiver = (select id from organisations where ods = ${filters.trust}))` : sql``}
      ),
      gave as (select giver, count(distinct id)::int as n, (sum(amount_k) filter (where shared))::float8 as k from l group by giver),
      recv as (select receiver, count(distinct id)::int as n, (sum(amount_k) filter (where shared))::float8 as k from l group by receiver),
      flows as (select giver, receiver, count(distinct id)::int as n, sum(amount_k)::float8 as k from l where shared group by giver, receiver)
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
