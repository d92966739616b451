import "server-only";
import { setUrgency } from "../chairs-action";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { decisions, decisionVersions, organisations, positions, riskAppetiteStatements, successCriteria, users } from "@/db/schema";
import type { Actor } from "../access";
import { loadActor } from "../actors";
import { createDecision, submitDecision, withdrawDecision } from "../decisions";
import { runAsOf } from "../clock";
import { recordOutcome } from "../outcomes";
import { declineDecision, recordPosition } from "../sign-off";
import { setRiskAppetite } from "../risk-appetite";
import { DEMO_DECISIONS, DEMO_RISK_APPETITE, type DemoDecision } from "./decision-data";
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
 * Everything goes through the real lib functions (createDecision, submitDecision, withdrawDecision,
 * recordPosition, declineDecision, recordOutcome), so versions, hashes, quorum, status changes and the
 * audit chain are exactly what the app makes. Each step runs "as of" its date in the decision's story
 * (storyTimes), so the audit events carry those dates, and the rows' timestamps are then set to the
 * same dates: the timeline, the positions and the sign-off timings agree. (A trust's chain therefore
 * lists its demo events decision by decision, not in date order.)
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
  // Each demo trust's risk appetite, set by its Company Secretary before its first decision (once).
  const earliest = Math.min(...DEMO_DECISIONS.map((d) => Date.parse(`${shift(d.decidedOn)}T09:00:00Z`))) - 60 * DAY;
  for (const ods of [...new Set(DEMO_DECISIONS.map((d) => d.trust))]) {
    const trust = orgByOds.get(ods);
    if (!trust) continue;
    const [has] = await db.select({ id: riskAppetiteStatements.id }).from(riskAppetiteStatements).where(eq(riskAppetiteStatements.trustId, trust.id)).limit(1);
    if (has) continue;
    const secretary = await actorFor(`sec.${ods.toLowerCase()}`);
    const at = new Date(Math.min(earliest, now.getTime() - 60_000));
    await runAsOf(at, () => setRiskAppetite(secretary, ods, { baseVersion: 0, note: "Agreed by the board at its annual risk workshop.", domains: DEMO_RISK_APPETITE }));
    await db.update(riskAppetiteStatements).set({ createdAt: at }).where(eq(riskAppetiteStatements.trustId, trust.id));
  }
  let inserted = 0;
  for (const spec of DEMO_DECISIONS) {
    const trust = orgByOds.get(spec.trust);
    if (!trust) throw new Error(`demo trust ${spec.trust} missing`);
    const [exists] = await db.select({ id: decisions.id }).from(decisions).where(and(eq(decisions.trustId, trust.id), eq(decisions.title, spec.title)));
    if (exists) continue;
    const ce = await actorFor(`ce.${spec.trust.toLowerCase()}`);
    const times = storyTimes(spec, shift, now);
    const decisionId = await createDemoDecision(ce, spec, trust.ods, shift, times);
    if (spec.urgentReason) await runAsOf(times.submitted, () => setUrgency(ce, { decisionId, urgent: true, reason: spec.urgentReason! }));
    for (const [i, p] of (spec.positions ?? []).entries()) {
      const member = await actorFor(p.member);
      await runAsOf(times.position(i), () =>
        recordPosition(member, { decisionId, position: p.position, comment: p.comment ?? "", forum: p.forum, conflict: p.conflict ?? null, version: 1 }),
      ).catch((e) => {
        throw new Error(`demo decision ${spec.key}, position of ${p.member}: ${(e as Error).message}`);
      });
    }
    if (spec.state === "declined") {
      const chair = await actorFor(`chair.${spec.trust.toLowerCase()}`);
      await runAsOf(times.declined, () => declineDecision(chair, { decisionId, reason: spec.declineReason ?? "Declined by the board." }));
    }
    if (spec.state === "reviewed") {
      const crit = await db.select().from(successCriteria).where(and(eq(successCriteria.decisionId, decisionId), isNull(successCriteria.removedAt))).orderBy(asc(successCriteria.ordinal));
      for (const [i, c] of crit.entries()) {
        const o = spec.outcomes?.[i];
        if (!o) throw new Error(`demo decision ${spec.key}: outcome ${i + 1} missing`);
        const assessedOn = shift(o.assessedOn);
        const clock = new Date(Math.max(now.getTime(), Date.parse(`${assessedOn}T12:00:00Z`)));
        await runAsOf(times.cap(Date.parse(`${assessedOn}T12:00:00Z`)), () =>
          recordOutcome(ce, { criterionId: c.id, outcome: o.outcome, evidence: o.evidence, assessedOn }, { now: clock }),
        );
      }
    }
    const [d] = await db.select({ status: decisions.status }).from(decisions).where(eq(decisions.id, decisionId));
    if (d.status !== spec.state) throw new Error(`demo decision ${spec.key} ended ${d.status}, expected ${spec.state}`);
    await backdate(db, decisionId, spec, shift, times);
    inserted++;
  }
  return { inserted };
}

