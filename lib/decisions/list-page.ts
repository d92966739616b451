import "server-only";
// The register as keyset ("cursor") pages for the API and the export: the same filters and access
// condition as the register page (registerConditions, readableDecisionsWhere), ordered by decision
// date (newest first, undated last) then id, so a page never shifts when rows are added meanwhile.
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { getReadDb, type DbOrTx } from "@/db/client";
import { criterionOutcomes, decisionFactors, decisionOrganisations, decisionRisks, decisionVersions, decisions, organisations, successCriteria, users } from "@/db/schema";
import { readableDecisionsWhere, type Actor } from "../access";
import { clampLimit, decodeCursor, encodeCursor, type Cursor } from "../paging/cursor";
import { AppError } from "../errors";
import { parseInput } from "../validation";
import { mayUseRegister, registerConditions } from "./register";
import type { DecisionContext, DecisionImpact, VersionContent } from "./content";
import { RegisterFiltersSchema, type RegisterFiltersInput } from "./register-filters";

/** Undated decisions sort after every dated one (newest first). */
export const SORT_KEY = sql<string>`coalesce(${decisions.decidedOn}, '0001-01-01'::date)`;

export function afterKey(cursor: Cursor | null): SQL | undefined {
  if (!cursor) return undefined;
  return sql`(${SORT_KEY}, ${decisions.id}) < (${String(cursor.k)}::date, ${cursor.id}::uuid)`;
}

export type ListFilters = RegisterFiltersInput & { categories?: string[] };

/** The access and filter condition of a register read, or "not found" when the actor has no register. */
export async function registerWhere(db: DbOrTx, actor: Actor, raw: ListFilters): Promise<SQL> {
  const { categories, ...rest } = raw;
  const filters = parseInput(RegisterFiltersSchema, rest);
  if (!mayUseRegister(actor)) throw new AppError("not_found", "Not found");
  const { scope, attrs, text } = await registerConditions(db, actor, { ...filters, categories });
  return and(readableDecisionsWhere(actor), ...scope, ...attrs, text)!;
}

export type DecisionListItem = {
  id: string;
  trust: { ods: string; name: string };
  title: string;
  summary: string;
  context: DecisionContext;
  options: string;
  rationale: string;
  favoured: "system" | "trust" | null;
  category: string | null;
  factors: string[];
  impactOnTrust: DecisionImpact;
  impactOnSystem: DecisionImpact;
  organisations: { ods: string; role: "benefits" | "bears_cost"; amountK: number | null }[];
  decidedOn: string | null;
  visibility: "trust" | "system";
  status: "draft" | "awaiting_sign_off" | "signed_off" | "declined" | "reviewed" | "withdrawn";
  version: number;
  revision: number;
  contentHash: string | null;
  // Chair's action (issue 14).
  urgent: boolean;
  urgentReason: string;
  ratification: "awaiting" | "ratified" | "not_ratified" | null;
  chairsActionAt: Date | null;
  ratificationDecidedAt: Date | null;
  criteria: {
    id: string;
    statement: string;
    measure: string;
    baseline: string;
    target: string;
    judgedBy: string | null;
    /** The latest assessment, if any. */
    outcome: { id: string; outcome: "met" | "partly_met" | "not_met" | "unknown"; evidence: string; assessedOn: string; assessedBy: string; createdAt: Date } | null;
  }[];
  /** The risk taken per domain (domain order), as recorded now. */
  risks: { domain: string; level: string; reason: string }[];
  outsideAppetite: boolean;
  /** The current version's comparison with the board's appetite (null: a draft, or no risks recorded). */
  riskAppetite: VersionContent["riskAppetite"] | null;
};

/**
 * One page of the decisions the actor may read, filtered like the register. `cursor` is the
 * `nextCursor` of the previous page. Four queries per page: the decisions, then their factors,
 * organisations and criteria (with each criterion's latest outcome) for the whole page at once.
 */
