// Signing in with the second factor, through Auth.js's own credentials endpoint (issue 11, part 2):
// a missing or wrong code is refused and counts toward the lockout; a right one records how.
import { Auth } from "@auth/core";
import * as OTPAuth from "otpauth";
import { describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { auditEvents, loginAttempts, recoveryCodes, sessions, totpFactors } from "@/db/schema";
import { getSignInFactors, resetSecondFactor } from "@/lib/admin";
import { getDb } from "@/db/client";
import { serverAuthConfig } from "@/lib/auth/server-config";
import { beginTotpEnrolment, confirmTotpEnrolment, mustEnrolTotp } from "@/lib/auth/totp";
import { makeAdmin, makeTrustWithBoard, TEST_PASSWORD } from "../support/factories";
import { useTestDatabase } from "../support/db";

process.env.AUTH_SECRET ??= "mfa-sign-in-test-secret-0123456789abcdef";
const t = useTestDatabase();
let n = 0;

async function signInWith(email: string, password: string, code: string) {
  const authjs = (req: Request) => Auth(req, { ...serverAuthConfig(), basePath: "/api/auth" });
  const ip = `192.0.2.${++n}`;
  const csrfRes = await authjs(new Request("http://localhost:3000/api/auth/csrf"));
  const { csrfToken } = await csrfRes.json();
  const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("authjs.csrf-token="))!;
  const res = await authjs(
    new Request("http://localhost:3000/api/auth/callback/credentials", {
      method: "POST",
      headers: { cookie: csrfCookie, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
      body: new URLSearchParams({ csrfToken, email, password, code }).toString(),
    }),
  );
  return { location: res.headers.get("location") ?? "", cookies: res.headers.getSetCookie() };
}

describe("sign-in with an authenticator app", () => {
  it("refuses a missing or replayed code (each a failed attempt) and accepts a current one, recorded as password+TOTP", async () => {
    const { ce } = await makeTrustWithBoard(t.db);
    const e = await beginTotpEnrolment(ce);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(e.secret) });
    const enrolCode = totp.generate();
    await confirmTotpEnrolment(ce, { code: enrolCode });

    const none = await signInWith(ce.email, TEST_PASSWORD, "");
    expect(none.location).toMatch(/error=CredentialsSignin.*code=code_needed/);
    const replay = await signInWith(ce.email, TEST_PASSWORD, enrolCode);
    expect(replay.location).toMatch(/code=code_wrong/);
    const failures = await t.db
      .select()
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, ce.email), eq(loginAttempts.success, false)));
    expect(failures).toHaveLength(2);

    const ok = await signInWith(ce.email, TEST_PASSWORD, totp.generate({ timestamp: Date.now() + 30_000 }));
    expect(ok.location).not.toMatch(/error/);
    expect(ok.cookies.some((c) => c.startsWith("authjs.session-token="))).toBe(true);
    const [s] = await t.db.select().from(sessions).where(eq(sessions.userId, ce.userId)).orderBy(desc(sessions.createdAt)).limit(1);
    expect(s.method).toBe("password_totp");
  });
});

describe("an administrator's reset of the authenticator app (a lost phone)", () => {
  it("removes the app and the recovery codes, ends every session, and the person must enrol again; not one's own, not by others", async () => {
    const admin = await makeAdmin(t.db);
    const { ce, chair } = await makeTrustWithBoard(t.db);
    const e = await beginTotpEnrolment(ce);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(e.secret) });
    await confirmTotpEnrolment(ce, { code: totp.generate() });
    const signedIn = await signInWith(ce.email, TEST_PASSWORD, totp.generate({ timestamp: Date.now() + 30_000 }));
    expect(signedIn.location).not.toMatch(/error/);
    expect((await getSignInFactors(admin, ce.userId)).totpEnrolledAt).toBeInstanceOf(Date);

    // Another trust's Chair is no administrator: not found, nothing changed.
    await expect(resetSecondFactor(chair, { userId: ce.userId })).rejects.toMatchObject({ code: "not_found" });
    expect(await t.db.select().from(totpFactors).where(eq(totpFactors.userId, ce.userId))).toHaveLength(1);

    expect(await resetSecondFactor(admin, { userId: ce.userId })).toBe(true);
    expect(await t.db.select().from(totpFactors).where(eq(totpFactors.userId, ce.userId))).toEqual([]);
    expect(await t.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, ce.userId))).toEqual([]);
    const live = await t.db.select().from(sessions).where(eq(sessions.userId, ce.userId));
    expect(live.length).toBeGreaterThan(0);
    expect(live.every((s) => s.endedAt !== null)).toBe(true);
    expect(await mustEnrolTotp(await getDb(), { id: ce.userId, email: ce.email })).toBe(true);
    const [ev] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, ce.userId), eq(auditEvents.action, "user.totp_reset")));
    expect(ev).toMatchObject({ actorId: admin.userId, before: { enrolled: true, recoveryCodes: 10 }, after: { enrolled: false } });
    // Again: nothing to reset, nothing audited.
    expect(await resetSecondFactor(admin, { userId: ce.userId })).toBe(false);
    expect(await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, ce.userId), eq(auditEvents.action, "user.totp_reset")))).toHaveLength(1);
  });
});
