// Dashboard filters as they travel in the URL, and the links from a number to the register.
// Pure: no database, so the page, the panels of lib/dashboards/ and unit tests share one reading of
// the URL. Labels are the taxonomy's (lib/decisions/taxonomy.ts) and the lifecycle's (STATUS_LABELS).
import { z } from "zod";
import {
  CATEGORY_LABELS as TAXONOMY_CATEGORY_LABELS,
  FACTOR_IDS,
  FACTOR_LABELS as TAXONOMY_FACTOR_LABELS,
  FAVOURED_LABELS as TAXONOMY_FAVOURED_LABELS,
  TRUST_TYPE_LABELS as TAXONOMY_TRUST_TYPE_LABELS,
} from "../decisions/taxonomy";

export const TRUST_TYPES = ["acute", "mental_health", "community", "specialist", "ambulance", "combined"] as const;
export const CATEGORIES = ["finance", "service", "contracting", "workforce", "estates", "capacity", "governance"] as const;
export const STATUSES = ["awaiting_sign_off", "signed_off", "declined", "reviewed", "withdrawn"] as const;
export const FAVOURED = ["system", "trust"] as const;
export const FACTORS = FACTOR_IDS;

export type TrustType = (typeof TRUST_TYPES)[number];
export type Category = (typeof CATEGORIES)[number];
export type Status = (typeof STATUSES)[number];
export type Favoured = (typeof FAVOURED)[number];
export type Factor = (typeof FACTORS)[number];

export const TRUST_TYPE_LABELS: Record<TrustType, string> = TAXONOMY_TRUST_TYPE_LABELS;
export const CATEGORY_LABELS: Record<Category, string> = TAXONOMY_CATEGORY_LABELS;
export const FAVOURED_LABELS: Record<Favoured, string> = TAXONOMY_FAVOURED_LABELS;
export const FACTOR_LABELS: Record<Factor, string> = TAXONOMY_FACTOR_LABELS;

/** Statuses counted when the status filter is left empty: everything but drafts and withdrawn. */
export const DEFAULT_STATUSES: readonly Status[] = ["awaiting_sign_off", "signed_off", "declined", "reviewed"];

// ---------------------------------------------------------------- quarters (NHS financial year)

/**
 * Quarters are NHS financial-year quarters: "2025-Q1" is April to June 2025, "2025-Q4" is January
 * to March 2026. Written "2025/26 Q1" on screen.
 */
export const QUARTER = /^(\d{4})-Q([1-4])$/;

export function quarterOf(isoDate: string): string {
  const [y, m] = isoDate.split("-").map(Number);
  const fy = m >= 4 ? y : y - 1;
  const q = Math.floor(((m + 8) % 12) / 3) + 1;
  return `${fy}-Q${q}`;
}

export function quarterRange(quarter: string): { from: string; to: string } {
  const m = QUARTER.exec(quarter);
  if (!m) throw new RangeError(`not a quarter: ${quarter}`);
  const fy = Number(m[1]);
  const q = Number(m[2]);
  const startMonth = 4 + (q - 1) * 3; // 4, 7, 10, 13
  const startYear = fy + (startMonth > 12 ? 1 : 0);
  const sm = ((startMonth - 1) % 12) + 1;
  const end = new Date(Date.UTC(startYear, sm - 1 + 3, 0)); // day 0 of the month after = last day
  const pad = (n: number) => String(n).padStart(2, "0");
  return { from: `${startYear}-${pad(sm)}-01`, to: `${end.getUTCFullYear()}-${pad(end.getUTCMonth() + 1)}-${pad(end.getUTCDate())}` };
}

export function quarterLabel(quarter: string | null): string {
  if (!quarter) return "No date recorded";
  const m = QUARTER.exec(quarter);
  if (!m) return quarter;
  const fy = Number(m[1]);
  return `${fy}/${String((fy + 1) % 100).padStart(2, "0")} Q${m[2]}`;
}

/** Every quarter from `first` to `last`, inclusive, oldest first. */
export function quartersBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [fy, q] = first.split("-Q").map(Number);
  const [lfy, lq] = last.split("-Q").map(Number);
  while (fy < lfy || (fy === lfy && q <= lq)) {
    out.push(`${fy}-Q${q}`);
    q += 1;
    if (q > 4) {
      q = 1;
      fy += 1;
    }
    if (out.length > 200) break;
  }
  return out;
}

// ---------------------------------------------------------------- the filters

export type DashboardKind = "trust" | "ics" | "national";