export async function listDecisionsPage(
  actor: Actor,
  filters: ListFilters,
  page: { limit?: number; cursor?: string | null } = {},
): Promise<{ data: DecisionListItem[]; nextCursor: string | null }> {
  const db = await getReadDb(actor);
  const limit = clampLimit(page.limit);
  const cursor = page.cursor ? decodeCursor(page.cursor) : null;
  // This list's sort key is a date: anything else in a cursor was not made by us.
  if (cursor && !(typeof cursor.k === "string" && /^\d{4}-\d{2}-\d{2}$/.test(cursor.k) && !Number.isNaN(Date.parse(cursor.k)))) {
    throw new AppError("invalid", "The cursor is not valid", { fieldErrors: { cursor: "Use the nextCursor of the previous page, unchanged" } });
  }
  const where = await registerWhere(db, actor, filters);
  const rows = await db
    .select({ d: decisions, trustOds: organisations.ods, trustName: organisations.name, key: sql<string>`${SORT_KEY}::text` })
    .from(decisions)
    .innerJoin(organisations, eq(organisations.id, decisions.trustId))
    .where(and(where, afterKey(cursor)))
    .orderBy(desc(SORT_KEY), desc(decisions.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const ids = pageRows.map((r) => r.d.id);
  const parts = await loadParts(db, ids);
  const data = pageRows.map(({ d, trustOds, trustName }) => ({
    id: d.id,
    trust: { ods: trustOds, name: trustName },
    title: d.title,
    summary: d.summary,
    context: { financialPosition: d.contextFinancialPosition, financialAmountM: d.contextFinancialAmountM, regulatorRating: d.contextRegulatorRating, notes: d.contextNotes },
    options: d.options,
    rationale: d.rationale,
    favoured: d.favoured,
    category: d.category,
    factors: parts.factors.get(d.id) ?? [],
    impactOnTrust: { amountK: d.impactTrustK, text: d.impactTrustText },
    impactOnSystem: { amountK: d.impactSystemK, text: d.impactSystemText },
    organisations: parts.orgs.get(d.id) ?? [],
    decidedOn: d.decidedOn,
    visibility: d.visibility,
    status: d.status,
    version: d.version,
    revision: d.revision,
    contentHash: d.contentHash,
    urgent: d.urgent,
    urgentReason: d.urgentReason,
    ratification: d.ratification,
    chairsActionAt: d.chairsActionAt,
    ratificationDecidedAt: d.ratificationDecidedAt,
    criteria: parts.criteria.get(d.id) ?? [],
    risks: parts.risks.get(d.id) ?? [],
    outsideAppetite: d.outsideAppetite,
    riskAppetite: d.version > 0 ? (parts.appetite.get(d.id) ?? null) : null,
  }));
  const last = pageRows.at(-1);
  return { data, nextCursor: more && last ? encodeCursor({ k: last.key, id: last.d.id }) : null };
}

function groupBy<T, V>(rows: T[], key: (r: T) => string, value: (r: T) => V): Map<string, V[]> {
  const m = new Map<string, V[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(value(r));
    else m.set(k, [value(r)]);
  }
  return m;
}

async function loadParts(db: DbOrTx, ids: string[]) {
  if (!ids.length) return { factors: new Map<string, string[]>(), orgs: new Map(), criteria: new Map(), risks: new Map(), appetite: new Map() };
  const latest = db
    .selectDistinctOn([criterionOutcomes.criterionId], {
      criterionId: criterionOutcomes.criterionId,
      id: criterionOutcomes.id,
      outcome: criterionOutcomes.outcome,
      evidence: criterionOutcomes.evidence,
      assessedOn: criterionOutcomes.assessedOn,
      createdAt: criterionOutcomes.createdAt,
      assessedBy: users.name,
    })
    .from(criterionOutcomes)
    .innerJoin(users, eq(users.id, criterionOutcomes.assessedById))
    .where(inArray(criterionOutcomes.decisionId, ids))
    .orderBy(criterionOutcomes.criterionId, desc(criterionOutcomes.createdAt), desc(criterionOutcomes.id))
    .as("latest");
  const [factors, orgs, criteria, risks, appetite] = await Promise.all([
    db.select().from(decisionFactors).where(inArray(decisionFactors.decisionId, ids)).orderBy(asc(decisionFactors.factor)),
    db
      .select({ decisionId: decisionOrganisations.decisionId, ods: organisations.ods, role: decisionOrganisations.role, amountK: decisionOrganisations.amountK })
      .from(decisionOrganisations)
      .innerJoin(organisations, eq(organisations.id, decisionOrganisations.organisationId))
      .where(inArray(decisionOrganisations.decisionId, ids))
      .orderBy(asc(organisations.ods), asc(decisionOrganisations.role)),
    db
      .select({
        c: successCriteria,
        oId: latest.id,
        oOutcome: latest.outcome,
        oEvidence: latest.evidence,
        oAssessedOn: latest.assessedOn,
        oAssessedBy: latest.assessedBy,
        oCreatedAt: latest.createdAt,
      })
      .from(successCriteria)
      .leftJoin(latest, eq(latest.criterionId, successCriteria.id))
      .where(and(inArray(successCriteria.decisionId, ids), isNull(successCriteria.removedAt)))
      .orderBy(asc(successCriteria.ordinal), asc(successCriteria.createdAt)),
    db.select().from(decisionRisks).where(inArray(decisionRisks.decisionId, ids)).orderBy(asc(decisionRisks.domain)),
    db
      .select({ decisionId: decisionVersions.decisionId, riskAppetite: sql<VersionContent["riskAppetite"] | null>`${decisionVersions.content}->'riskAppetite'` })
      .from(decisionVersions)
      .innerJoin(decisions, and(eq(decisions.id, decisionVersions.decisionId), eq(decisions.version, decisionVersions.version)))
      .where(inArray(decisionVersions.decisionId, ids)),
  ]);
  return {
    risks: groupBy(risks, (r) => r.decisionId, (r) => ({ domain: r.domain as string, level: r.level as string, reason: r.reason })),
    appetite: new Map(appetite.filter((a) => a.riskAppetite).map((a) => [a.decisionId, a.riskAppetite])),
    factors: groupBy(factors, (f) => f.decisionId, (f) => f.factor as string),
    orgs: groupBy(orgs, (o) => o.decisionId, (o) => ({ ods: o.ods, role: o.role, amountK: o.amountK })),
    criteria: groupBy(
      criteria,
      (r) => r.c.decisionId,
      ({ c, ...o }): DecisionListItem["criteria"][number] => ({
        id: c.id,
        statement: c.statement,
        measure: c.measure,
        baseline: c.baseline,
        target: c.target,
        judgedBy: c.judgedBy,
        outcome: o.oId
          ? { id: o.oId, outcome: o.oOutcome!, evidence: o.oEvidence!, assessedOn: o.oAssessedOn!, assessedBy: o.oAssessedBy!, createdAt: new Date(o.oCreatedAt!) }
          : null,
      }),
    ),
  };
}
