import type { NextAuthConfig } from "next-auth";

const idleHours = Number(process.env.FULCRUM_SESSION_IDLE_HOURS || 12);
const maxDays = Number(process.env.FULCRUM_SESSION_MAX_DAYS || 7);

declare module "next-auth" {
  interface Session {
    sessionVersion: number;
    authTime: number;
  }
  interface User {
    sessionVersion?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sv?: number;
    authTime?: number;
  }
}

/**
 * The part of the Auth.js configuration with no database: sessions are signed, encrypted JWTs in an
 * HttpOnly, SameSite=Lax cookie (Secure over HTTPS). The cookie lives `idleHours` from the last
 * request that refreshed it; the jwt callback ends any session older than `maxDays` whatever its use.
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
      }
      if (!token.authTime || now - token.authTime > maxDays * 86400) return null;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user = { ...session.user, id: token.sub };
      session.sessionVersion = token.sv ?? 0;
      session.authTime = token.authTime ?? 0;
      return session;
    },
  },
} satisfies NextAuthConfig;
