import "server-only";
import { and, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { loginAttempts, users } from "@/db/schema";
import { verifyPassword } from "./passwords";

export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 20;
export const LIMIT_WINDOW_MS = 15 * 60 * 1000;

export type SignInResult =
  | { status: "ok"; userId: string; sessionVersion: number; attemptId: number }
  | { status: "invalid" }
  | { status: "locked"; minutes: number };

/**
 * Checks an e-mail and password. Refuses (without checking the password) once an account has had
 * 5 failures, or an address 20, in the last 15 minutes; the counts live in the database so every
 * app server sees them. Unknown e-mail, disabled account and wrong password all answer "invalid"
 * after the same argon2 work.
 *
 * The attempt is recorded (as a failure) before it is counted and before the password is checked,
 * and it counts only the attempts recorded before it: so attempts sent all at once are each counted
 * against the others, and no more than the limit ever reach the password check. A refused attempt's
 * record is removed (it doesn't extend the lock); a right password turns its record into a success.
 */
export async function checkSignIn(
  db: Database,
  input: { email: string; password: string; ip: string },
  now: Date = new Date(),
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase().slice(0, 254);
  const ip = input.ip.slice(0, 100) || "unknown";
  const since = new Date(now.getTime() - LIMIT_WINDOW_MS);

  // Recorded under a lock per account and per address, so attempts at once are numbered in the order
  // they are committed and each one sees every earlier one.
  const mine = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`sign-in:account:${email}`}, 0))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`sign-in:address:${ip}`}, 0))`);
    const [row] = await tx.insert(loginAttempts).values({ email, ip, success: false, createdAt: now }).returning({ id: loginAttempts.id });
    return row;
  });
  const before = lt(loginAttempts.id, mine.id);
  const [byAccount, byAddress] = await Promise.all([
    failuresSince(db, and(eq(loginAttempts.email, email), before)!, since),
    failuresSince(db, and(eq(loginAttempts.ip, ip), before)!, since),
  ]);
  const lockedUntil = Math.max(
    byAccount.count >= ACCOUNT_LIMIT ? byAccount.unlockAt(ACCOUNT_LIMIT) : 0,
    byAddress.count >= ADDRESS_LIMIT ? byAddress.unlockAt(ADDRESS_LIMIT) : 0,
  );
  if (lockedUntil > now.getTime()) {
    await db.delete(loginAttempts).where(eq(loginAttempts.id, mine.id));
    return { status: "locked", minutes: Math.max(1, Math.ceil((lockedUntil - now.getTime()) / 60000)) };
  }

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
  const ok = !!user && passwordOk && !user.disabledAt;
  if (ok) await db.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, mine.id));
  return ok ? { status: "ok", userId: user.id, sessionVersion: user.sessionVersion, attemptId: mine.id } : { status: "invalid" };
}

/**
 * Turns a sign-in's recorded success back into a failure: a missing or wrong second-factor code
 * counts toward the same lockout as a wrong password.
 */
export async function countAsFailure(db: Database, attemptId: number): Promise<void> {
  await db.update(loginAttempts).set({ success: false }).where(eq(loginAttempts.id, attemptId));
}

export const CODE_NEEDED_MESSAGE = "Enter the 6-digit code from your authenticator app, or one of your recovery codes";
export const CODE_WRONG_MESSAGE = "That code is not right, or has been used already. Enter the code your authenticator app shows now";

async function failuresSince(db: Database, who: SQL, since: Date) {
  // The window's failures, newest first: the lock lifts 15 minutes after the failure that reached the limit's
  // count counting back from the newest.
  const rows = await db
    .select({ createdAt: loginAttempts.createdAt })
    .from(loginAttempts)
    .where(and(who, eq(loginAttempts.success, false), gte(loginAttempts.createdAt, since)))
    .orderBy(sql`${loginAttempts.createdAt} desc`)
    .limit(ADDRESS_LIMIT);
  return {
    count: rows.length,
    unlockAt: (limit: number) => (rows[limit - 1] ? rows[limit - 1].createdAt.getTime() + LIMIT_WINDOW_MS : 0),
  };
}

export function lockedMessage(minutes: number) {
  return `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

export const INVALID_MESSAGE = "Enter a correct email address and password";
