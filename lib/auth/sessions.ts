import "server-only";
import { z } from "zod";
import { and, desc, eq, gt, isNull, ne } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { sessions } from "@/db/schema";
import type { Actor } from "../access";
import { recordAudit } from "../audit";
import { AppError } from "../errors";
import { SESSION_IDLE_HOURS, SESSION_MAX_DAYS } from "./config";

export type SignInMethod = "password" | "password_totp" | "sso";
export const METHOD_LABELS: Record<SignInMethod, string> = {
  password: "Password",
  password_totp: "Password and authenticator code",
  sso: "Your organisation's account (single sign-on)",
};

/** last_seen_at is written at most this often. */
export const TOUCH_EVERY_MS = 5 * 60 * 1000;

const idleMs = () => SESSION_IDLE_HOURS * 3600 * 1000;
const maxMs = () => SESSION_MAX_DAYS * 86400 * 1000;

/** Records a new session at sign-in (no access check: the sign-in itself is the check). */
export async function startSession(
  db: DbOrTx,
  input: { userId: string; method: SignInMethod; ip?: string | null; userAgent?: string | null },
  now = new Date(),
): Promise<string> {
  const [row] = await db
    .insert(sessions)
    .values({
      userId: input.userId,
      method: input.method,
      ip: input.ip?.slice(0, 100) ?? null,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      createdAt: now,
      lastSeenAt: now,
    })
    .returning({ id: sessions.id });
  return row.id;
}

/**
 * Whether the session is live for this user: not ended, used within the idle limit, younger than
 * the absolute limit. A live one has its last-seen time moved on (at most every 5 minutes); one past
 * a limit is marked ended so the list of sessions says so.
 */
export async function checkSession(db: DbOrTx, sessionId: string | undefined | null, userId: string, now = new Date()): Promise<boolean> {
  return (await liveSession(db, sessionId, userId, now)) !== null;
}

/** checkSession's answer as the live session's row (null when not live): its sign-in method saves a second read. */
export async function liveSession(db: DbOrTx, sessionId: string | undefined | null, userId: string, now = new Date()): Promise<typeof sessions.$inferSelect | null> {
  if (!sessionId || !z.uuid().safeParse(sessionId).success) return null;
  const [row] = await db.select().from(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId))).limit(1);
  if (!row || row.endedAt) return null;
  const t = now.getTime();
  const expired = t - row.lastSeenAt.getTime() > idleMs() ? "idle" : t - row.createdAt.getTime() > maxMs() ? "expired" : null;
  if (expired) {
    await db.update(sessions).set({ endedAt: now, endedReason: expired }).where(and(eq(sessions.id, row.id), isNull(sessions.endedAt)));
    return null;
  }
  if (t - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.id));
  }
  return row;
}

/** Ends one session (sign-out). Ending one already ended changes nothing. */
export async function endSession(db: DbOrTx, sessionId: string, reason: string, now = new Date()): Promise<void> {
  if (!z.uuid().safeParse(sessionId).success) return;
  await db.update(sessions).set({ endedAt: now, endedReason: reason }).where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

/** Ends every live session of a user (password change or reset, disable, "sign out everywhere"). */
export async function endAllSessions(db: DbOrTx, userId: string, reason: string, opts: { except?: string | null; now?: Date } = {}): Promise<number> {
  const conds = [eq(sessions.userId, userId), isNull(sessions.endedAt)];
  if (opts.except) conds.push(ne(sessions.id, opts.except));
  const rows = await db
    .update(sessions)
    .set({ endedAt: opts.now ?? new Date(), endedReason: reason })
    .where(and(...conds))
    .returning({ id: sessions.id });
  return rows.length;
}

export type SessionView = {
  id: string;
  current: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  userAgent: string | null;
  method: SignInMethod;
  methodLabel: string;
};

/** The signed-in person's live sessions, this one first. */
export async function listMySessions(actor: Actor, now = new Date()): Promise<SessionView[]> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, actor.userId),
        isNull(sessions.endedAt),
        gt(sessions.lastSeenAt, new Date(now.getTime() - idleMs())),
        gt(sessions.createdAt, new Date(now.getTime() - maxMs())),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
  const views = rows.map((r) => ({
    id: r.id,
    current: r.id === actor.sessionId,
    createdAt: r.createdAt,
    lastSeenAt: r.lastSeenAt,
    ip: r.ip,
    userAgent: r.userAgent,
    method: r.method as SignInMethod,
    methodLabel: METHOD_LABELS[r.method as SignInMethod] ?? r.method,
  }));
  return [...views.filter((v) => v.current), ...views.filter((v) => !v.current)];
}

/** Ends one of one's own sessions; someone else's is "not found". */
export async function endMySession(actor: Actor, input: { sessionId: string }): Promise<void> {
  if (!z.uuid().safeParse(input.sessionId).success) throw new AppError("not_found", "Session not found");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(sessions)
      .set({ endedAt: new Date(), endedReason: "ended_by_user" })
      .where(and(eq(sessions.id, input.sessionId), eq(sessions.userId, actor.userId), isNull(sessions.endedAt)))
      .returning({ id: sessions.id });
    if (!row) throw new AppError("not_found", "Session not found");
    await recordAudit(tx, actor, { organisationId: null, action: "session.ended", entityType: "session", entityId: row.id });
  });
}

/** Ends every session of one's own but this one. */
export async function endMyOtherSessions(actor: Actor): Promise<number> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const n = await endAllSessions(tx, actor.userId, "ended_by_user", { except: actor.sessionId ?? null });
    await recordAudit(tx, actor, { organisationId: null, action: "session.ended_others", entityType: "user", entityId: actor.userId, after: { ended: n } });
    return n;
  });
}

/** A short name for a browser from its user agent ("Chrome on Windows"), for the list of sessions. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const ua = userAgent;
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(ua)
        ? "Chrome"
        : /Safari\//.test(ua)
          ? "Safari"
          : "A browser";
  const os = /Windows/.test(ua)
    ? "Windows"
    : /iPhone|iPad/.test(ua)
      ? "iOS"
      : /Android/.test(ua)
        ? "Android"
        : /Mac OS X/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : null;
  return os ? `${browser} on ${os}` : browser;
}
