import "server-only";
import { CredentialsSignin } from "@auth/core/errors";
import Credentials from "@auth/core/providers/credentials";
import type { NextAuthConfig } from "next-auth";
import { getDb } from "@/db/client";
import { authConfig } from "./config";
import { authSecret } from "./secret";
import { clientIp } from "./client-ip";
import { checkSignIn } from "./sign-in";
import { endSession, startSession } from "./sessions";
import { demoSignInAllowed } from "../demo/lock-down";

class LockedSignIn extends CredentialsSignin {
  constructor(minutes: number) {
    super();
    this.code = `locked_${minutes}`;
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
        credentials: { email: {}, password: {} },
        async authorize(credentials, request) {
          const email = typeof credentials?.email === "string" ? credentials.email : "";
          const password = typeof credentials?.password === "string" ? credentials.password : "";
          const db = await getDb();
          const result = await checkSignIn(db, { email, password, ip: clientIp(request.headers) });
          if (result.status === "locked") throw new LockedSignIn(result.minutes);
          if (result.status === "invalid") return null;
          // The demo's published password works only from this machine, and only while the demo lasts.
          if (!(await demoSignInAllowed(db, email, clientIp(request.headers)))) return null;
          const sid = await startSession(db, {
            userId: result.userId,
            method: "password",
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
