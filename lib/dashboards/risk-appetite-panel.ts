import "server-only";
import { sql } from "drizzle-orm";
import type { Actor } from "../access";
import { RISK_DOMAINS, type RiskDomain } from "../risk-appetite/taxonomy";
import type { DashboardFilters } from "./filters";
import { open, rowsOf, scopedDecisions, type DashboardView } from "./scope";
import { NATIONAL_MIN_TRUSTS, protectedCells, type SideCounts } from "./suppression";

// Panel 8 (issue 14): decisions outside the board's risk appetite, by domain and by the side favoured —
// does favouring the system take trusts beyond their appetite more often? Read from the decisions in
// view and the content their current version froze (VersionContent.riskAppetite.outside): the flag
// decisions.outside_appetite and the domains it names, as the register's outside=1 / riskDomain= do.

export type RiskAppetiteRow = { domain: RiskDomain; outside: SideCounts };
export type RiskAppetitePanel = {
  /** Decisions in view that record the risk they take (the ones compared with an appetite). */
  recorded: SideCounts;
  /** Decisions in view outside the board's appetite in at least one domain. */
  outside: SideCounts;
  /** Per domain, in the domains' fixed order: decisions outside the appetite in it (one decision can be outside in several). */
  domains: RiskAppetiteRow[];
  /** National view only: the set covers fewer than NATIONAL_MIN_TRUSTS trusts, so no figure is given. */
  tooFewTrusts?: true;
};

type Row = { kind: "n" | "recorded" | "outside" | "domain"; domain: string | null; s: number; t: number; a: number };

export async function getRiskAppetitePanel(actor: Actor, view: DashboardView, filters: DashboardFilters): Promise<RiskAppetitePanel> {
  const { db, view: v, cell } = await open(actor, view);
  const rows = await rowsOf<Row>(
    db,
    sql`with s as (${scopedDecisions(v, filters, sql`, decisions.outside_appetite, decisions.version`)}),
      o as (
        select s.id, s.favoured, e->>'domain' as domain
        from s
        join decision_versions dv on dv.decision_id = s.id and dv.version = s.version
        cross join lateral jsonb_array_elements(coalesce(dv.content->'riskAppetite'->'outside', '[]'::jsonb)) e
        where s.outside_appetite
      )
      select 'n' as kind, null as domain, count(distinct trust_id)::int as s, 0 as t, 0 as a from s
      union all
      select 'recorded', null, count(*) filter (where favoured = 'system')::int, count(*) filter (where favoured = 'trust')::int, count(*)::int
        from s where exists (select 1 from decision_risks r where r.decision_id = s.id)
      union all
      select 'outside', null, count(*) filter (where favoured = 'system')::int, count(*) filter (where favoured = 'trust')::int, count(*)::int
        from s where s.outside_appetite
      union all
      select 'domain', domain, count(distinct id) filter (where favoured = 'system')::int, count(distinct id) filter (where favoured = 'trust')::int, count(distinct id)::int
        from o group by domain`,
  );
  const national = v.kind === "national";
  const trusts = Number(rows.find((r) => r.kind === "n")?.s ?? 0);
  const empty: SideCounts = { system: 0, trust: 0, total: 0 };
  if (national && trusts < NATIONAL_MIN_TRUSTS) return { recorded: empty, outside: empty, domains: [], tooFewTrusts: true };
  // Each row's sides add up to its total: nationally that relation is protected (./suppression.ts), as in the factors panel.
  const sides = (r: { s: number; t: number; a: number } | undefined): SideCounts => {
    const x = [Number(r?.s ?? 0), Number(r?.t ?? 0), Number(r?.a ?? 0)];
    const [system, trust, total] = national ? protectedCells(x, [{ total: 2, parts: [0, 1], hideTotalFirst: true }]) : x.map(cell);
    return { system, trust, total };
  };
  const byDomain = new Map(rows.filter((r) => r.kind === "domain").map((r) => [r.domain, r]));
  return {
    recorded: sides(rows.find((r) => r.kind === "recorded")),
    outside: sides(rows.find((r) => r.kind === "outside")),
    // Fixed order, never by counts (issue 15, finding 3).
    domains: RISK_DOMAINS.map((domain) => ({ domain, outside: sides(byDomain.get(domain)) })),
  };
}
