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
export function serverAuthConfig(): NextAuthConfig {
  return {
    ...authConfig,
    secret: authSecret(),
    providers: [
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
