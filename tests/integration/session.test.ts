// The session rules, checked through Auth.js itself (no mocks): the same code path auth() and the
// proxy's refresh take when a request carries a session cookie.
import { Auth } from "@auth/core";
import { decode, encode } from "@auth/core/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { authConfig, SESSION_IDLE_HOURS, SESSION_MAX_DAYS } from "@/lib/auth/config";

const secret = "session-test-secret-session-test-secret";
const COOKIE = "authjs.session-token";
const HOUR = 3600;

async function sessionFor(token: Record<string, unknown>, origin = "http://localhost:3000") {
  const jwt = await encode({ token, secret, salt: COOKIE, maxAge: SESSION_IDLE_HOURS * HOUR });
  const res = await Auth(new Request(`${origin}/api/auth/session`, { headers: { cookie: `${COOKIE}=${jwt}` } }), {
    ...authConfig,
    secret,
    basePath: "/api/auth",
    providers: [],
  });
  const body = await res.json();
  const setCookie = res.headers.getSetCookie();
  return { body, setCookie };
}

afterEach(() => vi.useRealTimers());

describe("sessions", () => {
  it("are 12 hours idle and 7 days absolute by default", () => {
    expect(SESSION_IDLE_HOURS).toBe(12);
    expect(SESSION_MAX_DAYS).toBe(7);
    expect(authConfig.session.maxAge).toBe(12 * HOUR);
  });

  it("refresh the cookie (HttpOnly, SameSite=Lax, not Secure over http) with a new 12-hour expiry on use", async () => {
    const now = Math.floor(Date.now() / 1000);
    const { body, setCookie } = await sessionFor({ sub: "u1", sv: 1, authTime: now - 3 * HOUR });
    expect(body).toMatchObject({ user: { id: "u1" }, sessionVersion: 1 });
    const cookie = setCookie.find((c) => c.startsWith(`${COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const expires = Date.parse(/Expires=([^;]+)/i.exec(cookie)![1]);
    expect(Math.abs(expires - (Date.now() + 12 * HOUR * 1000))).toBeLessThan(60_000);
    const refreshed = await decode({ token: cookie.split(";")[0].slice(COOKIE.length + 1), secret, salt: COOKIE });
    expect(refreshed?.authTime).toBe(now - 3 * HOUR); // the absolute clock does not restart
    expect(refreshed!.exp! - now).toBeGreaterThan(12 * HOUR - 60);
  });

  it("use a Secure, __Secure- prefixed cookie over HTTPS", async () => {
    const now = Math.floor(Date.now() / 1000);
    const jwt = await encode({ token: { sub: "u1", sv: 1, authTime: now }, secret, salt: `__Secure-${COOKIE}`, maxAge: HOUR });
    const res = await Auth(new Request("https://fulcrum.example/api/auth/session", { headers: { cookie: `__Secure-${COOKIE}=${jwt}` } }), {
      ...authConfig,
      secret,
      basePath: "/api/auth",
      providers: [],
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`__Secure-${COOKIE}=`))!;
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
  });

  it("end after 7 days however busy, and the cookie is cleared", async () => {
    const now = Math.floor(Date.now() / 1000);
    const { body, setCookie } = await sessionFor({ sub: "u1", sv: 1, authTime: now - 7 * 24 * HOUR - 60 });
    expect(body).toBeNull();
    expect(setCookie.find((c) => c.startsWith(`${COOKIE}=`))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
  });

  it("end after 12 hours without use: the token itself has expired", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-26T08:00:00Z"));
    const now = Math.floor(Date.now() / 1000);
    const jwt = await encode({ token: { sub: "u1", sv: 1, authTime: now }, secret, salt: COOKIE, maxAge: SESSION_IDLE_HOURS * HOUR });
    vi.setSystemTime(new Date("2026-11-26T20:01:00Z"));
    const res = await Auth(new Request("http://localhost:3000/api/auth/session", { headers: { cookie: `${COOKIE}=${jwt}` } }), {
      ...authConfig,
      secret,
      basePath: "/api/auth",
      providers: [],
      logger: { error: () => {} },
    });
    expect(await res.json()).toBeNull();
  });
});