export type DashboardFilters = {
  /** First and last quarter, inclusive ("2025-Q1"). */
  from?: string;
  to?: string;
  /** ICS ODS code (national view only). */
  ics?: string;
  /** Trust ODS code (ICS view only: the national view never narrows to one trust). */
  trust?: string;
  trustType?: TrustType;
  category?: Category;
  favoured?: Favoured;
  /** One status; empty means everything but drafts and withdrawn. */
  status?: Status;
};

const ods = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,12}$/);
const optional = <T extends z.ZodType>(s: T) => s.optional().catch(undefined);

const FilterSchema = z.object({
  from: optional(z.string().regex(QUARTER)),
  to: optional(z.string().regex(QUARTER)),
  ics: optional(ods),
  trust: optional(ods),
  trustType: optional(z.enum(TRUST_TYPES)),
  category: optional(z.enum(CATEGORIES)),
  favoured: optional(z.enum(FAVOURED)),
  status: optional(z.enum(STATUSES)),
});

type SearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

/**
 * Reads the filters from a page's search parameters. A value that is not one of the allowed ones is
 * ignored (the filter falls back to "all"), so a mistyped link still shows a dashboard. Filters that
 * the view does not offer are dropped here, so lib never narrows the national view to a trust.
 */
export function parseDashboardFilters(kind: DashboardKind, params: SearchParams): DashboardFilters {
  const get = (k: string) => {
    const v = params instanceof URLSearchParams ? params.get(k) : params[k];
    const s = Array.isArray(v) ? v[0] : v;
    return s === undefined || s === null || s === "" ? undefined : s;
  };
  const raw = Object.fromEntries(["from", "to", "ics", "trust", "trustType", "category", "favoured", "status"].map((k) => [k, get(k)]));
  const f = FilterSchema.parse(raw);
  if (kind !== "national") delete f.ics;
  if (kind !== "ics") delete f.trust;
  if (f.from && f.to && f.from > f.to) [f.from, f.to] = [f.to, f.from];
  for (const k of Object.keys(f) as (keyof DashboardFilters)[]) if (f[k] === undefined) delete f[k];
  return f;
}

/** What a number is drilled down by, on top of the dashboard's filters. */
export type Drill = {
  trust?: string;
  ics?: string;
  trustType?: string;
  favoured?: string;
  status?: string;
  category?: string;
  quarter?: string | null;
  author?: string;
  factor?: string;
  outcome?: string;
  due?: boolean;
  beneficiary?: string;
  gave?: boolean;
  /** Decisions outside the board's risk appetite (with riskDomain: in that domain). */
  outside?: boolean;
  riskDomain?: string;
  /** Chair's action (issue 14): awaiting, ratified or not_ratified. */
  ratification?: string;
};

/**
 * The register link behind a number: `/decisions?trust=&ics=&trustType=&favoured=&status=&category=&from=&to=&author=&factor=&outcome=&due=&beneficiary=&gave=`
 * with dates for from/to. Only for trust and ICS views: the national view has no drill-down.
 */
export function registerHref(view: { kind: "trust" | "ics"; ods: string }, filters: DashboardFilters, drill: Drill = {}): string {
  const p = new URLSearchParams();
  const set = (k: string, v: string | undefined | null) => {
    if (v) p.set(k, v);
  };
  set("trust", drill.trust ?? (view.kind === "trust" ? view.ods : filters.trust));
  set("ics", view.kind === "ics" ? view.ods : undefined);
  set("trustType", drill.trustType ?? filters.trustType);
  set("favoured", drill.favoured ?? filters.favoured);
  // The dashboard's default set (everything but drafts and withdrawn), spelt out so the list matches.
  set("status", drill.status ?? filters.status ?? DEFAULT_STATUSES.join(","));
  set("category", drill.category ?? filters.category);
  if (drill.quarter) {
    const r = quarterRange(drill.quarter);
    set("from", r.from);
    set("to", r.to);
  } else {
    if (filters.from) set("from", quarterRange(filters.from).from);
    if (filters.to) set("to", quarterRange(filters.to).to);
  }
  set("author", drill.author);
  set("factor", drill.factor);
  set("outcome", drill.outcome);
  set("due", drill.due ? "1" : undefined);
  set("beneficiary", drill.beneficiary);
  set("gave", drill.gave ? "1" : undefined);
  set("outside", drill.outside ? "1" : undefined);
  set("riskDomain", drill.riskDomain);
  set("ratification", drill.ratification);
  const s = p.toString();
  return s ? `/decisions?${s}` : "/decisions";
}
