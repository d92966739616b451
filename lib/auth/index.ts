import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import type { Actor } from "../access";
import { loadActor } from "../actors";
import { authConfig } from "./config";
import { authSecret } from "./secret";
import { clientIp } from "./client-ip";
import { checkSignIn } from "./sign-in";

export { clientIp };

class LockedSignIn extends CredentialsSignin {
  constructor(minutes: number) {
    super();
    this.code = `locked_${minutes}`;
  }
}


export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...authConfig,
  secret: authSecret(),
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const email = typeof credentials?.email === "string" ? credentials.email : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        const db = await getDb();
        const result = await checkSignIn(db, { email, password, ip: clientIp(request.headers) });
        if (result.status === "locked") throw new LockedSignIn(result.minutes);
        if (result.status === "invalid") return null;
        return { id: result.userId, sessionVersion: result.sessionVersion };
      },
    }),
  ],
}));

export const ACTIVE_MEMBERSHIP_COOKIE = "fulcrum-acting-as";

/** The signed-in person for this request, or null. Memberships are read afresh on every request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const h = await headers();
  const c = await cookies();
  const db = await getDb();
  return loadActor(db, userId, {
    sessionVersion: session.sessionVersion,
    activeMembershipId: c.get(ACTIVE_MEMBERSHIP_COOKIE)?.value ?? null,
    ip: clientIp(h),
    userAgent: h.get("user-agent"),
  });
});

/** For pages and actions: the signed-in person, or off to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/sign-in");
  return actor;
}
