// Notifications (issue 12): the outbox, written in the transaction of the event that causes each
// message and sent exactly once by the sender loop of any server (lib/notifications/sender.ts), and
// each person's delivery preference per kind of message.
import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { decisions, users } from "./core";

export const notificationKind = pgEnum("notification_kind", [
  "submitted",
  "amended",
  "reminder",
  "objection",
  "conflict",
  "signed_off",
  "declined",
  "withdrawn",
  "question",
  "answer",
  "review_due",
  "access_change",
  "password_link",
  "not_ratified",
]);
/** at once, in the daily digest (08:00 England's time), in the weekly digest (Monday 08:00), or not at all. */
export const notificationDelivery = pgEnum("notification_delivery", ["immediate", "daily", "weekly", "off"]);
/** pending: waiting to be sent (or retried); sending: claimed by a sender until claimed_until; not_sent: no mail server configured. */
export const outboxState = pgEnum("outbox_state", ["pending", "sending", "sent", "failed", "not_sent"]);

export const outbox = pgTable(
  "outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: notificationKind("kind").notNull(),
    recipientUserId: uuid("recipient_user_id").references(() => users.id, { onDelete: "restrict" }),
    toAddress: text("to_address").notNull(),
    decisionId: uuid("decision_id").references(() => decisions.id, { onDelete: "restrict" }),
    subject: text("subject").notNull(),
    /** The plain-text body; the HTML is rendered from `content` when the message is sent. */
    bodyText: text("body_text").notNull(),
    /** What the template shows: heading, paragraphs, the action link, the unsubscribe link. */
    content: jsonb("content").notNull(),
    delivery: notificationDelivery("delivery").notNull().default("immediate"),
    state: outboxState("state").notNull().default("pending"),
    /** When it may be sent (next attempt, or the digest's time). */
    dueAt: timestamp("due_at", { withTimezone: true }).notNull().defaultNow(),
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    firstAttemptAt: timestamp("first_attempt_at", { withTimezone: true }),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** The Message-ID it went out under (a digest's is its first row's). */
    messageId: text("message_id"),
    /** Makes scheduled messages (reminders, review due) idempotent across servers. */
    dedupeKey: text("dedupe_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("outbox_dedupe_key_key").on(t.dedupeKey),
    index("outbox_due_idx").on(t.dueAt).where(sql`state in ('pending', 'sending')`),
    index("outbox_created_at_idx").on(t.createdAt),
    index("outbox_recipient_user_id_idx").on(t.recipientUserId),
    index("outbox_decision_id_idx").on(t.decisionId),
  ],
);
export type OutboxRow = typeof outbox.$inferSelect;

export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    kind: notificationKind("kind").notNull(),
    delivery: notificationDelivery("delivery").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);
