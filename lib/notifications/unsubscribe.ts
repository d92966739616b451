import "server-only";
// One-click unsubscribe (RFC 8058): a signed link per person and kind, valid without signing in.
import { createHmac, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { notificationKind, notificationPreferences, users } from "@/db/schema";
import { authSecret } from "../auth/secret";
import { AppError } from "../errors";
import { ALWAYS_AT_ONCE, KIND_LABELS, type NotificationKind } from "./content";
import { absoluteUrl } from "./settings";

function sign(payload: string) {
  return createHmac("sha256", authSecret()).update(`fulcrum-unsubscribe:${payload}`).digest("base64url");
}

export function unsubscribeToken(userId: string, kind: NotificationKind): string {
  const payload = Buffer.from(`${userId}:${kind}`).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

/** The link in a message's footer and its List-Unsubscribe header (POST to it turns the kind off). */
export function unsubscribeUrl(userId: string, kind: NotificationKind): string {
  return absoluteUrl(`/unsubscribe?t=${unsubscribeToken(userId, kind)}`);
}

/** What a token stands for, or null when it is not one of ours. */
export function readUnsubscribeToken(token: string): { userId: string; kind: NotificationKind } | null {
  const [payload, sig] = String(token ?? "").split(".");
  if (!payload || !sig) return null;
  const want = Buffer.from(sign(payload));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  const [userId, kind] = Buffer.from(payload, "base64url").toString().split(":");
  if (!(notificationKind.enumValues as readonly string[]).includes(kind) || ALWAYS_AT_ONCE.includes(kind as NotificationKind)) return null;
  return { userId, kind: kind as NotificationKind };
}

/** Turns the token's kind off for its person. No sign-in: the signature is the authority. */
export async function unsubscribe(token: string): Promise<{ kindLabel: string }> {
  const t = readUnsubscribeToken(token);
  if (!t) throw new AppError("not_found", "This unsubscribe link is not valid");
  const db = await getDb();
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.id, t.userId));
  if (!u) throw new AppError("not_found", "This unsubscribe link is not valid");
  await db
    .insert(notificationPreferences)
    .values({ userId: t.userId, kind: t.kind, delivery: "off" })
    .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { delivery: "off", updatedAt: new Date() } });
  return { kindLabel: KIND_LABELS[t.kind] };
}

/** What an unsubscribe link would turn off (the confirmation page), or null when it is not valid. */
export function describeUnsubscribe(token: string): { kindLabel: string } | null {
  const t = readUnsubscribeToken(token);
  return t ? { kindLabel: KIND_LABELS[t.kind] } : null;
}
