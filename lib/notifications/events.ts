import "server-only";
// The calls the domain makes, one line each, inside the transaction of the write they follow.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { comments, users } from "@/db/schema";
import { auditNow } from "../clock";
import { englandParts, firstReminderAt } from "./schedule";
import { enqueueNotification } from "./outbox";
import { chiefExecutivesAndChair, factsOf, loadDecisionFacts, nonResponders, positionHolders } from "./recipients";
import { mailSettings } from "./settings";

export type DecisionEvent = "submitted" | "amended" | "signed_off" | "declined" | "withdrawn";

/** The date a position is asked for by: the first reminder's date. */
export function respondByDate(requestedAt: Date): string {
  return englandParts(firstReminderAt(requestedAt, mailSettings().reminderDays)).date;
}

/**
 * A decision was submitted, amended, signed off, declined or withdrawn. Submitted/amended: each board
 * member who may still record a position on the current version (never the author). The others: the
 * Chief Executive and everyone who recorded a position. Never the person who did it.
 */
export async function notifyDecision(tx: DbOrTx, event: DecisionEvent, decisionId: string, actorId: string | null): Promise<void> {
  const d = await loadDecisionFacts(tx, decisionId);
  if (!d) return;
  if (event === "submitted" || event === "amended") {
    const respondBy = respondByDate(d.submittedAt ?? auditNow());
    for (const userId of await nonResponders(tx, d)) {
      await enqueueNotification(tx, { recipientUserId: userId, decisionId, facts: { kind: event, decision: factsOf(d), respondBy }, dedupeKey: `${event}:${d.id}:v${d.version}:${userId}` });
    }
    return;
  }
  const to = new Set([...(await chiefExecutivesAndChair(tx, d.trustId, false)), ...(await positionHolders(tx, d.id))]);
  to.delete(actorId ?? "");
  for (const userId of to) await enqueueNotification(tx, { recipientUserId: userId, decisionId, facts: { kind: event, decision: factsOf(d) } });
}

/** A position was recorded: an objection, or a declared conflict, goes to the Chief Executive and the Chair. */
export async function notifyPosition(tx: DbOrTx, p: { decisionId: string; memberId: string; position: string; conflictDeclared: boolean }): Promise<void> {
  const kinds = [...(p.position === "object" ? (["objection"] as const) : []), ...(p.conflictDeclared ? (["conflict"] as const) : [])];
  if (!kinds.length) return;
  const d = await loadDecisionFacts(tx, p.decisionId);
  if (!d) return;
  const [member] = await tx.select({ name: users.name }).from(users).where(eq(users.id, p.memberId));
  for (const userId of await chiefExecutivesAndChair(tx, d.trustId, true)) {
    if (userId === p.memberId) continue;
    for (const kind of kinds) await enqueueNotification(tx, { recipientUserId: userId, decisionId: d.id, facts: { kind, decision: factsOf(d), memberName: member?.name ?? "A board member" } });
  }
}

/** A comment marked as a question goes to the Chief Executive; an answer goes to the asker. */
export async function notifyComment(tx: DbOrTx, c: { decisionId: string; authorId: string; isQuestion: boolean; answersId: string | null }): Promise<void> {
  if (!c.isQuestion && !c.answersId) return;
  const d = await loadDecisionFacts(tx, c.decisionId);
  if (!d) return;
  const [author] = await tx.select({ name: users.name }).from(users).where(eq(users.id, c.authorId));
  const name = author?.name ?? "Someone";
  if (c.answersId) {
    const [q] = await tx.select({ authorId: comments.authorId }).from(comments).where(eq(comments.id, c.answersId));
    if (q && q.authorId !== c.authorId) await enqueueNotification(tx, { recipientUserId: q.authorId, decisionId: d.id, facts: { kind: "answer", decision: factsOf(d), answererName: name } });
    return;
  }
  for (const userId of await chiefExecutivesAndChair(tx, d.trustId, false)) {
    if (userId !== c.authorId) await enqueueNotification(tx, { recipientUserId: userId, decisionId: d.id, facts: { kind: "question", decision: factsOf(d), askerName: name } });
  }
}

/**
 * For h11 (issue 9/11): a change to a trust's memberships or sign-off policy, to its Chair and Chief
 * Executive. `change` is one plain sentence ("Jane Smith was added as a Non-Executive Director.").
 */
export async function notifyAccessChange(tx: DbOrTx, input: { trustId: string; trustName: string; change: string; actorId?: string | null }): Promise<void> {
  for (const userId of await chiefExecutivesAndChair(tx, input.trustId, true)) {
    if (userId === input.actorId) continue;
    await enqueueNotification(tx, { recipientUserId: userId, facts: { kind: "access_change", trustName: input.trustName, change: input.change, pageUrl: mailSettings().baseUrl + "/" } });
  }
}

/**
 * For h11 (issue 11): a set-password or forgot-password link, to the person, at once, never digested,
 * and not something they can turn off. `url` is the full link with its token.
 */
export async function enqueuePasswordLink(tx: DbOrTx, input: { userId?: string; toAddress?: string; purpose: "set" | "reset"; url: string; expiresAt: Date }): Promise<string | null> {
  return enqueueNotification(tx, {
    recipientUserId: input.userId,
    toAddress: input.toAddress,
    facts: { kind: "password_link", purpose: input.purpose, url: input.url, expiresAt: input.expiresAt },
  });
}

/** The board did not ratify a Chair's action (issue 14): to the trust's Chief Executive and Chair. */
export async function notifyNotRatified(tx: DbOrTx, input: { decisionId: string; meetingTitle: string; on: string; actorId: string }): Promise<void> {
  const d = await loadDecisionFacts(tx, input.decisionId);
  if (!d) return;
  for (const userId of await chiefExecutivesAndChair(tx, d.trustId, true)) {
    await enqueueNotification(tx, { recipientUserId: userId, decisionId: d.id, facts: { kind: "not_ratified", decision: factsOf(d), meetingTitle: input.meetingTitle, on: input.on }, dedupeKey: `not_ratified:${d.id}:${userId}` });
  }
}
