import "server-only";
import { z } from "zod";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { apiTokens, memberships, organisations, recoveryCodes, totpFactors, users } from "@/db/schema";
import { assertCan, type Actor, type Role, type Seat } from "../access";
import { recordAudit } from "../audit";
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN } from "../auth/passwords";
import { endAllSessions } from "../auth/sessions";
import { passwordProblem } from "../auth/password-rules";
import { isDemoEmail } from "../demo/lock-down";
import { AppError } from "../errors";
import { email, NAME_MAX, parseInput, text } from "../validation";
import { isUniqueViolation } from "./fields";

export const password = (label = "Password") =>
  z
    .string({ error: `Enter a password of at least ${PASSWORD_MIN} characters` })
    .min(PASSWORD_MIN, { message: `${label} must be at least ${PASSWORD_MIN} characters` })
    .max(PASSWORD_MAX, { message: `${label} must be ${PASSWORD_MAX} characters or fewer` })
    .refine((v) => !/\u0000/.test(v), { message: `${label} contains a character that is not allowed` });

/** A first administrator's account, made by `npm run user:create` (password on standard input). */
export const UserInput = z.object({
  email,
  name: text("the person's full name", NAME_MAX, { required: true }),
  password: password(),
});
export type UserInput = z.input<typeof UserInput>;

/** What is shown of a user: never the password hash. */
export type UserView = {
  id: string;
  email: string;
  name: string;
  disabled: boolean;
  disabledAt: Date | null;
  createdAt: Date;
};

export type UserMembershipView = {
  id: string;
  organisationId: string;
  organisationName: string;
  ods: string;
  kind: "national" | "ics" | "trust";
  role: Role;
  seat: Seat | null;
};

const publicUser = (u: typeof users.$inferSelect): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  disabled: !!u.disabledAt,
  disabledAt: u.disabledAt,
  createdAt: u.createdAt,
});

/** For audit rows: who, never the hash. */
const auditUser = (u: typeof users.$inferSelect) => ({ ...publicUser(u), sessionVersion: u.sessionVersion });

const duplicateEmail = () =>
  new AppError("invalid", "Some answers need correcting", { fieldErrors: { email: "A user with this email address already exists" } });

/**
 * Creates a user without an access check: for the `user:create` command (actor null) and for
 * createUser below, which checks first. The caller passes its transaction.
 */
export async function unsafeCreateUser(tx: DbOrTx, actor: Actor | null, input: z.output<typeof UserInput>): Promise<UserView> {
  const [dupe] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  if (dupe) throw duplicateEmail();
  const problem = passwordProblem(input.password, input);
  if (problem) throw new AppError("invalid", "Some answers need correcting", { fieldErrors: { password: problem } });
  const passwordHash = await hashPassword(input.password);
  const [user] = await tx.insert(users).values({ email: input.email, name: input.name, passwordHash }).returning();
  await recordAudit(tx, actor, { organisationId: null, action: "user.created", entityType: "user", entityId: user.id, after: auditUser(user) });
  return publicUser(user);
}

export type UserListRow = UserView & { memberships: string };

/** Every user (or those of `ids`) with a one-line summary of their memberships (admin only). */
export async function listUsers(actor: Actor, ids?: string[]): Promise<UserListRow[]> {
  assertCan(actor, "admin");
  const db = await getDb();
  const rows = await db
    .select({
      user: users,
      // Aliased explicitly: drizzle leaves columns unqualified in a one-table select.
      summary: sql<string>`coalesce((
        select string_agg(
          case m.role
            when 'chief_executive' then 'Chief Executive'
            when 'board_member' then case m.seat when 'chair' then 'Chair' when 'non_executive' then 'Non-Executive Director' else 'Executive Director' end
            when 'ics_lead' then 'ICS lead'
            when 'national_analyst' then 'National analyst'
            when 'company_secretary' then 'Company Secretary'
            else 'Administrator' end || ', ' || o.ods, '; ' order by o.ods)
        from memberships m join organisations o on o.id = m.organisation_id
        where m.user_id = "users"."id"), '')`,
    })
    .from(users)
    .where(ids ? inArray(users.id, ids) : undefined)
    .orderBy(asc(users.name), asc(users.email));
  return rows.map((r) => ({ ...publicUser(r.user), memberships: r.summary }));
}

export async function getUser(actor: Actor, id: string): Promise<UserView & { memberships: UserMembershipView[] }> {
  assertCan(actor, "admin");
  if (!z.uuid().safeParse(id).success) throw new AppError("not_found", "User not found");
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, id));
  if (!user) throw new AppError("not_found", "User not found");
  const ms = await db
    .select({
      id: memberships.id,
      organisationId: organisations.id,
      organisationName: organisations.name,
      ods: organisations.ods,
      kind: organisations.kind,
      role: memberships.role,
      seat: memberships.seat,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, id))
    .orderBy(asc(organisations.name), asc(memberships.role));
  return { ...publicUser(user), memberships: ms };
}

async function lockUser(tx: DbOrTx, id: string) {
  if (!z.uuid().safeParse(id).success) throw new AppError("not_found", "User not found");
  const [user] = await tx.select().from(users).where(eq(users.id, id)).for("update");
  if (!user) throw new AppError("not_found", "User not found");
  return user;
}

