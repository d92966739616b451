import "server-only";
// The decision routes of API v1, on top of the same lib functions the pages use (access is checked
// there). Each takes the actor first and answers in the wire shapes of lib/api/schemas.ts.
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { criterionOutcomes, users } from "@/db/schema";
import type { Actor } from "../access";
import { createDecision, getDecision, listDecisionsPage, submitDecision, updateDecision, withdrawDecision } from "../decisions";
import { getOutcomesPanel, recordOutcome } from "../outcomes";
import { readTogether } from "../request-memo";
import { getSignOffPanel, recordPosition } from "../sign-off";
import type { DecisionDetailWire, DecisionInputWire, DecisionPatchWire, ListQueryWire, OutcomeInputWire, OutcomeWire, PositionInputWire, PositionWire } from "./schemas";
import { decisionToWire, outcomeToWire, positionToWire } from "./wire";

export async function apiListDecisions(actor: Actor, query: ListQueryWire) {
  const { limit, cursor, category, ...filters } = query;
  const page = await listDecisionsPage(
    actor,
    { ...filters, ...(category?.length === 1 ? { category: category[0] } : category?.length ? { categories: category } : {}) },
    { limit, cursor },
  );
  return { data: page.data.map(decisionToWire), nextCursor: page.nextCursor };
}

/** The decision with its criteria (and latest outcomes), versions, every position and every outcome: one load of the decision for all three. */
export async function apiGetDecision(actor: Actor, id: string): Promise<DecisionDetailWire> {
  const [d, panel, outcomes] = await readTogether(() => Promise.all([getDecision(actor, id), getSignOffPanel(actor, id), getOutcomesPanel(actor, id)]));
  const byCriterion = new Map(outcomes.criteria.map((c) => [c.id, c.outcomes]));
  const core = decisionToWire({
    ...d,
    trust: { ods: d.trust.ods, name: d.trust.name },
    category: d.category,
    criteria: d.criteria.map((c) => ({ ...c, outcome: byCriterion.get(c.id)?.[0] ?? null })),
    risks: d.riskAppetite?.risks ?? [],
    riskAppetite: d.version > 0 ? (d.riskAppetite ?? null) : null,
  });
  return {
    ...core,
    versions: [...d.versions].sort((a, b) => a.version - b.version).map((v) => ({ number: v.version, hash: v.contentHash, createdAt: new Date(v.createdAt).toISOString() })),
    positions: [...panel.positions].reverse().map(positionToWire),
    outcomes: outcomes.criteria.flatMap((c) => c.outcomes.map((o) => outcomeToWire(c.id, o))),
  };
}

export async function apiCreateDecision(actor: Actor, body: DecisionInputWire): Promise<DecisionDetailWire> {
  const created = await createDecision(actor, body);
  return apiGetDecision(actor, created.id);
}

/**
 * PATCH: the lib's edit is a full replacement, so the patch is merged onto the current content here
 * (objects field by field; `organisations` and `criteria` replaced whole when sent).
 */
export async function apiPatchDecision(actor: Actor, id: string, baseRevision: number, patch: Omit<DecisionPatchWire, "baseVersion">): Promise<DecisionDetailWire> {
  const d = await getDecision(actor, id);
  const current = {
    title: d.title,
    summary: d.summary,
    context: d.context,
    options: d.options,
    rationale: d.rationale,
    favoured: d.favoured,
    category: d.category,
    factors: d.factors,
    impactOnTrust: d.impactOnTrust,
    impactOnSystem: d.impactOnSystem,
    organisations: d.organisations.map((o) => ({ ods: o.ods, role: o.role, amountK: o.amountK })),
    decidedOn: d.decidedOn,
    visibility: d.visibility,
    criteria: d.criteria.map((c) => ({ id: c.id, statement: c.statement, measure: c.measure, baseline: c.baseline, target: c.target, judgedBy: c.judgedBy })),
    risks: (d.riskAppetite?.risks ?? []).map((r) => ({ domain: r.domain, level: r.level, reason: r.reason })),
  };
  const merged = {
    ...current,
    ...patch,
    context: { ...current.context, ...(patch.context ?? {}) },
    impactOnTrust: { ...current.impactOnTrust, ...(patch.impactOnTrust ?? {}) },
    impactOnSystem: { ...current.impactOnSystem, ...(patch.impactOnSystem ?? {}) },
  };
  await updateDecision(actor, { ...merged, id, baseRevision });
  return apiGetDecision(actor, id);
}

/** Submit, based on the revision the client read (required: the route refuses a request without one). */
export async function apiSubmitDecision(actor: Actor, id: string, baseRevision: number): Promise<DecisionDetailWire> {
  await submitDecision(actor, { id, baseRevision });
  return apiGetDecision(actor, id);
}

/** Withdraw with the client's reason (required, as on the page) and the revision it read. */
export async function apiWithdrawDecision(actor: Actor, id: string, baseRevision: number, reason: string): Promise<DecisionDetailWire> {
  await withdrawDecision(actor, { id, baseRevision, reason });
  return apiGetDecision(actor, id);
}

export async function apiRecordPosition(actor: Actor, decisionId: string, body: PositionInputWire): Promise<PositionWire> {
  const { positionId } = await recordPosition(actor, { decisionId, ...body });
  const panel = await getSignOffPanel(actor, decisionId);
  const p = panel.positions.find((x) => x.id === positionId);
  if (!p) throw new Error("position not found after recording it");
  return positionToWire(p);
}

export async function apiRecordOutcome(actor: Actor, criterionId: string, body: OutcomeInputWire): Promise<OutcomeWire> {
  const { outcomeId } = await recordOutcome(actor, { criterionId, ...body });
  const db = await getDb();
  // recordOutcome checked access; this reads back the row it wrote.
  const [o] = await db
    .select({ id: criterionOutcomes.id, outcome: criterionOutcomes.outcome, evidence: criterionOutcomes.evidence, assessedOn: criterionOutcomes.assessedOn, assessedBy: users.name, createdAt: criterionOutcomes.createdAt })
    .from(criterionOutcomes)
    .innerJoin(users, eq(users.id, criterionOutcomes.assessedById))
    .where(eq(criterionOutcomes.id, outcomeId));
  return outcomeToWire(criterionId, o);
}
