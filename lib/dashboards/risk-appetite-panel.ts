import "server-only";
import { sql } from "drizzle-orm";
import type { Actor } from "../access";
import { RISK_DOMAINS, type RiskDomain } from "../risk-appetite/taxonomy";
import type { DashboardFilters } from "./filters";
import { canUseRollups, canUseTrustRollups, open, rowsOf, scopedKept, scopedRollups, scopedTrustRollups, type DashboardView } from "./scope";
import { NATIONAL_MIN_TRUSTS, protectedCells, type SideCounts } from "./suppression";

// Panel 8 (issue 14): decisions outside the board's risk appetite, by domain and by the side favoured —
// does favouring the system take trusts beyond their appetite more often? Read from the kept
// per-decision rows (or, nationally, the roll-ups), which carry the flag decisions.outside_appetite and
// the domains the current version froze (VersionContent.riskAppetite.outside), as the register's
// outside=1 / riskDomain= read them.

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

export async function getRiskAppetitePanel(
  actor: Actor,
  view: DashboardView,
  filters: DashboardFilters,
  /** Tests and the benchmark: `rollups: false` reads the per-decision kept rows even where the roll-ups would do. */
  opts: { rollups?: boolean } = {},
): Promise<RiskAppetitePanel> {
  const { db, view: v, cell } = await open(actor, view);
  const bySide = sql`coalesce(sum(decisions) filter (where favoured = 'system'), 0)::int, coalesce(sum(decisions) filter (where favoured = 'trust'), 0)::int, coalesce(sum(decisions), 0)::int`;
  const rows = await rowsOf<Row>(
    db,
    (opts.rollups ?? true) && canUseRollups(v, filters)
      ? // National, no filter but side and status: the roll-ups count decisions with a risk recorded,
        // outside the appetite, and outside it by domain.
        sql`with r as (${scopedRollups(filters, ["trust", "risk_recorded", "outside", "outside_domain"])})
        select 'n' as kind, null as domain, count(distinct key)::int as s, 0 as t, 0 as a from r where dim = 'trust'
        union all select 'recorded', null, ${bySide} from r where dim = 'risk_recorded'
        union all select 'outside', null, ${bySide} from r where dim = 'outside'
        union all select 'domain', key, ${bySide} from r where dim = 'outside_domain' group by key`
      : (opts.rollups ?? true) && canUseTrustRollups(v, filters)
      ? // Trust and ICS views with no filter by category or period: the roll-ups by trust.
        sql`with r as (${scopedTrustRollups(v, filters, ["all", "risk_recorded", "outside", "outside_domain"])})
        select 'n' as kind, null as domain, count(distinct trust_id)::int as s, 0 as t, 0 as a from r where dim = 'all'
        union all select 'recorded', null, ${bySide} from r where dim = 'risk_recorded'
        union all select 'outside', null, ${bySide} from r where dim = 'outside'
        union all select 'domain', key, ${bySide} from r where dim = 'outside_domain' group by key`
      : // The kept per-decision rows: has_risks, outside_appetite and the domains its current version froze.
        sql`with s as (${scopedKept(v, filters, "aggregate_decisions")}),
        o as (select s.decision_id, s.favoured, unnest(s.outside_domains) as domain from s)
        select 'n' as kind, null as domain, count(distinct trust_id)::int as s, 0 as t, 0 as a from s
        union all
        select 'recorded', null, count(*) filter (where favoured = 'system')::int, count(*) filter (where favoured = 'trust')::int, count(*)::int
          from s where has_risks
        union all
        select 'outside', null, count(*) filter (where favoured = 'system')::int, count(*) filter (where favoured = 'trust')::int, count(*)::int
          from s where outside_appetite
        union all
        select 'domain', domain, count(distinct decision_id) filter (where favoured = 'system')::int, count(distinct decision_id) filter (where favoured = 'trust')::int, count(distinct decision_id)::int
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
