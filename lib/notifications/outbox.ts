import "server-only";
// The outbox: enqueueNotification is called inside the transaction of the event that causes the
// message, so a rolled-back write sends nothing. The sender loop (sender.ts) sends what is due.
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { notificationPreferences, outbox, users } from "@/db/schema";
import { auditNow } from "../clock";
import { ALWAYS_AT_ONCE, buildContent, renderText, type MessageContent, type MessageFacts, type NotificationKind } from "./content";
import { nextDigestTime } from "./schedule";
import { absoluteUrl } from "./settings";
import { unsubscribeUrl } from "./unsubscribe";

export type Delivery = "immediate" | "daily" | "weekly" | "off";

export type EnqueueInput = {
  /** A person with an account (their address, their preference for this kind, an unsubscribe link)… */
  recipientUserId?: string;
  /** …or a bare address (no preference applies). */
  toAddress?: string;
  decisionId?: string | null;
  facts: MessageFacts;
  /** Scheduled messages (reminders, review due): a second enqueue with the same key does nothing. */
  dedupeKey?: string;
};

/** A person's delivery for a kind (at once unless they chose otherwise; sign-in links always at once). */
export async function deliveryFor(tx: DbOrTx, userId: string, kind: NotificationKind): Promise<Delivery> {
  if (ALWAYS_AT_ONCE.includes(kind)) return "immediate";
  const [p] = await tx
    .select({ delivery: notificationPreferences.delivery })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.kind, kind)));
  return p?.delivery ?? "immediate";
}

/**
 * Writes one message to the outbox in the caller's transaction. Returns its id, or null when the
 * person has turned this kind off, is disabled, or the dedupe key was already used.
 */
export async function enqueueNotification(tx: DbOrTx, input: EnqueueInput): Promise<string | null> {
  const kind = input.facts.kind;
  const now = auditNow();
  let to = input.toAddress ?? null;
  let delivery: Delivery = "immediate";
  let unsubscribe: string | undefined;
  if (input.recipientUserId) {
    const [u] = await tx.select({ email: users.email, disabledAt: users.disabledAt }).from(users).where(eq(users.id, input.recipientUserId));
    if (!u || (u.disabledAt && kind !== "password_link")) return null;
    to = u.email;
    delivery = await deliveryFor(tx, input.recipientUserId, kind);
    if (delivery === "off") return null;
    if (!ALWAYS_AT_ONCE.includes(kind)) unsubscribe = unsubscribeUrl(input.recipientUserId, kind);
  }
  if (!to) throw new Error("enqueueNotification needs recipientUserId or toAddress");
  const content: MessageContent = { ...buildContent(input.facts, absoluteUrl), ...(unsubscribe ? { unsubscribeUrl: unsubscribe } : {}) };
  const [row] = await tx
    .insert(outbox)
    .values({
      kind,
      recipientUserId: input.recipientUserId ?? null,
      toAddress: to,
      decisionId: input.decisionId ?? null,
      subject: content.subject,
      bodyText: renderText(content),
      content,
      delivery,
      dueAt: delivery === "immediate" ? now : nextDigestTime(now, delivery),
      dedupeKey: input.dedupeKey ?? null,
      createdAt: now,
    })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id });
  return row?.id ?? null;
}