/**
 * Disables or re-enables a user. Disabling bumps the session version, so any session the person
 * holds ends at its next request.
 */
export async function setUserDisabled(actor: Actor, input: { userId: string; disabled: boolean }): Promise<UserView> {
  assertCan(actor, "admin");
  if (input.disabled && input.userId === actor.userId) {
    throw new AppError("invalid", "You cannot disable your own account", { fieldErrors: { _form: "You cannot disable your own account" } });
  }
  const db = await getDb();
  return db.transaction(async (tx) => {
    const before = await lockUser(tx, input.userId);
    if (!!before.disabledAt === input.disabled) return publicUser(before);
    if (!input.disabled && isDemoEmail(before.email)) {
      throw new AppError("forbidden", "A demo account stays disabled for good: its password is published", { fieldErrors: { _form: "A demo account stays disabled for good: its password is published" } });
    }
    const [after] = await tx
      .update(users)
      .set(
        input.disabled
          ? { disabledAt: new Date(), sessionVersion: before.sessionVersion + 1, updatedAt: new Date() }
          : { disabledAt: null, updatedAt: new Date() },
      )
      .where(eq(users.id, input.userId))
      .returning();
    if (input.disabled) await endAllSessions(tx, after.id, "disabled");
    await recordAudit(tx, actor, {
      organisationId: null,
      action: input.disabled ? "user.disabled" : "user.enabled",
      entityType: "user",
      entityId: after.id,
      before: auditUser(before),
      after: auditUser(after),
    });
    return publicUser(after);
  });
}

/**
 * Refuses an administrator acting on their own access (issue 11: nobody grants themselves anything),
 * recording the refusal in the audit chain (in its own transaction: the refused change has none).
 */
export async function refuseSelf(actor: Actor, targetUserId: string, action: string, message: string): Promise<void> {
  if (targetUserId !== actor.userId) return;
  const db = await getDb();
  await db.transaction((tx) =>
    recordAudit(tx, actor, { organisationId: null, action: "admin.self_grant_refused", entityType: "user", entityId: actor.userId, after: { attempted: action } }),
  );
  throw new AppError("forbidden", message, { fieldErrors: { _form: message } });
}

/**
 * Takes away a person's authenticator app and recovery codes (a lost phone): every session ends, and
 * a password account must enrol again at its next sign-in (FULCRUM_REQUIRE_MFA). Not one's own: an
 * administrator who lost their phone asks another.
 */
export async function resetSecondFactor(actor: Actor, input: { userId: string }): Promise<boolean> {
  assertCan(actor, "admin");
  if (!z.uuid().safeParse(input.userId).success) throw new AppError("not_found", "User not found");
  await refuseSelf(actor, input.userId, "user.totp_reset", "You cannot reset your own second factor: ask another administrator");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const user = await lockUser(tx, input.userId);
    const removed = await tx.delete(totpFactors).where(eq(totpFactors.userId, user.id)).returning({ confirmedAt: totpFactors.confirmedAt });
    const codes = await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id)).returning({ id: recoveryCodes.id });
    if (!removed.length && !codes.length) return false;
    await tx.update(users).set({ sessionVersion: user.sessionVersion + 1, updatedAt: new Date() }).where(eq(users.id, user.id));
    const ended = await endAllSessions(tx, user.id, "totp_reset");
    await recordAudit(tx, actor, {
      organisationId: null,
      action: "user.totp_reset",
      entityType: "user",
      entityId: user.id,
      before: { enrolled: removed.some((r) => r.confirmedAt !== null), recoveryCodes: codes.length },
      after: { enrolled: false, sessionsEnded: ended },
    });
    return true;
  });
}

/** What the admin page says of a person's sign-in: a password set or not, a second factor or not. */
export async function getSignInFactors(actor: Actor, userId: string): Promise<{ passwordSet: boolean; totpEnrolledAt: Date | null }> {
  assertCan(actor, "admin");
  if (!z.uuid().safeParse(userId).success) throw new AppError("not_found", "User not found");
  const db = await getDb();
  const [row] = await db
    .select({ hasPassword: sql<boolean>`${users.passwordHash} is not null`, totpAt: totpFactors.confirmedAt })
    .from(users)
    .leftJoin(totpFactors, eq(totpFactors.userId, users.id))
    .where(eq(users.id, userId));
  if (!row) throw new AppError("not_found", "User not found");
  return { passwordSet: row.hasPassword, totpEnrolledAt: row.totpAt ?? null };
}

/** Revokes every live API token of a user (a password reset: whoever had the account may have made some). */
export async function revokeAllTokens(tx: DbOrTx, userId: string): Promise<number> {
  const rows = await tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length;
}

/** An administrator's "sign out everywhere": ends every session the person holds. */
export async function signOutEverywhere(actor: Actor, input: { userId: string }): Promise<number> {
  assertCan(actor, "admin");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const user = await lockUser(tx, input.userId);
    const n = await endAllSessions(tx, user.id, "admin");
    await recordAudit(tx, actor, { organisationId: null, action: "user.signed_out_everywhere", entityType: "user", entityId: user.id, after: { ended: n } });
    return n;
  });
}
