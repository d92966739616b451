import "server-only";
// The admin Mail page (every message, retry one) and each person's own e-mail preferences.
import { desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { notificationKind, notificationPreferences, outbox } from "@/db/schema";
import { assertCan, type Actor } from "../access";
import { recordAudit } from "../audit";
import { AppError } from "../errors";
import { parseInput } from "../validation";
import { ALWAYS_AT_ONCE, KIND_LABELS, type NotificationKind } from "./content";
import { mailSettings } from "./settings";

export type MailRow = {
  id: string;
  kind: NotificationKind;
  kindLabel: string;
  toAddress: string;
  subject: string;
  bodyText: string;
  state: "pending" | "sending" | "sent" | "failed" | "not_sent";
  delivery: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  dueAt: Date;
  sentAt: Date | null;
};

/** The newest messages, with counts per state (administrators only). */
export async function listOutbox(actor: Actor, opts: { limit?: number; state?: string } = {}) {
  assertCan(actor, "admin");
  const db = await getDb();
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 500);
  const state = (["pending", "sending", "sent", "failed", "not_sent"] as const).find((s) => s === opts.state);
  const rows = await db
    .select({
      id: outbox.id,
      kind: outbox.kind,
      toAddress: outbox.toAddress,
      subject: outbox.subject,
      bodyText: outbox.bodyText,
      state: outbox.state,
      delivery: outbox.delivery,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
      dueAt: outbox.dueAt,
      sentAt: outbox.sentAt,
    })
    .from(outbox)
    .where(state ? eq(outbox.state, state) : undefined)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(limit);
  const counts = await db.select({ state: outbox.state, n: sql<number>`count(*)::int` }).from(outbox).groupBy(outbox.state);
  return {
    mailServer: mailSettings().smtpUrl ? new URL(mailSettings().smtpUrl!).host : null,
    counts: Object.fromEntries(counts.map((c) => [c.state, Number(c.n)])) as Record<string, number>,
    rows: rows.map((r): MailRow => ({ ...r, kindLabel: KIND_LABELS[r.kind] })),
  };
}

/** Sends a failed (or not sent) message again at the loop's next run. */
export async function retryMessage(actor: Actor, id: string) {
  assertCan(actor, "admin");
  const msgId = parseInput(z.object({ id: z.string().uuid({ error: "Choose a message" }) }), { id }).id;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ state: outbox.state, kind: outbox.kind }).from(outbox).where(eq(outbox.id, msgId)).for("update");
    if (!row) throw new AppError("not_found", "Message not found");
    if (row.state !== "failed" && row.state !== "not_sent") throw new AppError("conflict", "Only a failed or unsent message can be sent again");
    await tx.update(outbox).set({ state: "pending", dueAt: new Date(), attempts: 0, firstAttemptAt: null, lastError: null }).where(eq(outbox.id, msgId));
    await recordAudit(tx, actor, { organisationId: null, action: "mail.retry", entityType: "outbox", entityId: msgId, before: { state: row.state }, after: { state: "pending" } });
    return { id: msgId };
  });
}

// ---------------------------------------------------------------- preferences

export const DELIVERY_LABELS = { immediate: "At once", daily: "In a daily digest (08:00)", weekly: "In a weekly digest (Monday 08:00)", off: "Off" } as const;
type DeliveryChoice = keyof typeof DELIVERY_LABELS;

/** Kinds a person can choose for (sign-in links are always sent at once). */
export const CHOOSABLE_KINDS = notificationKind.enumValues.filter((k) => !ALWAYS_AT_ONCE.includes(k));

export async function getPreferences(actor: Actor): Promise<{ kind: NotificationKind; label: string; delivery: DeliveryChoice }[]> {
  const db = await getDb();
  const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, actor.userId));
  const chosen = new Map(rows.map((r) => [r.kind, r.delivery]));
  return CHOOSABLE_KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind], delivery: chosen.get(kind) ?? "immediate" }));
}

const PreferencesSchema = z.partialRecord(
  z.enum(CHOOSABLE_KINDS as [NotificationKind, ...NotificationKind[]], { error: "Choose a kind of message" }),
  z.enum(["immediate", "daily", "weekly", "off"], { error: "Choose at once, a daily digest, a weekly digest or off" }),
);

/** Sets the actor's own delivery for each kind given. */
export async function setPreferences(actor: Actor, raw: unknown) {
  const data = parseInput(PreferencesSchema, raw) as Partial<Record<NotificationKind, DeliveryChoice>>;
  const db = await getDb();
  await db.transaction(async (tx) => {
    for (const [kind, delivery] of Object.entries(data) as [NotificationKind, DeliveryChoice][]) {
      await tx
        .insert(notificationPreferences)
        .values({ userId: actor.userId, kind, delivery })
        .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { delivery, updatedAt: new Date() } });
    }
    await recordAudit(tx, actor, { organisationId: null, action: "notification_preferences.changed", entityType: "user", entityId: actor.userId, after: data });
  });
  return getPreferences(actor);
}
