import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { decisionFactors, decisionOrganisations, decisions, decisionVersions, organisations, positions, successCriteria, users } from "@/db/schema";
import type { Actor } from "../access";
import { loadActor } from "../actors";
import { recordAudit } from "../audit";
import { hashVersionContent, type VersionContent } from "../decisions/content";
import { nextStatus } from "../lifecycle";
import { recordOutcome } from "../outcomes";
import { declineDecision, recordPosition } from "../sign-off";
import { DEMO_DECISIONS, type DemoDecision } from "./decision-data";
import { demoEmail } from "./organisations";

/** The date the demo's dates were written against; on a later start every date moves forward with the clock. */
export const DEMO_ANCHOR = "2026-11-26";
const DAY = 86_400_000;

function shifter(now: Date) {
  const offset = Math.floor((Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - Date.parse(`${DEMO_ANCHOR}T00:00:00Z`)) / DAY);
  return (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + offset * DAY).toISOString().slice(0, 10);
}

/**
 * Loads the demo decisions (lib/demo/decision-data.ts). Idempotent: a decision whose title already
 * exists at its trust is skipped.
 *
 * Until the decision-record lib is merged, the decision, its criteria and its frozen version 1 are
 * inserted directly here (as createDecision + submitDecision would leave them, audited); withdrawal is
 * written directly too. Positions, sign-off, the Chair's decline and outcomes go through the real
 * lib functions (recordPosition, declineDecision, recordOutcome), so quorum and status changes are
 * genuine. Afterwards the timestamps of positions and status changes are set to the decision's dates
 * so the history reads plausibly; audit events keep the real load time.
 */
export async function loadDemoDecisions(db: Database, opts: { now?: Date } = {}): Promise<{ inserted: number }> {
  const now = opts.now ?? new Date();
  const shift = shifter(now);
  const orgRows = await db.select({ id: organisations.id, ods: organisations.ods, name: organisations.name }).from(organisations);
  const orgByOds = new Map(orgRows.map((o) => [o.ods, o]));
  const actors = new Map<string, Actor>();
  const actorFor = async (local: string) => {
    const cached = actors.get(local);
    if (cached) return cached;
    const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, demoEmail(local)));
    if (!u) throw new Error(`demo user ${local} missing: seed the demo people first`);
    const actor = await loadActor(db, u.id);
    if (!actor) throw new Error(`demo user ${local} not loadable`);
    actors.set(local, actor);
    return actor;
  };
  let inserted = 0;
  for (const spec of DEMO_DECISIONS) {
    const trust = orgByOds.get(spec.trust);
    if (!trust) throw new Error(`demo trust ${spec.trust} missing`);
    const [exists] = await db.select({ id: decisions.id }).from(decisions).where(and(eq(decisions.trustId, trust.id), eq(decisions.title, spec.title)));
    if (exists) continue;
    const ce = await actorFor(`ce.${spec.trust.toLowerCase()}`);
    const decisionId = await db.transaction((tx) => insertDecision(tx, ce, spec, trust, orgByOds, shift));
    for (const p of spec.positions ?? []) {
      const member = await actorFor(p.member);
      await recordPosition(member, { decisionId, position: p.position, comment: p.comment ?? "", forum: p.forum, conflict: p.conflict ?? null, version: 1 }).catch((e) => {
        throw new Error(`demo decision ${spec.key}, position of ${p.member}: ${(e as Error).message}`);
      });
    }
    if (spec.state === "declined") {
      await declineDecision(await actorFor(`chair.${spec.trust.toLowerCase()}`), { decisionId, reason: spec.declineReason ?? "Declined by the board." });
    }
    if (spec.state === "reviewed") {
      const crit = await db.select().from(successCriteria).where(and(eq(successCriteria.decisionId, decisionId), isNull(successCriteria.removedAt))).orderBy(asc(successCriteria.ordinal));
      for (const [i, c] of crit.entries()) {
        const o = spec.outcomes?.[i];
        if (!o) throw new Error(`demo decision ${spec.key}: outcome ${i + 1} missing`);
        const assessedOn = shift(o.assessedOn);
        const clock = new Date(Math.max(now.getTime(), Date.parse(`${assessedOn}T12:00:00Z`)));
        await recordOutcome(ce, { criterionId: c.id, outcome: o.outcome, evidence: o.evidence, assessedOn }, { now: clock });
      }
    }
    const [d] = await db.select({ status: decisions.status }).from(decisions).where(eq(decisions.id, decisionId));
    if (d.status !== spec.state) throw new Error(`demo decision ${spec.key} ended ${d.status}, expected ${spec.state}`);
    await backdate(db, decisionId, spec, shift, now);
    inserted++;
  }
  return { inserted };
}

