import "server-only";
// Internal to lib/decisions: loading a decision with its trust, reading and writing its parts, and
// freezing a version. Callers check access first.
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  decisionFactors,
  decisionOrganisations,
  decisionVersions,
  decisions,
  organisations,
  successCriteria,
  type Decision,
  type Organisation,
} from "@/db/schema";
import type { Actor } from "../access";
import { canReadDecision } from "../access";
import { AppError } from "../errors";
import { hashVersionContent, type VersionContent } from "./content";
import type { ComparableContent } from "./diff";
import type { DecisionInput } from "./schemas";
import { isUuid } from "./schemas";

export type LoadedDecision = { d: Decision; trust: Organisation };

/** The decision and its trust if the actor may read it; otherwise "not found". `lock` takes a row lock. */
export async function loadReadable(db: DbOrTx, actor: Actor, id: string, opts: { lock?: boolean } = {}): Promise<LoadedDecision> {
  if (!isUuid(id)) throw new AppError("not_found", "Decision not found");
  const q = db.select().from(decisions).where(eq(decisions.id, id));
  const [d] = opts.lock ? await q.for("update") : await q;
  if (!d) throw new AppError("not_found", "Decision not found");
  const [trust] = await db.select().from(organisations).where(eq(organisations.id, d.trustId));
  if (!canReadDecision(actor, d, trust.icsId)) throw new AppError("not_found", "Decision not found");
  return { d, trust };
}

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
  const fieldErrors: Record<string, string> = {};
  const allowed = new Map((await linkableOrganisations(db, trust)).map((o) => [o.ods, o]));
  const seen = new Set<string>();
  const orgs = input.organisations.map((o, i) => {
    const org = allowed.get(o.ods);
    if (!org) fieldErrors[`organisations.${i}.ods`] = `Organisation ${i + 1} must be one of the organisations in your Integrated Care System`;
    else if (seen.has(`${o.ods}:${o.role}`)) fieldErrors[`organisations.${i}.ods`] = `Organisation ${i + 1} is already listed with that role`;
    seen.add(`${o.ods}:${o.role}`);
    return { ...o, organisationId: org?.id ?? "", name: org?.name ?? o.ods };
  });
  const existing = decisionId
    ? await db.select({ id: successCriteria.id }).from(successCriteria).where(and(eq(successCriteria.decisionId, decisionId), isNull(successCriteria.removedAt)))
    : [];
  const existingIds = new Set(existing.map((c) => c.id));
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
  await tx.delete(decisionFactors).where(eq(decisionFactors.decisionId, decisionId));
  if (input.factors.length) await tx.insert(decisionFactors).values(input.factors.map((factor) => ({ decisionId, factor })));
  await tx.delete(decisionOrganisations).where(eq(decisionOrganisations.decisionId, decisionId));
  if (orgs.length) {
    await tx
      .insert(decisionOrganisations)
      .values(orgs.map((o) => ({ decisionId, organisationId: o.organisationId, role: o.role, amountK: o.amountK })));
  }
  const kept = new Set(input.criteria.map((c) => c.id).filter((x): x is string => !!x));
  const gone = [...existingIds].filter((x) => !kept.has(x));
  if (gone.length) {
    if (frozenBefore) await tx.update(successCriteria).set({ removedAt: new Date() }).where(inArray(successCriteria.id, gone));
    else await tx.delete(successCriteria).where(inArray(successCriteria.id, gone));
  }
  for (const [ordinal, c] of input.criteria.entries()) {
    const values = { ordinal, statement: c.statement, measure: c.measure, baseline: c.baseline, target: c.target, judgedBy: c.judgedBy };
    if (c.id) await tx.update(successCriteria).set(values).where(eq(successCriteria.id, c.id));
    else await tx.insert(successCriteria).values({ decisionId, ...values });
  }
}

/** The decision's current content as stored (what a version would freeze). */
export async function readContent(db: DbOrTx, d: Decision): Promise<ComparableContent> {
  const [factors, orgs, criteria] = await Promise.all([
    db.select({ factor: decisionFactors.factor }).from(decisionFactors).where(eq(decisionFactors.decisionId, d.id)),
    db
      .select({ ods: organisations.ods, name: organisations.name, role: decisionOrganisations.role, amountK: decisionOrganisations.amountK })
      .from(decisionOrganisations)
      .innerJoin(organisations, eq(organisations.id, decisionOrganisations.organisationId))
      .where(eq(decisionOrganisations.decisionId, d.id)),
    db
      .select()
      .from(successCriteria)
      .where(and(eq(successCriteria.decisionId, d.id), isNull(successCriteria.removedAt)))
      .orderBy(asc(successCriteria.ordinal), asc(successCriteria.createdAt)),
  ]);
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

/** The content the person typed, in the same shape, for showing differences. */
export function contentFromInput(input: DecisionInput, names: Map<string, string>): ComparableContent {
  return {
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

/** Freezes the stored content as version `version`: writes the version row, returns its hash. */
export async function freezeVersion(tx: DbOrTx, actor: Actor, d: Decision, trust: Organisation, version: number) {
  const current = await readContent(tx, d);
  if (!current.favoured || !current.category) throw new AppError("invalid", "The decision is not ready to submit");
  const content: VersionContent = {
    schema: "fulcrum.decision-version/1",
    decisionId: d.id,
    version,
    trust: { ods: trust.ods, name: trust.name },
    ...current,
    favoured: current.favoured,
    category: current.category,
  };
  const contentHash = hashVersionContent(content);
  await tx.insert(decisionVersions).values({ decisionId: d.id, version, content, contentHash, createdById: actor.userId });
  return { content, contentHash };
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
