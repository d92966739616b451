import "server-only";
import NextAuth from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import type { Actor } from "../access";
import { loadActor } from "../actors";
import { clientIp } from "./client-ip";
import { REQUESTED_PATH_HEADER, signInPathFor } from "./return-path";
import { liveSession } from "./sessions";
import { serverAuthConfig } from "./server-config";
import { mustEnrolTotp } from "./totp";

export { clientIp };

export const { handlers, auth, signIn, signOut } = NextAuth((request) => serverAuthConfig(request));

export const ACTIVE_MEMBERSHIP_COOKIE = "fulcrum-acting-as";

/** The signed-in person for this request, or null. Memberships are read afresh on every request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const h = await headers();
  const c = await cookies();
  const db = await getDb();
  const live = await liveSession(db, session.sessionId, userId);
  if (!live) return null;
  const actor = await loadActor(db, userId, {
    sessionVersion: session.sessionVersion,
    activeMembershipId: c.get(ACTIVE_MEMBERSHIP_COOKIE)?.value ?? null,
    ip: clientIp(h),
    userAgent: h.get("user-agent"),
  });
  return actor ? { ...actor, sessionId: session.sessionId, sessionSso: live.method === "sso" } : null;
});

export const TWO_FACTOR_PATH = "/settings/two-factor";

/**
 * For pages and actions: the signed-in person, or off to the sign-in page. With FULCRUM_REQUIRE_MFA
 * (default on) a password account without an authenticator app is sent to enrol first, before it
 * can do anything else (demo accounts are exempt while the demo lasts).
 */
export const requireActor = cache(async (): Promise<Actor> => {
  const actor = await requireActorAllowingEnrolment();
  const db = await getDb();
  // Single sign-on relies on the organisation's own second factor. Once per request (React cache):
  // a page's generateMetadata and the page itself both ask.
  if (!actor.sessionSso && (await mustEnrolTotp(db, { id: actor.userId, email: actor.email }))) redirect(TWO_FACTOR_PATH);
  return actor;
});

/** For the enrolment page and its actions only: signed in, enrolled or not. */
export async function requireActorAllowingEnrolment(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(signInPathFor((await headers()).get(REQUESTED_PATH_HEADER)));
  return actor;
}
