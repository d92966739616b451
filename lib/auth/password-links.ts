import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { and, eq, gt, isNull } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { passwordLinks, users } from "@/db/schema";
import { assertCan, type Actor } from "../access";
import { recordAudit } from "../audit";
import { AppError } from "../errors";
import { hitRateLimit } from "../rate-limit";
import { email as emailField, NAME_MAX, parseInput, text } from "../validation";
import { isUniqueViolation } from "../admin/fields";
import { refuseSelf, revokeAllTokens } from "../admin/users";
import { hashPassword, verifyPassword } from "./passwords";
import { passwordProblem } from "./password-rules";
import { endAllSessions } from "./sessions";

// Nobody knows anyone else's password (issue 11, part 3): an administrator adds a person by e-mail and
// name, and Fulcrum makes a set-password link (single use, 72 hours, only its SHA-256 stored), shown
// once to the administrator to pass on. The same for a reset, and for "Forgot password".

export const LINK_HOURS = 72;
export type LinkPurpose = "invite" | "reset" | "forgot";

/**
 * What a set-password link is for, and where it goes: **the one thing to hand to the outbox** (issue
 * 12) to e-mail it. `url` is the whole link; it is never stored.
 */
export type PasswordLink = { url: string; purpose: LinkPurpose; expiresAt: Date; to: { email: string; name: string } };

/** The words for an e-mail or a page about a link, by purpose. */
export const LINK_PURPOSE_WORDS: Record<LinkPurpose, { subject: string; lead: string }> = {
  invite: { subject: "You have been invited to Fulcrum", lead: "Use this link to set your password and sign in to Fulcrum." },
  reset: { subject: "Set a new Fulcrum password", lead: "An administrator has reset your Fulcrum password. Use this link to set a new one." },
  forgot: { subject: "Reset your Fulcrum password", lead: "Someone (we hope you) asked to reset your Fulcrum password. If it was not you, ignore this email." },
};

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** The origin links are made with: FULCRUM_URL when set, else the request's own. */
export function linkOrigin(requestOrigin: string): string {
  return (process.env.FULCRUM_URL || requestOrigin).replace(/\/+$/, "");
}

/** Makes a link for a user (no access check: callers check). Older unused links of the user stop working. */
export async function unsafeMakePasswordLink(
  tx: DbOrTx,
  user: { id: string; email: string; name: string },
  purpose: LinkPurpose,
  opts: { origin: string; ip?: string | null; now?: Date },
): Promise<PasswordLink> {
  const now = opts.now ?? new Date();
  await tx.update(passwordLinks).set({ usedAt: now }).where(and(eq(passwordLinks.userId, user.id), isNull(passwordLinks.usedAt)));
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + LINK_HOURS * 3600_000);
  await tx.insert(passwordLinks).values({ userId: user.id, tokenHash: sha256(token), purpose, requestIp: opts.ip ?? null, createdAt: now, expiresAt });
  return { url: `${linkOrigin(opts.origin)}/set-password/${token}`, purpose, expiresAt, to: { email: user.email, name: user.name } };
}

export const InviteInput = z.object({ email: emailField, name: text("the person's full name", NAME_MAX, { required: true }) });

/** An administrator adds a person by e-mail and name: no password; the link is shown once. */
export async function inviteUser(actor: Actor, raw: unknown, opts: { origin: string }): Promise<{ userId: string; link: PasswordLink }> {
  assertCan(actor, "admin");
  const input = parseInput(InviteInput, raw);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [dupe] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
      if (dupe) throw new AppError("invalid", "Some answers need correcting", { fieldErrors: { email: "A user with this email address already exists" } });
      const [user] = await tx.insert(users).values({ email: input.email, name: input.name, passwordHash: null }).returning();
      const link = await unsafeMakePasswordLink(tx, user, "invite", opts);
      await recordAudit(tx, actor, { organisationId: null, action: "user.invited", entityType: "user", entityId: user.id, after: { email: user.email, name: user.name, expiresAt: link.expiresAt } });
      return { userId: user.id, link };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("invalid", "Some answers need correcting", { fieldErrors: { email: "A user with this email address already exists" } });
    throw e;
  }
}

/**
 * An administrator's reset: a new link for the person (not for themself). Their password stops
 * working now, every session ends and their API tokens are revoked.
 */
export async function resetPasswordByLink(actor: Actor, input: { userId: string }, opts: { origin: string }): Promise<PasswordLink> {
  assertCan(actor, "admin");
  if (!z.uuid().safeParse(input.userId).success) throw new AppError("not_found", "User not found");
  await refuseSelf(actor, input.userId, "user.password_reset", "You cannot reset your own password here: use Change password, or ask another administrator");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, input.userId)).for("update");
    if (!user) throw new AppError("not_found", "User not found");
    await tx.update(users).set({ passwordHash: null, sessionVersion: user.sessionVersion + 1, updatedAt: new Date() }).where(eq(users.id, user.id));
    await endAllSessions(tx, user.id, "password_reset");
    const tokens = await revokeAllTokens(tx, user.id);
    const link = await unsafeMakePasswordLink(tx, user, "reset", opts);
    await recordAudit(tx, actor, { organisationId: null, action: "user.password_reset", entityType: "user", entityId: user.id, after: { link: true, tokensRevoked: tokens } });
    return link;
  });
}

export const FORGOT_PER_ACCOUNT = 3;
export const FORGOT_PER_ADDRESS = 20;

