// Single sign-on (issue 11, part 1) against a real OpenID provider (oidc-provider) started here on
// 127.0.0.1: Auth.js's own endpoints drive the authorization code flow with PKCE, state and nonce;
// the provider's login page is posted to as a browser would.
import { Auth } from "@auth/core";
import { decode } from "@auth/core/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, sessions, userIdentities, users } from "@/db/schema";
import { listUserIdentities, setUserDisabled, unlinkUserIdentity } from "@/lib/admin";
import { serverAuthConfig } from "@/lib/auth/server-config";
import { checkSession, endSession } from "@/lib/auth/sessions";
import { sessionIsSso, ssoSettings } from "@/lib/auth/sso";
import { makeAdmin, makeTrustWithBoard, makeTrust, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/db";
import { startOidcProvider, TEST_CLIENT, type TestAccount } from "../support/oidc-provider.mjs";

process.env.AUTH_SECRET ??= "sso-oidc-test-secret-0123456789abcdef012345";
const t = useTestDatabase();
const APP = "http://localhost:3000";
const COOKIE = "authjs.session-token";
const accounts = new Map<string, TestAccount>();
let provider: Awaited<ReturnType<typeof startOidcProvider>>;

beforeAll(async () => {
  provider = await startOidcProvider({ redirectUris: [`${APP}/api/auth/callback/oidc`], accounts });
  process.env.AUTH_OIDC_ISSUER = provider.issuer;
  process.env.AUTH_OIDC_ID = TEST_CLIENT.client_id;
  process.env.AUTH_OIDC_SECRET = TEST_CLIENT.client_secret;
});
afterAll(async () => {
  delete process.env.AUTH_OIDC_ISSUER;
  delete process.env.AUTH_OIDC_ID;
  delete process.env.AUTH_OIDC_SECRET;
  await provider?.close();
});

type Jar = Map<string, string>;
function keep(jar: Jar, res: Response) {
  for (const c of res.headers.getSetCookie()) {
    const [pair, ...attrs] = c.split(";");
    const i = pair.indexOf("=");
    const name = pair.slice(0, i).trim();
    const expired = attrs.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
    if (expired) jar.delete(name);
    else jar.set(name, pair.slice(i + 1));
  }
}
const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
const authjs = (req: Request) => Auth(req, { ...serverAuthConfig(req), basePath: "/api/auth" });

/** Starts a sign-in at Fulcrum and logs in at the provider; returns the provider's callback URL. */
async function toCallback(login: string) {
  const app: Jar = new Map();
  const csrfRes = await authjs(new Request(`${APP}/api/auth/csrf`));
  keep(app, csrfRes);
  const { csrfToken } = await csrfRes.json();
  const start = await authjs(
    new Request(`${APP}/api/auth/signin/oidc`, {
      method: "POST",
      headers: { cookie: cookieHeader(app), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${APP}/` }).toString(),
    }),
  );
  keep(app, start);
  let url = start.headers.get("location")!;
  const authUrl = new URL(url);
  expect(authUrl.origin).toBe(provider.issuer);
  expect(authUrl.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authUrl.searchParams.get("state")).toBeTruthy();
  expect(authUrl.searchParams.get("nonce")).toBeTruthy();
  // At the provider, as a browser: follow redirects, post the login form when it is shown.
  const idp: Jar = new Map();
  for (let i = 0; i < 10; i++) {
    if (url.startsWith(`${APP}/api/auth/callback/oidc`)) return { callback: url, app };
    let res = await fetch(url, { redirect: "manual", headers: { cookie: cookieHeader(idp) } });
    keep(idp, res);
    if (res.status === 200 && url.includes("/interaction/")) {
      res = await fetch(url, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: cookieHeader(idp), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ prompt: "login", login, password: "any" }).toString(),
      });
      keep(idp, res);
    }
    url = new URL(res.headers.get("location")!, url).toString();
  }
  throw new Error("the provider never sent the browser back");
}

async function finish(callback: string, app: Jar) {
  const res = await authjs(new Request(callback, { headers: { cookie: cookieHeader(app) } }));
  keep(app, res);
  const token = app.get(COOKIE) ? await decode({ token: app.get(COOKIE)!, secret: process.env.AUTH_SECRET!, salt: COOKIE }) : null;
  return { location: res.headers.get("location") ?? "", token };
}

async function ssoSignIn(login: string) {
  const { callback, app } = await toCallback(login);
  return finish(callback, app);
}

describe("single sign-on with OpenID Connect", () => {
  it("is off unless all three settings are given, with the button's default words", () => {
    expect(ssoSettings({})).toBeNull();
    expect(ssoSettings({ AUTH_OIDC_ISSUER: "https://login.example", AUTH_OIDC_ID: "x" })).toBeNull();
    expect(ssoSettings({ AUTH_OIDC_ISSUER: "https://login.example", AUTH_OIDC_ID: "x", AUTH_OIDC_SECRET: "y" })?.name).toBe(
      "Sign in with your organisation's account",
    );
    expect(serverAuthConfig().providers.length).toBe(2);
  });

  it("links by verified e-mail on the first sign-in, then by subject only after the e-mail changes; a session row says sso", async () => {
    const { ce } = await makeTrustWithBoard(t.db);
    const sub = `ce-${crypto.randomUUID()}`;
    accounts.set(sub, { email: ce.email.toUpperCase(), email_verified: true });
    const first = await ssoSignIn(sub);
    expect(first.location).toBe(`${APP}/`);
    expect(first.token?.sub).toBe(ce.userId);
    const sid = first.token!.sid as string;
    expect(await checkSession(t.db, sid, ce.userId)).toBe(true);
    expect(await sessionIsSso(t.db, sid)).toBe(true);
    const [link] = await t.db.select().from(userIdentities).where(eq(userIdentities.userId, ce.userId));
    expect(link.issuer).toBe(provider.issuer);
    expect(link.subject).toBe(sub);
    const linked = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "sso.linked"), eq(auditEvents.entityId, ce.userId)));
    expect(linked.length).toBe(1);

    // The mailbox is renamed at the provider and in Fulcrum: the subject still finds the person.
    accounts.set(sub, { email: `renamed.${crypto.randomUUID()}@test.example`, email_verified: true });
    await t.db.update(users).set({ email: `other.${crypto.randomUUID()}@test.example` }).where(eq(users.id, ce.userId));
    const again = await ssoSignIn(sub);
    expect(again.token?.sub).toBe(ce.userId);
    // Signing out ends the sso session like any other.
    await endSession(t.db, again.token!.sid as string, "signed_out");
    expect(await checkSession(t.db, again.token!.sid as string, ce.userId)).toBe(false);
  });

  it("a re-used address does not take over: another subject with the same e-mail is refused", async () => {
    const { chair } = await makeTrustWithBoard(t.db);
    const sub = `chair-${crypto.randomUUID()}`;
    accounts.set(sub, { email: chair.email, email_verified: true });
    expect((await ssoSignIn(sub)).token?.sub).toBe(chair.userId);
    const newcomer = `newcomer-${crypto.randomUUID()}`;
    accounts.set(newcomer, { email: chair.email, email_verified: true });
    const res = await ssoSignIn(newcomer);
    expect(res.location).toContain("/sign-in/not-set-up?reason=not_set_up");
    expect(res.token).toBeNull();
  });

  it("refuses an unknown e-mail and an unverified one, creating no user and no link", async () => {
    const { ce } = await makeTrustWithBoard(t.db);
    const before = (await t.db.select({ id: users.id }).from(users)).length;
    const unknown = `unknown-${crypto.randomUUID()}`;
    accounts.set(unknown, { email: `nobody.${crypto.randomUUID()}@test.example`, email_verified: true });
    const a = await ssoSignIn(unknown);
    expect(a.location).toContain("/sign-in/not-set-up?reason=not_set_up");
    expect(a.token).toBeNull();

    const unverified = `unverified-${crypto.randomUUID()}`;
    accounts.set(unverified, { email: ce.email, email_verified: false });
    const b = await ssoSignIn(unverified);
    expect(b.location).toContain("/sign-in/not-set-up?reason=unverified");
    expect(b.token).toBeNull();
    expect((await t.db.select().from(userIdentities).where(eq(userIdentities.userId, ce.userId))).length).toBe(0);
    expect((await t.db.select({ id: users.id }).from(users)).length).toBe(before);
  });

  it("refuses a disabled user, both before and after linking", async () => {
    const admin = await makeAdmin(t.db);
    const { ce, chair } = await makeTrustWithBoard(t.db);
    await setUserDisabled(admin, { userId: ce.userId, disabled: true });
    const sub = `disabled-${crypto.randomUUID()}`;
    accounts.set(sub, { email: ce.email, email_verified: true });
    expect((await ssoSignIn(sub)).location).toContain("reason=disabled");

    const sub2 = `later-${crypto.randomUUID()}`;
    accounts.set(sub2, { email: chair.email, email_verified: true });
    expect((await ssoSignIn(sub2)).token?.sub).toBe(chair.userId);
    await setUserDisabled(admin, { userId: chair.userId, disabled: true });
    const res = await ssoSignIn(sub2);
    expect(res.location).toContain("reason=disabled");
    expect(res.token).toBeNull();
  });

  it("refuses a callback whose state or nonce is not the one this browser was given", async () => {
    const { ce } = await makeTrustWithBoard(t.db);
    const sub = `tamper-${crypto.randomUUID()}`;
    accounts.set(sub, { email: ce.email, email_verified: true });
    const count = async () => (await t.db.select().from(sessions).where(eq(sessions.userId, ce.userId))).length;

    // Wrong state: the query's state changed.
    const a = await toCallback(sub);
    const tampered = new URL(a.callback);
    tampered.searchParams.set("state", tampered.searchParams.get("state")!.replace(/.$/, (c) => (c === "A" ? "B" : "A")));
    const ra = await finish(tampered.toString(), a.app);
    expect(ra.token).toBeNull();
    expect(ra.location).toContain("error=");

    // Wrong nonce: this browser's nonce cookie is from another sign-in (state and PKCE are this one's).
    const b = await toCallback(sub);
    const c = await toCallback(sub);
    b.app.set("authjs.nonce", c.app.get("authjs.nonce")!);
    const rb = await finish(b.callback, b.app);
    expect(rb.token).toBeNull();
    expect(rb.location).toContain("error=");
    expect(await count()).toBe(0);
    expect((await t.db.select().from(userIdentities).where(eq(userIdentities.userId, ce.userId))).length).toBe(0);
  });

  it("an administrator sees and removes a link (audited); the next sign-in links again by e-mail; another user's link is not found", async () => {
    const admin = await makeAdmin(t.db);
    const trust = await makeTrust(t.db);
    const person = await makeUser(t.db, [{ organisationId: trust.id, role: "board_member" }]);
    const sub = `unlink-${crypto.randomUUID()}`;
    accounts.set(sub, { email: person.email, email_verified: true });
    await ssoSignIn(sub);
    const [link] = await listUserIdentities(admin, { userId: person.userId });
    expect(link.issuer).toBe(provider.issuer);
    await expect(unlinkUserIdentity(admin, { userId: admin.userId, identityId: link.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(unlinkUserIdentity(person, { userId: person.userId, identityId: link.id })).rejects.toMatchObject({ code: "not_found" });
    await unlinkUserIdentity(admin, { userId: person.userId, identityId: link.id });
    expect(await listUserIdentities(admin, { userId: person.userId })).toEqual([]);
    const audit = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "sso.unlinked"), eq(auditEvents.entityId, person.userId)));
    expect(audit.length).toBe(1);
    expect((await ssoSignIn(sub)).token?.sub).toBe(person.userId);
  });
});
