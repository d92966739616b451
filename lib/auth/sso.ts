import "server-only";
import { z } from "zod";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { sessions, userIdentities, users } from "@/db/schema";
import { recordAudit } from "../audit";

export const SSO_PROVIDER_ID = "oidc";
export const DEFAULT_SSO_NAME = "Sign in with your organisation's account";

export type SsoSettings = { issuer: string; clientId: string; clientSecret: string; name: string };

/** The OpenID Connect settings from the environment, or null when single sign-on is not set up. */
export function ssoSettings(env: Record<string, string | undefined> = process.env): SsoSettings | null {
  const issuer = env.AUTH_OIDC_ISSUER?.trim();
  const clientId = env.AUTH_OIDC_ID?.trim();
  const clientSecret = env.AUTH_OIDC_SECRET?.trim();
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer, clientId, clientSecret, name: env.AUTH_OIDC_NAME?.trim() || DEFAULT_SSO_NAME };
}

/** Why a single sign-on was refused: the words on /sign-in/not-set-up. */
export type SsoRefusal = "not_set_up" | "unverified" | "disabled";

export type SsoMatch = { status: "ok"; userId: string; sessionVersion: number; linked: boolean } | { status: "refused"; reason: SsoRefusal };

/**
 * Finds the Fulcrum user for an ID token (no access check: the provider's signed token is the
 * check). By issuer + subject when linked; otherwise, once, by the token's verified e-mail to an
 * enabled user not yet linked at this issuer, and then linked (audited). Never creates a user.
 */
export async function matchSsoUser(
  db: DbOrTx,
  claims: { issuer: string; subject: string; email?: unknown; emailVerified?: unknown },
  now = new Date(),
): Promise<SsoMatch> {
  const { issuer, subject } = claims;
  if (!issuer || !subject) return { status: "refused", reason: "not_set_up" };
  return db.transaction(async (tx) => {
    const [linked] = await tx
      .select({ id: userIdentities.id, userId: users.id, disabledAt: users.disabledAt, sessionVersion: users.sessionVersion })
      .from(userIdentities)
      .innerJoin(users, eq(users.id, userIdentities.userId))
      .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)))
      .limit(1);
    if (linked) {
      if (linked.disabledAt) return { status: "refused", reason: "disabled" } as const;
      await tx.update(userIdentities).set({ lastSignInAt: now }).where(eq(userIdentities.id, linked.id));
      return { status: "ok", userId: linked.userId, sessionVersion: linked.sessionVersion, linked: false } as const;
    }
    // email_verified must be the boolean true (some providers send the string "true").
    const verified = claims.emailVerified === true || claims.emailVerified === "true";
    const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
    if (!email) return { status: "refused", reason: "not_set_up" } as const;
    if (!verified) return { status: "refused", reason: "unverified" } as const;
    const [user] = await tx.select().from(users).where(eq(users.email, email)).for("update").limit(1);
    if (!user) return { status: "refused", reason: "not_set_up" } as const;
    if (user.disabledAt) return { status: "refused", reason: "disabled" } as const;
    // Already linked to another account at this provider: a re-used address does not take over.
    const [other] = await tx
      .select({ id: userIdentities.id })
      .from(userIdentities)
      .where(and(eq(userIdentities.userId, user.id), eq(userIdentities.issuer, issuer)))
      .limit(1);
    if (other) return { status: "refused", reason: "not_set_up" } as const;
    const [row] = await tx
      .insert(userIdentities)
      .values({ userId: user.id, issuer, subject, emailAtLink: email, createdAt: now, lastSignInAt: now })
      .returning({ id: userIdentities.id });
    await recordAudit(tx, null, {
      organisationId: null,
      action: "sso.linked",
      entityType: "user",
      entityId: user.id,
      after: { identity: row.id, issuer, email },
    });
    return { status: "ok", userId: user.id, sessionVersion: user.sessionVersion, linked: true } as const;
  });
}

/** Whether this server session was started by single sign-on (exempt from TOTP enrolment). */
export async function sessionIsSso(db: DbOrTx, sessionId: string | null | undefined): Promise<boolean> {
  if (!sessionId || !z.uuid().safeParse(sessionId).success) return false;
  const [row] = await db.select({ method: sessions.method }).from(sessions).where(eq(sessions.id, sessionId)).limit(1);
  return row?.method === "sso";
}