/** Creates the decision through the decision-record functions, then submits or withdraws it as its state needs. */
async function createDemoDecision(ce: Actor, spec: DemoDecision, trustOds: string, shift: (d: string) => string, times: StoryTimes): Promise<string> {
  const created = await runAsOf(times.created, () => createDecision(ce, {
    trust: trustOds,
    title: spec.title,
    summary: spec.summary,
    context: spec.context,
    options: spec.options,
    rationale: spec.rationale,
    favoured: spec.favoured,
    category: spec.category,
    factors: [...spec.factors],
    impactOnTrust: { amountK: spec.impactTrustK, text: spec.impactTrustText },
    impactOnSystem: { amountK: spec.impactSystemK, text: spec.impactSystemText },
    organisations: spec.organisations.map((o) => ({ ods: o.ods, role: o.role, amountK: o.amountK ?? null })),
    decidedOn: shift(spec.decidedOn),
    visibility: spec.visibility,
    criteria: spec.criteria.map((c) => ({ statement: c.statement, measure: c.measure, baseline: c.baseline, target: c.target, judgedBy: shift(c.judgedBy) })),
    risks: (spec.risks ?? []).map((r) => ({ ...r })),
  }));
  if (spec.state === "draft") return created.id;
  const submitted = await runAsOf(times.submitted, () => submitDecision(ce, { id: created.id, baseRevision: created.revision }));
  if (spec.state === "withdrawn") {
    await runAsOf(times.withdrawn, () => withdrawDecision(ce, { id: created.id, baseRevision: submitted.revision, reason: spec.withdrawReason ?? "Withdrawn." }));
  }
  return created.id;
}

type StoryTimes = ReturnType<typeof storyTimes>;

/**
 * When each step of a demo decision's story happened: drafted 20 days before the decision date,
 * submitted 10 days before, positions on the day 47 minutes apart, declined 3 hours in, withdrawn 2 days
 * before; never later than a minute ago. The audit events (runAsOf) and the rows (backdate) agree.
 */
function storyTimes(spec: DemoDecision, shift: (d: string) => string, now: Date) {
  const decided = Date.parse(`${shift(spec.decidedOn)}T09:00:00Z`);
  const cap = (t: number) => new Date(Math.min(t, now.getTime() - 60_000));
  const positions = spec.positions?.length ?? 0;
  return {
    cap,
    created: cap(decided - 20 * DAY),
    submitted: cap(decided - 10 * DAY),
    position: (i: number) => cap(decided + i * 47 * 60_000),
    lastPosition: cap(decided + Math.max(0, positions - 1) * 47 * 60_000),
    declined: cap(decided + 3 * 3600_000),
    withdrawn: cap(decided - 2 * DAY),
  };
}

/** Sets the rows' times to the story's (storyTimes), as the audit events already are. */
async function backdate(db: Database, decisionId: string, spec: DemoDecision, shift: (d: string) => string, times: StoryTimes) {
  const rows = await db.select({ id: positions.id }).from(positions).where(eq(positions.decisionId, decisionId)).orderBy(asc(positions.createdAt), asc(positions.id));
  for (const [i, { id }] of rows.entries()) {
    await db.update(positions).set({ createdAt: times.position(i) }).where(eq(positions.id, id));
  }
  const set: Partial<typeof decisions.$inferInsert> = {
    createdAt: times.created,
    updatedAt: times.lastPosition,
  };
  if (spec.state !== "draft") {
    set.submittedAt = times.submitted;
    // The frozen version's date is the submission's ("criteria fixed on …").
    await db.update(decisionVersions).set({ createdAt: set.submittedAt }).where(eq(decisionVersions.decisionId, decisionId));
  }
  if (spec.state === "signed_off" || spec.state === "reviewed") set.signedOffAt = times.lastPosition;
  if (spec.urgentReason) {
    set.urgentAt = times.submitted;
    if (spec.state === "signed_off" || spec.state === "reviewed") set.chairsActionAt = times.lastPosition;
  }
  if (spec.state === "declined") set.declinedAt = times.declined;
  if (spec.state === "withdrawn") set.withdrawnAt = times.withdrawn;
  if (spec.state === "reviewed") {
    const latest = [...(spec.outcomes ?? [])].map((o) => shift(o.assessedOn)).sort().at(-1);
    if (latest) set.reviewedAt = times.cap(Date.parse(`${latest}T12:00:00Z`));
  }
  await db.update(decisions).set(set).where(eq(decisions.id, decisionId));
}