async function insertDecision(
  tx: Tx,
  ce: Actor,
  spec: DemoDecision,
  trust: { id: string; ods: string; name: string },
  orgByOds: Map<string, { id: string; ods: string; name: string }>,
  shift: (d: string) => string,
): Promise<string> {
  const draft = spec.state === "draft";
  const [d] = await tx
    .insert(decisions)
    .values({
      trustId: trust.id,
      authorId: ce.userId,
      title: spec.title,
      summary: spec.summary,
      contextFinancialPosition: spec.context.financialPosition,
      contextFinancialAmountM: spec.context.financialAmountM,
      contextRegulatorRating: spec.context.regulatorRating,
      contextNotes: spec.context.notes,
      options: spec.options,
      rationale: spec.rationale,
      favoured: spec.favoured,
      category: spec.category,
      impactTrustK: spec.impactTrustK,
      impactTrustText: spec.impactTrustText,
      impactSystemK: spec.impactSystemK,
      impactSystemText: spec.impactSystemText,
      decidedOn: shift(spec.decidedOn),
      visibility: spec.visibility,
      status: "draft",
    })
    .returning();
  await tx.insert(decisionFactors).values(spec.factors.map((factor) => ({ decisionId: d.id, factor })));
  const links = spec.organisations.map((o) => {
    const org = orgByOds.get(o.ods);
    if (!org) throw new Error(`demo organisation ${o.ods} missing`);
    return { decisionId: d.id, organisationId: org.id, role: o.role, amountK: o.amountK ?? null, ods: org.ods, name: org.name };
  });
  if (links.length) await tx.insert(decisionOrganisations).values(links.map(({ ods: _o, name: _n, ...l }) => l));
  const crit = [];
  for (const [i, c] of spec.criteria.entries()) {
    const [row] = await tx
      .insert(successCriteria)
      .values({ decisionId: d.id, ordinal: i, statement: c.statement, measure: c.measure, baseline: c.baseline, target: c.target, judgedBy: shift(c.judgedBy) })
      .returning();
    crit.push(row);
  }
  await recordAudit(tx, ce, { organisationId: trust.id, action: "decision.created", entityType: "decision", entityId: d.id, after: { title: d.title, demo: true } });
  if (draft) return d.id;
  const content: VersionContent = {
    schema: "fulcrum.decision-version/1",
    decisionId: d.id,
    version: 1,
    trust: { ods: trust.ods, name: trust.name },
    title: d.title,
    summary: d.summary,
    context: { financialPosition: d.contextFinancialPosition, financialAmountM: d.contextFinancialAmountM, regulatorRating: d.contextRegulatorRating, notes: d.contextNotes },
    options: d.options,
    rationale: d.rationale,
    favoured: spec.favoured,
    category: spec.category,
    factors: [...spec.factors],
    impactOnTrust: { amountK: d.impactTrustK, text: d.impactTrustText },
    impactOnSystem: { amountK: d.impactSystemK, text: d.impactSystemText },
    organisations: links.map((l) => ({ ods: l.ods, name: l.name, role: l.role, amountK: l.amountK })),
    decidedOn: d.decidedOn,
    visibility: d.visibility,
    criteria: crit.map((c) => ({ id: c.id, ordinal: c.ordinal, statement: c.statement, measure: c.measure, baseline: c.baseline, target: c.target, judgedBy: c.judgedBy })),
  };
  const contentHash = hashVersionContent(content);
  await tx.insert(decisionVersions).values({ decisionId: d.id, version: 1, content, contentHash, createdById: ce.userId });
  const submitted = nextStatus("draft", "submit")!;
  let status = submitted;
  let withdrawn: Partial<typeof decisions.$inferInsert> = {};
  if (spec.state === "withdrawn") {
    status = nextStatus(submitted, "withdraw")!;
    withdrawn = { withdrawnAt: new Date(), withdrawReason: spec.withdrawReason ?? "" };
  }
  await tx
    .update(decisions)
    .set({ status, version: 1, contentHash, submittedAt: new Date(), revision: sql`${decisions.revision} + ${status === submitted ? 1 : 2}`, ...withdrawn })
    .where(eq(decisions.id, d.id));
  await recordAudit(tx, ce, { organisationId: trust.id, action: "decision.submitted", entityType: "decision", entityId: d.id, after: { version: 1, contentHash } });
  if (spec.state === "withdrawn") {
    await recordAudit(tx, ce, { organisationId: trust.id, action: "decision.withdrawn", entityType: "decision", entityId: d.id, after: { reason: spec.withdrawReason } });
  }
  return d.id;
}

/** Sets the demo history's times to the decision's dates (submitted ten days before, positions on the day). */
async function backdate(db: Database, decisionId: string, spec: DemoDecision, shift: (d: string) => string, now: Date) {
  const decided = Date.parse(`${shift(spec.decidedOn)}T09:00:00Z`);
  const cap = (t: number) => new Date(Math.min(t, now.getTime() - 60_000));
  const rows = await db.select({ id: positions.id }).from(positions).where(eq(positions.decisionId, decisionId)).orderBy(asc(positions.createdAt), asc(positions.id));
  const ids = rows.map((r) => r.id);
  for (const [i, id] of ids.entries()) {
    await db.update(positions).set({ createdAt: cap(decided + i * 47 * 60_000) }).where(eq(positions.id, id));
  }
  const last = cap(decided + Math.max(0, ids.length - 1) * 47 * 60_000);
  const set: Partial<typeof decisions.$inferInsert> = {
    createdAt: cap(decided - 20 * DAY),
    updatedAt: last,
  };
  if (spec.state !== "draft") set.submittedAt = cap(decided - 10 * DAY);
  if (spec.state === "signed_off" || spec.state === "reviewed") set.signedOffAt = last;
  if (spec.state === "declined") set.declinedAt = cap(decided + 60 * 60_000 * 3);
  if (spec.state === "withdrawn") set.withdrawnAt = cap(decided - 2 * DAY);
  if (spec.state === "reviewed") {
    const latest = [...(spec.outcomes ?? [])].map((o) => shift(o.assessedOn)).sort().at(-1);
    if (latest) set.reviewedAt = cap(Date.parse(`${latest}T12:00:00Z`));
  }
  await db.update(decisions).set(set).where(eq(decisions.id, decisionId));
}
