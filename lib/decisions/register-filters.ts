// The register's filters, as URL parameters and as the API's query. Pure (zod only), so dashboards
// can build links with `registerHref` and pages can parse `searchParams` the same way.
import { z } from "zod";
import { isoDate } from "../validation";
import { RISK_DOMAINS } from "../risk-appetite/taxonomy";
import { CATEGORY_IDS, FACTOR_IDS, LIMITS } from "./taxonomy";

export const REGISTER_STATUSES = ["draft", "awaiting_sign_off", "signed_off", "declined", "reviewed", "withdrawn"] as const;
export const REGISTER_SORT_FIELDS = ["decided", "title", "favoured", "status", "category", "author", "updated"] as const;
export type RegisterSortField = (typeof REGISTER_SORT_FIELDS)[number];
export const REGISTER_SORTS = [...REGISTER_SORT_FIELDS.flatMap((f) => [`${f}-asc`, `${f}-desc`] as const), "relevance"] as const;
export type RegisterSort = (typeof REGISTER_SORTS)[number];
export const REGISTER_PAGE_SIZE = 25;
export const REGISTER_RATIFICATIONS = ["awaiting", "ratified", "not_ratified"] as const;
export const REGISTER_OUTCOMES = ["assessed", "met", "partly_met", "not_met", "unknown"] as const;

const ods = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2,12}$/, { error: "Enter an organisation code (ODS), like RNA" });
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? undefined : (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(",")).map((s) => s.trim()).filter(Boolean)),
    z.array(item).optional(),
  );

export const RegisterFiltersSchema = z.object({
  trust: ods.optional(),
  ics: ods.optional(),
  trustType: z.enum(["acute", "mental_health", "community", "specialist", "ambulance", "combined"], { error: "Choose a trust type from the list" }).optional(),
  favoured: z.enum(["system", "trust"], { error: "Choose system or trust" }).optional(),
  status: list(z.enum(REGISTER_STATUSES, { error: "Choose statuses from the list" })),
  category: z.enum(CATEGORY_IDS, { error: "Choose a category from the list" }).optional(),
  from: isoDate("from date").optional(),
  to: isoDate("to date").optional(),
  author: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: "Choose an author from the list" }).optional(),
  q: z.string().trim().max(LIMITS.search, { error: `Search words must be ${LIMITS.search} characters or fewer` }).optional(),
  factor: z.enum(FACTOR_IDS, { error: "Choose a factor from the list" }).optional(),
  /** Decisions with a current criterion whose latest assessment is this (or any, for "assessed"). */
  outcome: z.enum(REGISTER_OUTCOMES, { error: "Choose an outcome from the list" }).optional(),
  /** "1": signed-off decisions with a criterion past its judged-by date and no assessment. */
  due: z.enum(["1"], { error: "Use due=1 for decisions with a review due" }).optional(),
  /** Decisions that name this organisation (not their own trust) as benefiting. */
  beneficiary: ods.optional(),
  /** "1": decisions that name another organisation than their own trust as benefiting. */
  gave: z.enum(["1"], { error: "Use gave=1 for decisions that helped another organisation" }).optional(),
  /** "1": decisions whose current version is outside the board's risk appetite (with riskDomain: in that domain). */
  outside: z.enum(["1"], { error: "Use outside=1 for decisions outside the board's risk appetite" }).optional(),
  /** Decisions recording a risk in this domain (with outside=1: outside the appetite in it). */
  riskDomain: z.enum(RISK_DOMAINS, { error: "Choose a risk domain from the list" }).optional(),
  /** Chair's action (issue 14): decisions signed off by it awaiting ratification, ratified, or not ratified. */
  ratification: z.enum(REGISTER_RATIFICATIONS, { error: "Choose awaiting, ratified or not ratified" }).optional(),
  sort: z.enum(REGISTER_SORTS, { error: "Choose a sort order from the list" }).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(REGISTER_PAGE_SIZE),
});
export type RegisterFilters = z.infer<typeof RegisterFiltersSchema>;
export type RegisterFiltersInput = z.input<typeof RegisterFiltersSchema>;

const KEYS = Object.keys(RegisterFiltersSchema.shape) as (keyof RegisterFilters)[];

/**
 * Reads URL parameters leniently: a value that does not parse is dropped (and named in `ignored`),
 * so a mistyped link still shows the register rather than an error.
 */
export function registerFiltersFromSearchParams(sp: Record<string, string | string[] | undefined> | URLSearchParams): {
  filters: RegisterFilters;
  ignored: string[];
} {
  const get = (k: string) => {
    if (sp instanceof URLSearchParams) {
      const all = sp.getAll(k);
      return all.length > 1 ? all : all[0];
    }
    return sp[k];
  };
  const raw: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const k of KEYS) {
    let v = get(k);
    if (v === undefined || v === "") continue;
    if (Array.isArray(v) && k !== "status") v = v[v.length - 1]; // the last wins: a sort button follows the hidden current sort
    const one = RegisterFiltersSchema.shape[k].safeParse(v);
    if (one.success) raw[k] = v;
    else ignored.push(k);
  }
  if (typeof raw.q === "string" && !raw.q.trim()) delete raw.q;
  return { filters: RegisterFiltersSchema.parse(raw), ignored };
}

/** A link to the register with these filters (repeatable `status`; defaults left out). */
export function registerHref(filters: Partial<RegisterFilters>, base = "/decisions"): string {
  const p = new URLSearchParams();
  for (const k of KEYS) {
    const v = filters[k];
    if (v === undefined || v === null || v === "") continue;
    if (k === "page" && v === 1) continue;
    if (k === "pageSize" && v === REGISTER_PAGE_SIZE) continue;
    if (Array.isArray(v)) v.forEach((x) => p.append(k, String(x)));
    else p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `${base}?${s}` : base;
}

export function defaultSort(filters: Pick<RegisterFilters, "q" | "sort">): RegisterSort {
  return filters.sort ?? (filters.q ? "relevance" : "decided-desc");
}
