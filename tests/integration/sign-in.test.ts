import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { loginAttempts, users } from "@/db/schema";
import { loadActor } from "@/lib/actors";
import { setUserDisabled } from "@/lib/admin";
import { resetPasswordByLink, setPasswordWithLink } from "@/lib/auth/password-links";
import { checkSignIn } from "@/lib/auth/sign-in";
import { makeAdmin, makeTrustWithBoard, TEST_PASSWORD } from "../support/factories";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();
let n = 0;
const addr = () => `198.51.100.${++n}-${Math.random().toString(36).slice(2, 8)}`;

describe("sign-in", () => {
  it("answers a wrong password and an unknown e-mail the same way", async () => {
    const { ce } = await makeTrustWithBoard(t.db);
    const wrong = await checkSignIn(t.db, { email: ce.email, password: "not the password", ip: addr() });
    const unknown = await checkSignIn(t.db, { email: `nobody.${Date.now()}@test.example`, password: TEST_PASSWORD, ip: addr() });
    expect(wrong).toEqual({ status: "invalid" });
    expect(unknown).toEqual(wrong);
    const ok = await checkSignIn(t.db, { email: ce.email.toUpperCase(), password: TEST_PASSWORD, ip: addr() });
    expect(ok).toMatchObject({ status: "ok", userId: ce.userId });
  });

  it("refuses the 6th attempt within 15 minutes even with the right password, and says for how long", async () => {
    const { chair } = await makeTrustWithBoard(t.db);
    const start = new Date("2026-11-26T09:00:00Z");
    for (let i = 0; i < 5; i++) {
      const r = await checkSignIn(t.db, { email: chair.email, password: "wrong", ip: addr() }, new Date(start.getTime() + i * 60_000));
      expect(r.status).toBe("invalid");
    }
    // Last failure at 09:04; the 5th-newest at 09:00 → unlocks at 09:15.
    const sixth = await checkSignIn(t.db, { email: chair.email, password: TEST_PASSWORD, ip: addr() }, new Date(start.getTime() + 5 * 60_000));
    expect(sixth).toEqual({ status: "locked", minutes: 10 });
    const later = await checkSignIn(t.db, { email: chair.email, password: TEST_PASSWORD, ip: addr() }, new Date(start.getTime() + 16 * 60_000));
    expect(later.status).toBe("ok");
  });

  it("attempts sent all at once are counted against each other: no more than 5 reach the password check", async () => {
    const { ned2 } = await makeTrustWithBoard(t.db);
    const now = new Date("2026-11-26T11:00:00Z");
    const wrong = await Promise.all(Array.from({ length: 30 }, () => checkSignIn(t.db, { email: ned2.email, password: "wrong", ip: addr() }, now)));
    expect(wrong.filter((r) => r.status === "invalid")).toHaveLength(5);
    expect(wrong.filter((r) => r.status === "locked")).toHaveLength(25);
    // The right password, even sent alongside more guesses, is refused too; refused attempts leave no record.
    const more = await Promise.all([
      checkSignIn(t.db, { email: ned2.email, password: TEST_PASSWORD, ip: addr() }, now),
      ...Array.from({ length: 5 }, () => checkSignIn(t.db, { email: ned2.email, password: "wrong", ip: addr() }, now)),
    ]);
    expect(more.map((r) => r.status)).toEqual(Array(6).fill("locked"));
    const rows = await t.db.select().from(loginAttempts).where(eq(loginAttempts.email, ned2.email));
    expect(rows.filter((r) => !r.success)).toHaveLength(5);
  });

  it("locks an address after 20 failures, whatever the accounts", async () => {
    const { ned1 } = await makeTrustWithBoard(t.db);
    const ip = addr();
    const now = new Date("2026-11-26T10:00:00Z");
    for (let i = 0; i < 20; i++) {
      await checkSignIn(t.db, { email: `guess${i}.${Date.now()}@test.example`, password: "wrong", ip }, now);
    }
    const r = await checkSignIn(t.db, { email: ned1.email, password: TEST_PASSWORD, ip }, now);
    expect(r).toEqual({ status: "locked", minutes: 15 });
    // Another address is not affected.
    expect((await checkSignIn(t.db, { email: ned1.email, password: TEST_PASSWORD, ip: addr() }, now)).status).toBe("ok");
    const [row] = await t.db.select().from(loginAttempts).where(eq(loginAttempts.ip, ip)).limit(1);
    expect(row.success).toBe(false);
  });

  it("ends a disabled user's existing session, and again after a password reset", async () => {
    const admin = await makeAdmin(t.db);
    const { ned2 } = await makeTrustWithBoard(t.db);
    const signedIn = await checkSignIn(t.db, { email: ned2.email, password: TEST_PASSWORD, ip: addr() });
    if (signedIn.status !== "ok") throw new Error("sign-in failed");
    const v1 = signedIn.sessionVersion;
    expect(await loadActor(t.db, ned2.userId, { sessionVersion: v1 })).not.toBeNull();

    await setUserDisabled(admin, { userId: ned2.userId, disabled: true });
    expect(await loadActor(t.db, ned2.userId, { sessionVersion: v1 })).toBeNull();
    expect(await checkSignIn(t.db, { email: ned2.email, password: TEST_PASSWORD, ip: addr() })).toEqual({ status: "invalid" });

    await setUserDisabled(admin, { userId: ned2.userId, disabled: false });
    // Re-enabling does not revive the old session.
    expect(await loadActor(t.db, ned2.userId, { sessionVersion: v1 })).toBeNull();
    const again = await checkSignIn(t.db, { email: ned2.email, password: TEST_PASSWORD, ip: addr() });
    if (again.status !== "ok") throw new Error("sign-in after enable failed");
    expect(await loadActor(t.db, ned2.userId, { sessionVersion: again.sessionVersion })).not.toBeNull();

    const link = await resetPasswordByLink(admin, { userId: ned2.userId }, { origin: "http://127.0.0.1" });
    expect(await loadActor(t.db, ned2.userId, { sessionVersion: again.sessionVersion })).toBeNull();
    await setPasswordWithLink(link.url.split("/").pop()!, { password: "a brand new password", confirm: "a brand new password" });
    expect((await checkSignIn(t.db, { email: ned2.email, password: TEST_PASSWORD, ip: addr() })).status).toBe("invalid");
    const fresh = await checkSignIn(t.db, { email: ned2.email, password: "a brand new password", ip: addr() });
    expect(fresh.status).toBe("ok");
    const [u] = await t.db.select().from(users).where(eq(users.id, ned2.userId));
    expect(u.sessionVersion).toBe(v1 + 3); // disabled, reset, then set by the link
  });
});
