import "server-only";
import { sql } from "drizzle-orm";
import type { Actor } from "../access";
import { AppError } from "../errors";
import type { DashboardFilters } from "./filters";
import { canUseTrustRollups, open, rowsOf, scopedKept, scopedTrustRollups, type DashboardView } from "./scope";

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

/** The ICS's trusts (under the filters) with what they gave and received, then the flows: from CTEs gave, recv and flows. */
const TRUSTS_AND_FLOWS = (icsId: string, filters: DashboardFilters) => sql`
      select 'trust' as kind, t.ods as from_ods, t.name as from_name, null as to_ods, null as to_name,
             coalesce(g.n, 0) as gave, g.k as gave_k, coalesce(r.n, 0) as received, r.k as received_k
        from organisations t left join gave g on g.giver = t.id left join recv r on r.receiver = t.id
        where t.ics_id = ${icsId} and t.kind = 'trust' ${filters.trust ? sql`and t.ods = ${filters.trust}` : sql``}
          ${filters.trustType ? sql`and t.trust_type = ${filters.trustType}` : sql``}
      union all
      select 'flow', a.ods, a.name, b.ods, b.name, f.n, f.k, 0, 0
        from flows f join organisations a on a.id = f.giver join organisations b on b.id = f.receiver`;

const amount = (k: unknown): number | null => (k === null || k === undefined ? null : Number(k));

/**
 * ICS view only: who helped whom, from the decisions of the ICS's trusts. Never a balance owed.
 * Counts of decisions that gave or received include confidential ones (visible to their trust's board
 * only), as the other ICS panels' counts do; £ amounts and giver→receiver flows come only from
 * decisions shared with the system, so no filter can narrow them to a confidential decision's £ or
 * beneficiary (issue 15, finding 1).
 */
export async function getReciprocityPanel(
  actor: Actor,
  view: DashboardView,
  filters: DashboardFilters,
  /** Tests and the benchmark: `rollups: false` reads the per-decision kept rows even where the roll-ups would do. */
  opts: { rollups?: boolean } = {},
): Promise<ReciprocityPanel> {
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
    (opts.rollups ?? true) && canUseTrustRollups(v, filters)
      ? // No filter by category or period: the roll-ups by trust. 'gave' counts each trust's decisions
        // naming another organisation as benefiting (and the £k they name in all), 'benefit' its decisions
        // naming one organisation (and the £k named for it), by visibility: £ and flows from shared ones only.
        // With one trust chosen, only its own row is shown: what it gave, what the others named it for,
        // and the flows with it at either end.
        sql`with r as (${scopedTrustRollups(v, { ...filters, trust: undefined }, ["gave", "benefit"])}),
      ${filters.trust ? sql`c as (select id from organisations where ods = ${filters.trust}),` : sql``}
      x as (select *, visibility = 'system' and amount_n > 0 as priced from r),
      gave as (select trust_id as giver, sum(decisions)::int as n, (sum(amount_k) filter (where priced))::float8 as k from x where dim = 'gave' group by trust_id),
      recv as (select key::uuid as receiver, sum(decisions)::int as n, (sum(amount_k) filter (where priced))::float8 as k from x where dim = 'benefit' group by key),
      flows as (select trust_id as giver, key::uuid as receiver, sum(decisions)::int as n,
          (case when sum(amount_n) > 0 then sum(amount_k) end)::float8 as k
        from x where dim = 'benefit' and visibility = 'system'
          ${filters.trust ? sql`and (trust_id = (select id from c) or key::uuid = (select id from c))` : sql``}
        group by trust_id, key)
      ${TRUSTS_AND_FLOWS(v.orgId, filters)}`
      : sql`with s as (${scopedKept(v, { ...filters, trust: undefined }, "aggregate_decisions")}),
      l as (
        select s.decision_id as id, s.trust_id as giver, b.receiver, b.amount_k, s.visibility = 'system' as shared
        from s cross join lateral unnest(s.benefit_orgs, s.benefit_k) as b(receiver, amount_k)
        ${filters.trust ? sql`where (s.trust_id = (select id from organisations where ods = ${filters.trust}) or b.receiver = (select id from organisations where ods = ${filters.trust}))` : sql``}
      ),
      gave as (select giver, count(distinct id)::int as n, (sum(amount_k) filter (where shared))::float8 as k from l group by giver),
      recv as (select receiver, count(distinct id)::int as n, (sum(amount_k) filter (where shared))::float8 as k from l group by receiver),
      flows as (select giver, receiver, count(distinct id)::int as n, sum(amount_k)::float8 as k from l where shared group by giver, receiver)
      ${TRUSTS_AND_FLOWS(v.orgId, filters)}`,
  );
  return {
    trusts: rows
      .filter((r) => r.kind === "trust")
      .map((r) => ({ trustOds: r.from_ods, trustName: r.from_name, gaveDecisions: Number(r.gave), gaveK: amount(r.gave_k), receivedDecisions: Number(r.received), receivedK: amount(r.received_k) }))
      .sort((a, b) => a.trustName.localeCompare(b.trustName, "en-GB") || a.trustOds.localeCompare(b.trustOds)),
    flows: rows
      .filter((r) => r.kind === "flow")
      .map((r) => ({ fromOds: r.from_ods, fromName: r.from_name, toOds: r.to_ods!, toName: r.to_name!, decisions: Number(r.gave), amountK: amount(r.gave_k) }))
      .sort((a, b) => b.decisions - a.decisions || (b.amountK ?? 0) - (a.amountK ?? 0) || a.fromName.localeCompare(b.fromName, "en-GB") || a.toName.localeCompare(b.toName, "en-GB") || a.fromOds.localeCompare(b.fromOds) || a.toOds.localeCompare(b.toOds)),
  };
}
