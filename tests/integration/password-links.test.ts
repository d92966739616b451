// Set-password links, change and forgot password (issue 11, part 3), on a real database.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { apiTokens, passwordLinks, users } from "@/db/schema";
import { checkSignIn } from "@/lib/auth/sign-in";
import { checkSession, startSession } from "@/lib/auth/sessions";
import {
  changePassword,
  describePasswordLink,
  inviteUser,
  requestPasswordReset,
  resetPasswordByLink,
  setPasswordWithLink,
} from "@/lib/auth/password-links";
import { createApiToken } from "@/lib/tokens";
import { makeAdmin, makeTrustWithBoard, TEST_PASSWORD } from "../support/factories";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();
const origin = "http://localhost:3000";
const NEW = "orchid tram velvet lantern";
const tokenOf = (url: string) => url.split("/set-password/")[1];
let n = 0;
const ip = () => `203.0.113.${++n}-${Math.random().toString(36).slice(2, 6)}`;

describe("set-password links", () => {
  it("invite by e-mail and name: no password until the link is used, once; only its hash is stored", async () => {
    const admin = await makeAdmin(t.db);
    const email = `new.person.${Date.now()}@nhs.net`;
    const { userId, link } = await inviteUser(admin, { email, name: "Priya Shah" }, { origin });
    expect(link).toMatchObject({ purpose: "invite", to: { email, name: "Priya Shah" } });
    expect(link.url).toMatch(/^http:\/\/localhost:3000\/set-password\/[A-Za-z0-9_-]{40,}$/);
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(71.9 * 3600_000);
    const [u] = await t.db.select().from(users).where(eq(users.id, userId));
    expect(u.passwordHash).toBeNull();
    const stored = await t.db.select().from(passwordLinks).where(eq(passwordLinks.userId, userId));
    expect(stored[0].tokenHash).not.toContain(tokenOf(link.url));
    expect(JSON.stringify(stored)).not.toContain(tokenOf(link.url));

    expect(await describePasswordLink(tokenOf(link.url))).toMatchObject({ email, purpose: "invite" });
    await setPasswordWithLink(tokenOf(link.url), { password: NEW, confirm: NEW });
    expect(await checkSignIn(t.db, { email, password: NEW, ip: ip() })).toMatchObject({ status: "ok" });
    // Single use.
    await expect(setPasswordWithLink(tokenOf(link.url), { password: NEW + " x", confirm: NEW + " x" })).rejects.toMatchObject({ code: "not_found" });
    expect(await describePasswordLink(tokenOf(link.url))).toBeNull();
  });

  it("expire after 72 hours", async () => {
    const admin = await makeAdmin(t.db);
    const { link } = await inviteUser(admin, { email: `late.${Date.now()}@nhs.net`, name: "Late Comer" }, { origin });
    const later = new Date(Date.now() + 72 * 3600_000 + 60_000);
    expect(await describePasswordLink(tokenOf(link.url), later)).toBeNull();
    await expect(setPasswordWithLink(tokenOf(link.url), { password: NEW, confirm: NEW }, later)).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuse a weak password with the reason, and write nothing", async () => {
    const admin = await makeAdmin(t.db);
    const email = `weak.${Date.now()}@nhs.net`;
    const { userId, link } = await inviteUser(admin, { email, name: "Weak Choice" }, { origin });
    await expect(setPasswordWithLink(tokenOf(link.url), { password: "password1234", confirm: "password1234" })).rejects.toMatchObject({
      fieldErrors: { password: expect.stringMatching(/too easy to guess/) },
    });
    await expect(setPasswordWithLink(tokenOf(link.url), { password: "short", confirm: "short" })).rejects.toMatchObject({
      fieldErrors: { password: expect.stringMatching(/at least 12/) },
    });
    const [u] = await t.db.select().from(users).where(eq(users.id, userId));
    expect(u.passwordHash).toBeNull();
    expect(await describePasswordLink(tokenOf(link.url))).not.toBeNull();
  });

  it("an admin reset ends sessions, revokes API tokens, stops the old password; not for oneself; not for non-admins", async () => {
    const admin = await makeAdmin(t.db);
    const { ce, chair } = await makeTrustWithBoard(t.db);
    const sid = await startSession(t.db, { userId: ce.userId, method: "password" });
    await createApiToken(ce, { name: "Script", scope: "read" });
    const link = await resetPasswordByLink(admin, { userId: ce.userId }, { origin });
    expect(link.purpose).toBe("reset");
    expect(await checkSession(t.db, sid, ce.userId)).toBe(false);
    expect((await t.db.select().from(apiTokens).where(eq(apiTokens.userId, ce.userId))).every((x) => x.revokedAt)).toBe(true);
    expect(await checkSignIn(t.db, { email: ce.email, password: TEST_PASSWORD, ip: ip() })).toEqual({ status: "invalid" });

    await expect(resetPasswordByLink(admin, { userId: admin.userId }, { origin })).rejects.toMatchObject({ code: "forbidden" });
    await expect(resetPasswordByLink(chair, { userId: ce.userId }, { origin })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("forgot password", () => {
  it("answers nothing for an unknown or disabled account, and at most 3 links an hour per account", async () => {
    const { ce } = await makeTrustWithBoard(t.db);
    expect(await requestPasswordReset({ email: `nobody.${Date.now()}@nhs.net`, ip: ip(), origin })).toBeNull();
    const links = [];
    for (let i = 0; i < 4; i++) links.push(await requestPasswordReset({ email: ce.email, ip: ip(), origin }));
    expect(links.slice(0, 3).every((l) => l?.purpose === "forgot")).toBe(true);
    expect(links[3]).toBeNull();
    // Only the newest link works.
    await expect(setPasswordWithLink(tokenOf(links[0]!.url), { password: NEW, confirm: NEW })).rejects.toMatchObject({ code: "not_found" });
    await setPasswordWithLink(tokenOf(links[2]!.url), { password: NEW, confirm: NEW });
  });

  it("at most 20 an hour from one address, whatever the accounts", async () => {
    const from = ip();
    const results = [];
    for (let i = 0; i < 21; i++) results.push(await requestPasswordReset({ email: `someone.${i}.${Date.now()}@nhs.net`, ip: from, origin }));
    const { ce } = await makeTrustWithBoard(t.db);
    expect(await requestPasswordReset({ email: ce.email, ip: from, origin })).toBeNull();
    expect(await requestPasswordReset({ email: ce.email, ip: ip(), origin })).not.toBeNull();
  });
});

describe("change password", () => {
  it("needs the current password, applies the rules, keeps this session and ends the others", async () => {
    const { ce } = await makeTrustWithBoard(t.db);
    const here = await startSession(t.db, { userId: ce.userId, method: "password" });
    const there = await startSession(t.db, { userId: ce.userId, method: "password" });
    const me = { ...ce, sessionId: here };
    await expect(changePassword(me, { current: "wrong", password: NEW, confirm: NEW })).rejects.toMatchObject({ fieldErrors: { current: expect.any(String) } });
    await expect(changePassword(me, { current: TEST_PASSWORD, password: `${ce.name} rules ok`, confirm: `${ce.name} rules ok` })).rejects.toMatchObject({
      fieldErrors: { password: expect.stringMatching(/email address or your name/) },
    });
    await expect(changePassword(me, { current: TEST_PASSWORD, password: NEW, confirm: NEW + "!" })).rejects.toMatchObject({ fieldErrors: { confirm: expect.any(String) } });
    expect(await checkSession(t.db, there, ce.userId)).toBe(true);
    await changePassword(me, { current: TEST_PASSWORD, password: NEW, confirm: NEW });
    expect(await checkSession(t.db, here, ce.userId)).toBe(true);
    expect(await checkSession(t.db, there, ce.userId)).toBe(false);
    expect(await checkSignIn(t.db, { email: ce.email, password: NEW, ip: ip() })).toMatchObject({ status: "ok" });
  });
});
