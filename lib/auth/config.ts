import type { NextAuthConfig } from "next-auth";

function positive(value: string | undefined, fallback: number) {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : fallback;
}
export const SESSION_IDLE_HOURS = positive(process.env.FULCRUM_SESSION_IDLE_HOURS, 12);
export const SESSION_MAX_DAYS = positive(process.env.FULCRUM_SESSION_MAX_DAYS, 7);
const idleHours = SESSION_IDLE_HOURS;
const maxDays = SESSION_MAX_DAYS;

declare module "next-auth" {
  interface Session {
    sessionVersion: number;
    authTime: number;
    /** The server-side session (sessions table) this cookie stands for. */
    sessionId?: string;
  }
  interface User {
    sessionVersion?: number;
    /** How the person proved who they are: "password" or "password_totp" (credentials). */
    method?: string;
    /** Set by lib/auth/index.ts's jwt callback when it records the session. */
    sid?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sv?: number;
    authTime?: number;
    sid?: string;
  }
}

/**
 * The part of the Auth.js configuration with no database: sessions are signed, encrypted JWTs in an
 * HttpOnly, SameSite=Lax cookie (Secure over HTTPS). The token and cookie live `idleHours` from the
 * last page view that refreshed them (proxy.ts); the jwt callback ends any session older than
 * `maxDays` whatever its use (returning null makes Auth.js answer "no session" and clear the cookie).
 */
export const authConfig = {
  trustHost: true,
  pages: { signIn: "/sign-in" },
  session: { strategy: "jwt", maxAge: idleHours * 3600, updateAge: 5 * 60 },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      const now = Math.floor(Date.now() / 1000);
      if (user) {
        token.sub = user.id;
        token.sv = user.sessionVersion ?? 1;
        token.authTime = now;
        if (user.sid) token.sid = user.sid;
      }
      if (!token.authTime || now - token.authTime > maxDays * 86400) return null;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user = { ...session.user, id: token.sub };
      session.sessionVersion = token.sv ?? 0;
      session.authTime = token.authTime ?? 0;
      if (token.sid) session.sessionId = token.sid;
      return session;
    },
  },
} satisfies NextAuthConfig;
