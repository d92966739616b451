import "server-only";
// Who may read a decision, and the one way to load one: the read rule is readableDecisionsWhere
// (lib/access.ts), applied in SQL; nothing here restates it in JavaScript. A page's sections share
// one load per request (readableDecision, sharedHistory: see lib/request-memo.ts); writes load under a
// row lock in their own transaction (loadReadableDecision with `lock`).
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { auditEvents, decisionVersions, decisions, organisations, type Decision, type Organisation } from "@/db/schema";
import { isInsider, readableDecisionsWhere, type Actor } from "../access";
import { AppError } from "../errors";
import { memoised } from "../request-memo";
import { isUuid } from "./schemas";

export type ReadableDecision = { decision: Decision; trust: Organisation };

const notFound = () => new AppError("not_found", "Decision not found");

/**
 * The decision and its trust if the actor may read it; otherwise "not found" (never a hint that it
 * exists). With `lock`, the decision row (not the trust's) is locked (`select … for update`) until the
 * transaction ends: every write that changes a decision's sign-off or status takes it first, so
 * concurrent writes serialise.
 */
export async function loadReadableDecision(db: DbOrTx, actor: Actor, id: string, opts: { lock?: boolean } = {}): Promise<ReadableDecision> {
  if (!isUuid(id)) throw notFound();
  const q = db
    .select({ decision: decisions, trust: organisations })
    .from(decisions)
    .innerJoin(organisations, eq(organisations.id, decisions.trustId))
    .where(and(eq(decisions.id, id), readableDecisionsWhere(actor)));
  const [row] = opts.lock ? await q.for("update", { of: decisions }) : await q;
  if (!row) throw notFound();
  return row;
}

/** loadReadableDecision outside a transaction, loaded once per request for the actor (see lib/request-memo.ts). */
export function readableDecision(actor: Actor, id: string): Promise<ReadableDecision> {
  return memoised(actor, `decision:${id}`, async () => loadReadableDecision(await getDb(), actor, id));
}

/** What of a decision's history a reader may see: all of it, or only the shared part. */
export type SharedHistory = {
  /** Whether the reader may see this version and what was bound to it (positions). */
  version: (n: number) => boolean;
  /** Whether the reader may see the event at this place in the trust's audit chain (the timeline). */
  seq: (s: number) => boolean;
  /** Whether the reader may see this comment. */
  comment: (id: string) => boolean;
};

const EVERYTHING: SharedHistory = { version: () => true, seq: () => true, comment: () => true };

/**
 * The trust's insiders (Chief Executive and board) see a decision's whole history. Someone who reads it
 * only because it is now shared with the ICS sees the versions that were shared, and what happened
 * while a shared version was current; a version for the trust board only, the positions on it
 * (objections in a private session among them), and the comments and events of its time stay with
 * the board. Loaded once per request for the actor.
 *
 * "While a version was current" is read from the order of the trust's audit chain, not from clocks:
 * each submission or amendment, and each comment, is an event on that chain, and the chain's head is
 * locked until each write commits, so its order is the order the writes took effect. Events before the
 * first version belong to it. A comment with no event of its own is not shown.
 */
export function sharedHistory(actor: Actor, decision: Pick<Decision, "id" | "trustId">): Promise<SharedHistory> {
  if (isInsider(actor, decision.trustId)) return Promise.resolve(EVERYTHING);
  return memoised(actor, `history:${decision.id}`, async () => loadSharedHistory(await getDb(), decision));
}

async function loadSharedHistory(db: DbOrTx, decision: Pick<Decision, "id" | "trustId">): Promise<SharedHistory> {
  const [versions, events] = await Promise.all([
    db
      .select({ version: decisionVersions.version, visibility: sql<string>`${decisionVersions.content}->>'visibility'` })
      .from(decisionVersions)
      .where(eq(decisionVersions.decisionId, decision.id)),
    db
      .select({ seq: auditEvents.seq, action: auditEvents.action, version: sql<string | null>`${auditEvents.after}->>'version'`, commentId: sql<string | null>`${auditEvents.after}->>'commentId'` })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.organisationId, decision.trustId),
          eq(auditEvents.entityType, "decision"),
          eq(auditEvents.entityId, decision.id),
          inArray(auditEvents.action, ["decision.submit", "decision.amend", "comment.add", "comment.question", "comment.answer"]),
        ),
      )
      .orderBy(asc(auditEvents.seq)),
  ]);
  const shared = new Set(versions.filter((r) => r.visibility === "system").map((r) => r.version));
  // Where each version became current on the chain.
  const starts = events.filter((e) => (e.action === "decision.submit" || e.action === "decision.amend") && e.version !== null).map((e) => ({ seq: e.seq, version: Number(e.version) }));
  const versionAt = (seq: number) => {
    let current = starts[0]?.version ?? null;
    for (const st of starts) if (st.seq <= seq) current = st.version;
    return current;
  };
  const seqVisible = (seq: number) => {
    const v = versionAt(seq);
    return v !== null && shared.has(v);
  };
  const commentSeq = new Map(events.filter((e) => e.commentId).map((e) => [e.commentId!, e.seq]));
  return {
    version: (n) => shared.has(n),
    seq: seqVisible,
    comment: (id) => {
      const seq = commentSeq.get(id);
      return seq !== undefined && seqVisible(seq);
    },
  };
}
