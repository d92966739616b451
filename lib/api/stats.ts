import "server-only";
// GET /api/v1/stats/balance on the dashboards' balance aggregates (lib/dashboards.ts), so the API
// counts exactly what the dashboards count, with the national view's suppression (1–2, and cells hidden
// so those can't be worked out, → null; fewer than 3 trusts → every count null and `suppressed: true`)
// and without trust or author groupings for national tokens.
import { sql } from "drizzle-orm";
import { executeRows, getReadDb } from "@/db/client";
import { ROLE, hasRole, insiderMemberships, membershipsWithRole, type Actor } from "../access";
import { getBalancePanel, isSuppressed, type Cell, type DashboardView, type SideCounts } from "../dashboards";
import { CATEGORY_LABELS, TRUST_TYPE_LABELS, quarterLabel, quarterOf, type DashboardFilters } from "../dashboard-filters";
import { AppError } from "../errors";
import type { BalanceQueryWire, BalanceStatsWire } from "./schemas";

const invalid = (field: string, message: string) => new AppError("invalid", "The query is not valid", { fieldErrors: { [field]: message } });
const n = (c: Cell): number | null => (isSuppressed(c) ? null : c);

/** The ODS code of the ICS a trust belongs to, or null when there is no such trust. */
async function icsOfTrust(trustOds: string): Promise<string | null> {
  const db = await getReadDb();
  const rows = await executeRows<{ ods: string }>(
    db,
    sql`select i.ods from organisations t join organisations i on i.id = t.ics_id where t.kind = 'trust' and t.ods = ${trustOds.toUpperCase()}`,
  );
  return rows[0]?.ods ?? null;
}

/** Which dashboard the token's owner is asking about: the named trust or ICS, else their own. */
async function viewFor(actor: Actor, q: BalanceQueryWire): Promise<DashboardView> {
  const insiderOf = (ods: string) => insiderMemberships(actor).some((m) => m.ods === ods);
  const leads = membershipsWithRole(actor, ROLE.icsLead);
  const leadOf = (ods: string) => leads.some((m) => m.ods === ods);
  const analyst = hasRole(actor, ROLE.nationalAnalyst);
  if (q.trust && insiderOf(q.trust)) return { kind: "trust", ods: q.trust };
  if (q.trust && leads.length) {
    // An ICS lead may ask about a trust of their own ICS; any other trust is not found, as elsewhere.
    const ics = await icsOfTrust(q.trust);
    if (ics && leadOf(ics)) return { kind: "ics", ods: ics }; // narrowed by `trust` below
    if (!analyst) throw new AppError("not_found", "Not found");
  }
  if (q.ics && leadOf(q.ics)) return { kind: "ics", ods: q.ics };
  if (analyst) return { kind: "national" };
  if (q.trust || q.ics) throw new AppError("not_found", "Not found");
  const insider = insiderMemberships(actor)[0];
  if (insider) return { kind: "trust", ods: insider.ods };
  if (leads[0]) return { kind: "ics", ods: leads[0].ods };
  throw new AppError("not_found", "Not found");
}

export async function apiBalance(actor: Actor, q: BalanceQueryWire): Promise<BalanceStatsWire> {
  if (q.q) throw invalid("q", "Statistics cannot be filtered by words; leave q out");
  if ((q.category?.length ?? 0) > 1) throw invalid("category", "Give at most one category for statistics");
  if ((q.status?.length ?? 0) > 1) throw invalid("status", "Give at most one status for statistics");
  if (q.status?.[0] === "draft") throw invalid("status", "Statistics never count drafts");
  const view = await viewFor(actor, q);
  if (view.kind === "national" && q.trust) {
    throw invalid("trust", "The national view has no figures per trust: leave trust out, or use ics or groupBy=trust_type");
  }
  if (view.kind === "national" && (q.groupBy === "trust" || q.groupBy === "author")) {
    throw invalid("groupBy", "The national view does not group by trust or Chief Executive: use trust_type, category or quarter");
  }
  const filters: DashboardFilters = {
    ...(q.from ? { from: quarterOf(q.from) } : {}),
    ...(q.to ? { to: quarterOf(q.to) } : {}),
    ...(q.ics && view.kind === "national" ? { ics: q.ics } : {}),
    ...(q.trust && view.kind === "ics" ? { trust: q.trust } : {}),
    ...(q.favoured ? { favoured: q.favoured } : {}),
    ...(q.category?.[0] ? { category: q.category[0] } : {}),
    ...(q.status?.[0] ? { status: q.status[0] as DashboardFilters["status"] } : {}),
  };
  const panel = await getBalancePanel(actor, view, filters);
  if (panel.tooFewTrusts) {
    // National view, fewer than 3 trusts match: no figure at all, not even the groups' names.
    return { total: { system: null, trust: null }, groups: [], authors: null, authorsWithoutTrustFavoured: null, suppressed: true };
  }
  const g = (key: string, label: string, s: SideCounts) => ({ key, label, system: n(s.system), trust: n(s.trust) });
  const groups =
    q.groupBy === "trust_type"
      ? panel.byTrustType.map((r) => g(r.trustType, TRUST_TYPE_LABELS[r.trustType], r))
      : q.groupBy === "category"
        ? panel.byCategory.map((r) => g(r.category, CATEGORY_LABELS[r.category], r))
        : q.groupBy === "quarter"
          ? panel.byQuarter.map((r) => g(r.quarter ?? "undated", r.quarter ? quarterLabel(r.quarter) : "Not dated", r))
          : q.groupBy === "trust"
            ? (panel.byTrust ?? []).map((r) => g(r.trustOds, r.trustName, r))
            : (panel.byChiefExecutive ?? []).map((r) => g(r.authorId, `${r.authorName} (${r.trustOds})`, r));
  return {
    total: { system: n(panel.total.system), trust: n(panel.total.trust) },
    groups,
    authors: n(panel.chiefExecutives.withDecisions),
    authorsWithoutTrustFavoured: n(panel.chiefExecutives.withNoTrustFavoured),
  };
}
