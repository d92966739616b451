import "server-only";
import { CredentialsSignin } from "@auth/core/errors";
import Credentials from "@auth/core/providers/credentials";
import type { NextAuthConfig } from "next-auth";
import { getDb } from "@/db/client";
import { authConfig } from "./config";
import { authSecret } from "./secret";
import { clientIp } from "./client-ip";
import { checkSignIn, countAsFailure } from "./sign-in";
import { hasTotp, verifySecondFactor } from "./totp";
import { endSession, startSession } from "./sessions";
import { demoSignInAllowed } from "../demo/lock-down";
import { matchSsoUser, SSO_PROVIDER_ID, ssoSettings } from "./sso";

class LockedSignIn extends CredentialsSignin {
  constructor(minutes: number) {
    super();
    this.code = `locked_${minutes}`;
  }
}

class CodeSignIn extends CredentialsSignin {
  constructor(code: "code_needed" | "code_wrong") {
    super();
    this.code = code;
  }
}

/**
 * The whole Auth.js configuration, with the database: sign-in records a server-side session (its id
 * goes in the cookie), and sign-out ends it. Kept apart from next-auth's wrapper (lib/auth/index.ts)
 * so tests can drive Auth.js's own endpoints with it.
 */
export function serverAuthConfig(request?: Request): NextAuthConfig {
  const sso = ssoSettings();
  return {
    ...authConfig,
    secret: authSecret(),
    callbacks: {
      ...authConfig.callbacks,
      // Single sign-on: the ID token (already checked by Auth.js: signature, issuer, audience, state,
      // nonce, PKCE) is matched to a Fulcrum user, and a server session recorded, as for a password.
      async signIn({ user, account, profile }) {
        if (account?.provider !== SSO_PROVIDER_ID) return true;
        const db = await getDb();
        const match = await matchSsoUser(db, {
          issuer: typeof profile?.iss === "string" ? profile.iss : (sso?.issuer ?? ""),
          subject: account.providerAccountId ?? (typeof profile?.sub === "string" ? profile.sub : ""),
          email: profile?.email,
          emailVerified: profile?.email_verified,
        });
        if (match.status === "refused") return `/sign-in/not-set-up?reason=${match.reason}`;
        user.id = match.userId;
        user.sessionVersion = match.sessionVersion;
        user.sid = await startSession(db, {
          userId: match.userId,
          method: "sso",
          ip: request ? clientIp(request.headers) : null,
          userAgent: request?.headers.get("user-agent") ?? null,
        });
        return true;
      },
    },
    providers: [
      ...(sso
        ? [
            {
              id: SSO_PROVIDER_ID,
              name: sso.name,
              type: "oidc" as const,
              issuer: sso.issuer,
              clientId: sso.clientId,
              clientSecret: sso.clientSecret,
              checks: ["pkce" as const, "state" as const, "nonce" as const],
              authorization: { params: { scope: "openid email profile" } },
              // Only what matching needs; the user's name and e-mail stay Fulcrum's own.
              profile: (p: Record<string, unknown>) => ({ id: String(p.sub ?? ""), email: typeof p.email === "string" ? p.email : null }),
            },
          ]
        : []),
      Credentials({
        credentials: { email: {}, password: {}, code: {} },
        async authorize(credentials, request) {
          const email = typeof credentials?.email === "string" ? credentials.email : "";
          const password = typeof credentials?.password === "string" ? credentials.password : "";
          const db = await getDb();
          const result = await checkSignIn(db, { email, password, ip: clientIp(request.headers) });
          if (result.status === "locked") throw new LockedSignIn(result.minutes);
          if (result.status === "invalid") return null;
          // The demo's published password works only from this machine, and only while the demo lasts.
          if (!(await demoSignInAllowed(db, email, clientIp(request.headers)))) return null;
          // The second factor, for those who use one: missing or wrong counts as a failed attempt.
          let method: "password" | "password_totp" = "password";
          if (await hasTotp(db, result.userId)) {
            const code = typeof credentials?.code === "string" ? credentials.code.trim() : "";
            const ok = code ? await verifySecondFactor(db, result.userId, code) : null;
            if (!ok) {
              await countAsFailure(db, result.attemptId);
              throw new CodeSignIn(code ? "code_wrong" : "code_needed");
            }
            method = "password_totp";
          }
          const sid = await startSession(db, {
            userId: result.userId,
            method,
            ip: clientIp(request.headers),
            userAgent: request.headers.get("user-agent"),
          });
          return { id: result.userId, sessionVersion: result.sessionVersion, sid };
        },
      }),
    ],
    events: {
      // Both the header's button (signOut() in a server action) and Auth.js's own POST
      // /api/auth/signout come here with the token being cleared: its server-side session ends, so a
      // copy of the cookie is refused from then on.
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (sid) await endSession(await getDb(), sid, "signed_out");
      },
    },
  };
}
