import "server-only";
// The board paper of one decision, for anyone who may read it: the decision (getDecision), its full
// sign-off record (getSignOffPanel: every position on every version), its criteria and outcomes
// (getOutcomesPanel), and the head of the trust's audit chain at the moment the paper is made, so a
// regulator can check the paper against `npm run audit:verify`.
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditHeads } from "@/db/schema";
import type { Actor } from "../access";
import { GENESIS_HASH, chainFor } from "../audit";
import { getDecision } from "../decisions";
import { getOutcomesPanel } from "../outcomes";
import { readTogether } from "../request-memo";
import { getSignOffPanel } from "../sign-off";
import type { BoardPaper } from "./types";

export async function buildBoardPaper(actor: Actor, decisionId: string, opts: { now?: Date } = {}): Promise<BoardPaper> {
  const [d, panel, outcomes] = await readTogether(() => Promise.all([getDecision(actor, decisionId), getSignOffPanel(actor, decisionId), getOutcomesPanel(actor, decisionId)]));
  const db = await getDb();
  const chain = chainFor(d.trust.id);
  const [head] = await db.select().from(auditHeads).where(eq(auditHeads.chain, chain));
  const latest = new Map(outcomes.criteria.map((c) => [c.id, c.outcomes[0] ?? null]));
  const superseded = new Set(panel.positions.map((p) => p.supersedesId).filter((x): x is string => !!x));
  return {
    decisionId: d.id,
    title: d.title,
    trust: { ods: d.trust.ods, name: d.trust.name },
    status: d.status,
    ratification: d.ratification,
    summary: d.summary,
    context: d.context,
    options: d.options,
    rationale: d.rationale,
    favoured: d.favoured,
    category: d.category,
    factors: d.factors,
    impactOnTrust: d.impactOnTrust,
    impactOnSystem: d.impactOnSystem,
    decidedOn: d.decidedOn,
    organisations: d.organisations,
    criteria: d.criteria.map((c) => {
      const o = latest.get(c.id);
      return {
        statement: c.statement,
        measure: c.measure,
        baseline: c.baseline,
        target: c.target,
        judgedBy: c.judgedBy,
        outcome: o ? { outcome: o.outcome, evidence: o.evidence, assessedOn: o.assessedOn, assessedBy: o.assessedBy } : null,
      };
    }),
    files: d.attachments ?? [],
    riskAppetite: d.riskAppetite ?? null,
    // Oldest first, as minutes read; superseded positions stay, marked.
    positions: [...panel.positions].reverse().map((p) => ({
      memberName: p.memberName,
      seat: p.seat,
      position: p.position,
      forum: p.forum,
      conflict: p.conflictDeclared ? (p.conflictDescription ?? "") : null,
      comment: p.comment,
      version: p.version,
      contentHash: p.contentHash,
      recordedAt: new Date(p.createdAt).toISOString(),
      superseded: superseded.has(p.id),
      counts: p.counts,
      notCountedReason: p.notCountedReason,
    })),
    signOff: {
      signedOffAt: d.signedOffAt ? new Date(d.signedOffAt).toISOString() : null,
      declinedAt: d.declinedAt ? new Date(d.declinedAt).toISOString() : null,
      declineReason: d.declineReason,
      counting: panel.supportingCounted,
      needed: panel.policy.minSupport,
      chairRequired: panel.policy.chairRequired,
    },
    version: d.version,
    contentHash: d.contentHash,
    auditHeadHash: head?.hash ?? GENESIS_HASH,
    auditChain: chain,
    generatedAt: (opts.now ?? new Date()).toISOString(),
  };
}