/**
 * "Forgot password": answers nothing either way (the page says the same whether or not the account
 * exists). Returns the link for the outbox when one was made: an enabled account, within 3 an hour
 * per account and 20 an hour per address.
 */
export async function requestPasswordReset(input: { email: string; ip: string; origin: string }, now = new Date()): Promise<PasswordLink | null> {
  const email = input.email.trim().toLowerCase().slice(0, 254);
  const db = await getDb();
  const byAddress = await hitRateLimit(db, `forgot:address:${input.ip.slice(0, 100)}`, { limit: FORGOT_PER_ADDRESS, windowMs: 3600_000, now });
  const byAccount = await hitRateLimit(db, `forgot:account:${email}`, { limit: FORGOT_PER_ACCOUNT, windowMs: 3600_000, now });
  if (!byAddress.allowed || !byAccount.allowed) return null;
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.email, email));
    if (!user || user.disabledAt) return null;
    const link = await unsafeMakePasswordLink(tx, user, "forgot", { origin: input.origin, ip: input.ip, now });
    await recordAudit(tx, null, { organisationId: null, action: "user.password_link_requested", entityType: "user", entityId: user.id });
    return link;
  });
}

async function liveLink(tx: DbOrTx, token: string, now: Date) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await tx
    .select({ link: passwordLinks, user: users })
    .from(passwordLinks)
    .innerJoin(users, eq(users.id, passwordLinks.userId))
    .where(and(eq(passwordLinks.tokenHash, sha256(token)), isNull(passwordLinks.usedAt), gt(passwordLinks.expiresAt, now)))
    .for("update", { of: passwordLinks });
  if (!row || row.user.disabledAt) return null;
  return row;
}

const LINK_GONE = "This link has expired or has already been used. Ask for a new one from the Forgot password page, or from your administrator.";

/** For the set-password page: whose link this is, or null when it is used, expired or unknown. */
export async function describePasswordLink(token: string, now = new Date()): Promise<{ email: string; name: string; purpose: LinkPurpose } | null> {
  const db = await getDb();
  const row = await liveLink(db, token, now);
  return row ? { email: row.user.email, name: row.user.name, purpose: row.link.purpose as LinkPurpose } : null;
}

const NewPassword = z.object({
  password: z.string({ error: "Enter a new password" }).min(1, { error: "Enter a new password" }),
  confirm: z.string({ error: "Enter the new password again" }),
});

/**
 * Sets the password from a link: the link is used up, every session of the person ends (and after
 * a reset their API tokens were revoked when the link was made). Answers the user's e-mail.
 */
export async function setPasswordWithLink(token: string, raw: unknown, now = new Date()): Promise<{ email: string }> {
  const input = parseInput(NewPassword, raw);
  const db = await getDb();
  const found = await liveLink(db, token, now);
  if (!found) throw new AppError("not_found", LINK_GONE);
  const problem = passwordProblem(input.password, found.user, "New password");
  if (problem) throw new AppError("invalid", "Some answers need correcting", { fieldErrors: { password: problem } });
  if (input.password !== input.confirm) throw new AppError("invalid", "Some answers need correcting", { fieldErrors: { confirm: "The two passwords are not the same" } });
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const row = await liveLink(tx, token, now); // again, locked: two uses at once, one wins
    if (!row) throw new AppError("not_found", LINK_GONE);
    await tx.update(passwordLinks).set({ usedAt: now }).where(eq(passwordLinks.id, row.link.id));
    await tx.update(users).set({ passwordHash, sessionVersion: row.user.sessionVersion + 1, updatedAt: now }).where(eq(users.id, row.user.id));
    await endAllSessions(tx, row.user.id, "password_changed", { now });
    await recordAudit(tx, null, { organisationId: null, action: "user.password_set", entityType: "user", entityId: row.user.id, after: { purpose: row.link.purpose } });
    return { email: row.user.email };
  });
}

const ChangeInput = z.object({
  current: z.string({ error: "Enter your current password" }).min(1, { error: "Enter your current password" }),
  password: z.string({ error: "Enter a new password" }).min(1, { error: "Enter a new password" }),
  confirm: z.string({ error: "Enter the new password again" }),
});

/** Change password (needs the current one): every other session ends; this one stays signed in. */
export async function changePassword(actor: Actor, raw: unknown): Promise<void> {
  const input = parseInput(ChangeInput, raw);
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw new AppError("not_found", "User not found");
  if (!(await verifyPassword(user.passwordHash, input.current))) {
    throw new AppError("invalid", "Some answers need correcting", { fieldErrors: { current: "Your current password is not right" } });
  }
  const problem = passwordProblem(input.password, user, "New password");
  if (problem) throw new AppError("invalid", "Some answers need correcting", { fieldErrors: { password: problem } });
  if (input.password !== input.confirm) throw new AppError("invalid", "Some answers need correcting", { fieldErrors: { confirm: "The two passwords are not the same" } });
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, user.id));
    const ended = await endAllSessions(tx, user.id, "password_changed", { except: actor.sessionId ?? null });
    await recordAudit(tx, actor, { organisationId: null, action: "user.password_changed", entityType: "user", entityId: user.id, after: { sessionsEnded: ended } });
  });
}

/** The request's own origin, for links when FULCRUM_URL is not set. */
export function originFrom(h: Headers): string {
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  const host = h.get("x-forwarded-host") || h.get("host") || "localhost";
  return `${proto}://${host}`;
}
