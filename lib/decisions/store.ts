import "server-only";
// Internal to lib/decisions: reading and writing a decision's parts, and freezing a version. Callers
// check access first (loading the decision through ./access).
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  decisionFactors,
  decisionOrganisations,
  decisionVersions,
  decisions,
  organisations,
  attachments,
  decisionRisks,
  successCriteria,
  type Decision,
  type Organisation,
} from "@/db/schema";
import type { Actor } from "../access";
import { AppError } from "../errors";
import { appetiteInForce } from "../risk-appetite";
import { compareWithAppetite, sortRisks, type RiskDomain, type RiskLevel } from "../risk-appetite/taxonomy";
import { hashVersionContent, sortAttachments, type VersionAttachment, type VersionContent } from "./content";
import type { ComparableContent } from "./diff";
import type { DecisionInput } from "./schemas";

export const trustRef = (t: Organisation) => ({ id: t.id, kind: t.kind, icsId: t.icsId });

/** The organisations a decision of this trust may name: its ICS and the ICS's trusts (itself included). */
export async function linkableOrganisations(db: DbOrTx, trust: Organisation) {
  const cond = trust.icsId ? or(eq(organisations.id, trust.icsId), eq(organisations.icsId, trust.icsId)) : eq(organisations.id, trust.id);
  return db
    .select({ id: organisations.id, ods: organisations.ods, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .where(cond)
    .orderBy(asc(organisations.kind), asc(organisations.name));
}

/** Checks organisation codes against the ICS, and criterion ids against the decision. Throws "invalid". */
export async function resolveParts(db: DbOrTx, trust: Organisation, input: DecisionInput, decisionId: string | null) {
  const allowed = new Map((await linkableOrganisations(db, trust)).map((o) => [o.ods, o]));
  const existing = decisionId
    ? await db.select({ id: successCriteria.id }).from(successCriteria).where(and(eq(successCriteria.decisionId, decisionId), isNull(successCriteria.removedAt)))
    : [];
  return matchParts(allowed, input, new Set(existing.map((c) => c.id)));
}

/**
 * resolveParts without the database: `allowed` is the trust's linkable organisations by ODS code,
 * `existingIds` the decision's current criteria. Throws "invalid".
 */
export function matchParts(allowed: Map<string, { id: string; name: string }>, input: DecisionInput, existingIds: Set<string>) {
  const fieldErrors: Record<string, string> = {};
  const seen = new Set<string>();
  const orgs = input.organisations.map((o, i) => {
    const org = allowed.get(o.ods);
    if (!org) fieldErrors[`organisations.${i}.ods`] = `Organisation ${i + 1} must be one of the organisations in your Integrated Care System`;
    else if (seen.has(`${o.ods}:${o.role}`)) fieldErrors[`organisations.${i}.ods`] = `Organisation ${i + 1} is already listed with that role`;
    seen.add(`${o.ods}:${o.role}`);
    return { ...o, organisationId: org?.id ?? "", name: org?.name ?? o.ods };
  });
  const usedIds = new Set<string>();
  input.criteria.forEach((c, i) => {
    if (c.id && (!existingIds.has(c.id) || usedIds.has(c.id))) fieldErrors[`criteria.${i}.id`] = `Success criterion ${i + 1} is not one of this decision's criteria`;
    if (c.id) usedIds.add(c.id);
  });
  if (Object.keys(fieldErrors).length) throw new AppError("invalid", "Some answers need correcting", { fieldErrors });
  return { orgs, existingIds };
}

/** The decision row's columns from the input. */
export function columnsFrom(input: DecisionInput) {
  return {
    title: input.title,
    summary: input.summary,
    contextFinancialPosition: input.context.financialPosition,
    contextFinancialAmountM: input.context.financialAmountM,
    contextRegulatorRating: input.context.regulatorRating,
    contextNotes: input.context.notes,
    options: input.options,
    rationale: input.rationale,
    favoured: input.favoured,
    category: input.category,
    impactTrustK: input.impactOnTrust.amountK,
    impactTrustText: input.impactOnTrust.text,
    impactSystemK: input.impactOnSystem.amountK,
    impactSystemText: input.impactOnSystem.text,
    decidedOn: input.decidedOn,
    visibility: input.visibility,
  };
}

/**
 * Writes factors, organisations and criteria. Criteria of a decision never submitted are deleted when
 * removed; once a version has been frozen they are marked removed instead, never deleted.
 */
export async function writeParts(
  tx: DbOrTx,
  decisionId: string,
  input: DecisionInput,
  orgs: { organisationId: string; role: "benefits" | "bears_cost"; amountK: number | null }[],
  existingIds: Set<string>,
  frozenBefore: boolean,
) {
  const rows = partRows(decisionId, input, orgs);
  await tx.delete(decisionFactors).where(eq(decisionFactors.decisionId, decisionId));
  if (rows.factors.length) await tx.insert(decisionFactors).values(rows.factors);
  await tx.delete(decisionOrganisations).where(eq(decisionOrganisations.decisionId, decisionId));
  if (rows.organisations.length) await tx.insert(decisionOrganisations).values(rows.organisations);
  await tx.delete(decisionRisks).where(eq(decisionRisks.decisionId, decisionId));
  if (rows.risks.length) await tx.insert(decisionRisks).values(rows.risks);
  const kept = new Set(input.criteria.map((c) => c.id).filter((x): x is string => !!x));
  const gone = [...existingIds].filter((x) => !kept.has(x));
  if (gone.length) {
    if (frozenBefore) await tx.update(successCriteria).set({ removedAt: new Date() }).where(inArray(successCriteria.id, gone));
    else await tx.delete(successCriteria).where(inArray(successCriteria.id, gone));
  }
  for (const [ordinal, c] of input.criteria.entries()) {
    const values = criterionValues(c, ordinal);
    if (c.id) await tx.update(successCriteria).set(values).where(eq(successCriteria.id, c.id));
    else await tx.insert(successCriteria).values({ decisionId, ...values });
  }
}

/** A new decision's part rows (factors, organisations, criteria in order), as writeParts inserts them. */
export function partRows(decisionId: string, input: DecisionInput, orgs: { organisationId: string; role: "benefits" | "bears_cost"; amountK: number | null }[]) {
  return {
    factors: input.factors.map((factor) => ({ decisionId, factor })),
    organisations: orgs.map((o) => ({ decisionId, organisationId: o.organisationId, role: o.role, amountK: o.amountK })),
    criteria: input.criteria.map((c, ordinal) => ({ decisionId, ...criterionValues(c, ordinal) })),
    risks: (input.risks ?? []).map((r) => ({ decisionId, domain: r.domain, level: r.level, reason: r.reason })),
  };
}

const criterionValues = (c: DecisionInput["criteria"][number], ordinal: number) => ({
  ordinal,
  statement: c.statement,
  measure: c.measure,
  baseline: c.baseline,
  target: c.target,
  judgedBy: c.judgedBy,
});

/** The decision's current content as stored (what a version would freeze). */
export async function readContent(db: DbOrTx, d: Decision): Promise<ComparableContent> {
  return (await readContents(db, [d])).get(d.id)!;
}

/** readContent of many decisions at once, by decision id: three queries per chunk, not per decision. */
export async function readContents(db: DbOrTx, ds: Decision[]): Promise<Map<string, ComparableContent>> {
  const out = new Map<string, ComparableContent>();
  for (let i = 0; i < ds.length; i += READ_CHUNK) {
    const chunk = ds.slice(i, i + READ_CHUNK);
    const ids = chunk.map((d) => d.id);
    const [factors, orgs, criteria, files, risks] = await Promise.all([
      db.select({ decisionId: decisionFactors.decisionId, factor: decisionFactors.factor }).from(decisionFactors).where(inArray(decisionFactors.decisionId, ids)),
      db
        .select({ decisionId: decisionOrganisations.decisionId, ods: organisations.ods, name: organisations.name, role: decisionOrganisations.role, amountK: decisionOrganisations.amountK })
        .from(decisionOrganisations)
        .innerJoin(organisations, eq(organisations.id, decisionOrganisations.organisationId))
        .where(inArray(decisionOrganisations.decisionId, ids)),
      db
        .select()
        .from(successCriteria)
        .where(and(inArray(successCriteria.decisionId, ids), isNull(successCriteria.removedAt)))
        .orderBy(asc(successCriteria.decisionId), asc(successCriteria.ordinal), asc(successCriteria.createdAt)),
      db
        .select({ decisionId: attachments.decisionId, name: attachments.name, size: attachments.size, type: attachments.type, sha256: attachments.sha256 })
        .from(attachments)
        .where(and(inArray(attachments.decisionId, ids), isNull(attachments.outcomeId), isNull(attachments.removedAt))),
      db.select().from(decisionRisks).where(inArray(decisionRisks.decisionId, ids)),
    ]);
    const risksOf = groupBy(risks, (r) => r.decisionId);
    const factorsOf = groupBy(factors, (f) => f.decisionId);
    const orgsOf = groupBy(orgs, (o) => o.decisionId);
    const criteriaOf = groupBy(criteria, (c) => c.decisionId);
    const filesOf = groupBy(files, (f) => f.decisionId);
    for (const d of chunk) {
      const content = contentOf(d, factorsOf.get(d.id) ?? [], orgsOf.get(d.id) ?? [], criteriaOf.get(d.id) ?? []);
      const own = filesOf.get(d.id);
      const withFiles = own ? { ...content, attachments: sortAttachments(own.map(({ decisionId: _, ...f }): VersionAttachment => f)) } : content;
      const taken = risksOf.get(d.id);
      out.set(d.id, taken ? { ...withFiles, riskAppetite: draftRisks(taken) } : withFiles);
    }
  }
  return out;
}

/** JSON read from one statement: PGlite may hand json columns back as text. */
const fromJson = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);

type ContentPartsRow = {
  factors: { factor: string }[] | string;
  orgs: { ods: string; name: string; role: "benefits" | "bears_cost"; amountK: number | null }[] | string;
  criteria: { id: string; statement: string; measure: string; baseline: string; target: string; judgedBy: string }[] | string;
  files: VersionAttachment[] | string;
  risks: { domain: string; level: string; reason: string }[] | string;
};

/**
 * readContent's five reads of one decision as columns of a single statement (json_agg subqueries), to
 * select alongside other columns (the decision page: statements per request, issue 16). Same rows and
 * order as readContents; contentFromParts builds the same content from them.
 */
export function contentPartsColumns(d: Decision) {
  return {
    factors: sql<ContentPartsRow["factors"]>`coalesce((select json_agg(json_build_object('factor', f.factor)) from ${decisionFactors} f where f.decision_id = ${d.id}), '[]'::json)`,
    orgs: sql<ContentPartsRow["orgs"]>`coalesce((select json_agg(json_build_object('ods', o.ods, 'name', o.name, 'role', x.role, 'amountK', x.amount_k))
        from ${decisionOrganisations} x join ${organisations} o on o.id = x.organisation_id where x.decision_id = ${d.id}), '[]'::json)`,
    criteria: sql<ContentPartsRow["criteria"]>`coalesce((select json_agg(json_build_object('id', c.id, 'statement', c.statement, 'measure', c.measure,
        'baseline', c.baseline, 'target', c.target, 'judgedBy', c.judged_by) order by c.ordinal, c.created_at)
        from ${successCriteria} c where c.decision_id = ${d.id} and c.removed_at is null), '[]'::json)`,
    files: sql<ContentPartsRow["files"]>`coalesce((select json_agg(json_build_object('name', a.name, 'size', a.size, 'type', a.type, 'sha256', a.sha256))
        from ${attachments} a where a.decision_id = ${d.id} and a.outcome_id is null and a.removed_at is null), '[]'::json)`,
    risks: sql<ContentPartsRow["risks"]>`coalesce((select json_agg(json_build_object('domain', r.domain, 'level', r.level, 'reason', r.reason))
        from ${decisionRisks} r where r.decision_id = ${d.id}), '[]'::json)`,
  };
}

/** The content from contentPartsColumns' columns: exactly what readContent gives. */
export function contentFromParts(d: Decision, row: ContentPartsRow): ComparableContent {
  const criteria = fromJson(row.criteria).map((c) => ({ ...c }) as unknown as typeof successCriteria.$inferSelect);
  const content = contentOf(d, fromJson(row.factors), fromJson(row.orgs), criteria);
  const files = fromJson(row.files);
  const withFiles = files.length ? { ...content, attachments: sortAttachments(files.map((f): VersionAttachment => ({ name: f.name, size: f.size, type: f.type, sha256: f.sha256 }))) } : content;
  const risks = fromJson(row.risks);
  return risks.length ? { ...withFiles, riskAppetite: draftRisks(risks) } : withFiles;
}

/** Decisions per readContents query: well under PostgreSQL's 65,535 parameters. */
const READ_CHUNK = 1000;

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** The content from the decision row and its stored parts (criteria in ordinal order). */
function contentOf(
  d: Decision,
  factors: { factor: string }[],
  orgs: { ods: string; name: string; role: "benefits" | "bears_cost"; amountK: number | null }[],
  criteria: (typeof successCriteria.$inferSelect)[],
): ComparableContent {
  return {
    title: d.title,
    summary: d.summary,
    context: {
      financialPosition: d.contextFinancialPosition,
      financialAmountM: d.contextFinancialAmountM,
      regulatorRating: d.contextRegulatorRating,
      notes: d.contextNotes,
    },
    options: d.options,
    rationale: d.rationale,
    favoured: d.favoured,
    category: d.category,
    factors: factors.map((f) => f.factor).sort(),
    impactOnTrust: { amountK: d.impactTrustK, text: d.impactTrustText },
    impactOnSystem: { amountK: d.impactSystemK, text: d.impactSystemText },
    organisations: orgs
      .map((o) => ({ ods: o.ods, name: o.name, role: o.role, amountK: o.amountK }))
      .sort((a, b) => (a.ods + a.role < b.ods + b.role ? -1 : a.ods + a.role > b.ods + b.role ? 1 : 0)),
    decidedOn: d.decidedOn,
    visibility: d.visibility,
    criteria: criteria.map((c, i) => ({
      id: c.id,
      ordinal: i,
      statement: c.statement,
      measure: c.measure,
      baseline: c.baseline,
      target: c.target,
      judgedBy: c.judgedBy,
    })),
  };
}

/**
 * A decision's risks before they are compared (a draft's content, and what an edit is checked
 * against): no statement version, nothing outside. Freezing a version compares them (versionRow).
 */
function draftRisks(risks: { domain: string; level: string; reason: string }[]): NonNullable<ComparableContent["riskAppetite"]> {
  return { statementVersion: null, risks: sortRisks(risks).map((r) => ({ domain: r.domain, level: r.level, reason: r.reason })), outside: [] };
}

/** The content the person typed, in the same shape, for showing differences. */
export function contentFromInput(input: DecisionInput, names: Map<string, string>): ComparableContent {
  return {
    ...(input.risks?.length ? { riskAppetite: draftRisks(input.risks) } : {}),
    title: input.title,
    summary: input.summary,
    context: { ...input.context },
    options: input.options,
    rationale: input.rationale,
    favoured: input.favoured,
    category: input.category,
    factors: [...input.factors].sort(),
    impactOnTrust: { ...input.impactOnTrust },
    impactOnSystem: { ...input.impactOnSystem },
    organisations: input.organisations.map((o) => ({ ods: o.ods, name: names.get(o.ods) ?? o.ods, role: o.role, amountK: o.amountK })),
    decidedOn: input.decidedOn,
    visibility: input.visibility,
    criteria: input.criteria.map((c, i) => ({
      id: c.id ?? `new-${i}`,
      ordinal: i,
      statement: c.statement,
      measure: c.measure,
      baseline: c.baseline,
      target: c.target,
      judgedBy: c.judgedBy,
    })),
  };
}

/**
 * Freezes the stored content as version `version`: writes the version row, returns its hash. When the
 * decision records risks they are compared with the trust's risk appetite in force now, and the
 * statement version and every domain outside appetite are frozen with it; `outsideAppetite` is what
 * the caller sets on the decision row (decisions.outside_appetite) in the same transaction.
 */
export async function freezeVersion(tx: DbOrTx, actor: Actor, d: Decision, trust: Organisation, version: number) {
  const current = await readContent(tx, d);
  const appetite = current.riskAppetite ? await appetiteInForce(tx, trust.id) : null;
  const frozen = versionRow(actor, d, trust, version, current, appetite);
  await tx.insert(decisionVersions).values(frozen);
  return { content: frozen.content, contentHash: frozen.contentHash, outsideAppetite: frozen.outsideAppetite };
}

/**
 * The version row freezeVersion writes, from the decision's stored content (readContent's), and
 * whether it is outside the board's appetite (`appetite`: the statement in force, null when none).
 */
export function versionRow(
  actor: Actor,
  d: Decision,
  trust: Organisation,
  version: number,
  current: ComparableContent,
  appetite: { version: number; levels: Partial<Record<RiskDomain, RiskLevel>> } | null = null,
) {
  if (!current.favoured || !current.category) throw new AppError("invalid", "The decision is not ready to submit");
  const { riskAppetite: drafted, ...rest } = current;
  const riskAppetite = drafted ? compareWithAppetite(drafted.risks, appetite) : undefined;
  const content: VersionContent = {
    ...(riskAppetite ? { riskAppetite } : {}),
    schema: "fulcrum.decision-version/1",
    decisionId: d.id,
    version,
    trust: { ods: trust.ods, name: trust.name },
    ...rest,
    favoured: current.favoured,
    category: current.category,
  };
  const contentHash = hashVersionContent(content);
  return { decisionId: d.id, version, content, contentHash, createdById: actor.userId, outsideAppetite: (riskAppetite?.outside.length ?? 0) > 0 };
}

/** Bumps the optimistic-lock counter only if it is still the one the edit was based on. */
export async function bumpRevision(tx: DbOrTx, d: Decision, baseRevision: number, set: Partial<typeof decisions.$inferInsert>) {
  const rows = await tx
    .update(decisions)
    .set({ ...set, revision: sql`${decisions.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(decisions.id, d.id), eq(decisions.revision, baseRevision)))
    .returning();
  if (!rows.length) throw new StaleRevision(d.id, baseRevision);
  return rows[0];
}

/** Thrown inside a transaction when the edit's base revision is not the current one. */
export class StaleRevision extends Error {
  constructor(
    readonly decisionId: string,
    readonly baseRevision: number,
    readonly details: Record<string, unknown> = {},
  ) {
    super("stale revision");
  }
}
