// Server-side sessions (issue 11, part 4): the cookie carries a session id, every request checks the
// record is live, and sign-out (through Auth.js's own endpoint), password reset, disable and "sign out
// everywhere" end it on the server.
import { Auth } from "@auth/core";
import { encode } from "@auth/core/jwt";
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { apiTokens, auditEvents, sessions } from "@/db/schema";
import { setUserDisabled, signOutEverywhere } from "@/lib/admin";
import { resetPasswordByLink } from "@/lib/auth/password-links";
import { serverAuthConfig } from "@/lib/auth/server-config";
import { checkSession, endMyOtherSessions, endMySession, listMySessions, startSession, TOUCH_EVERY_MS } from "@/lib/auth/sessions";
import { createApiToken } from "@/lib/tokens";
import { makeAdmin, makeTrustWithBoard } from "../support/factories";
import { useTestDatabase } from "../support/db";

process.env.AUTH_SECRET ??= "server-sessions-test-secret-0123456789abcdef";
const t = useTestDatabase();
const HOUR = 3600 * 1000;
const COOKIE = "authjs.session-token";

async function signedIn(userId: string, now = new Date()) {
  return startSession(t.db, { userId, method: "password", ip: "127.0.0.1", userAgent: "vitest" }, now);
}

describe("server sessions", () => {
  it("are live after sign-in and touched at most every 5 minutes", async () => {
    const { ce } = await makeTrustWithBoard(t.db);
    const start = new Date("2026-11-26T09:00:00Z");
    const sid = await signedIn(ce.userId, start);
    expect(await checkSession(t.db, sid, ce.userId, new Date(start.getTime() + 60_000))).toBe(true);
    let [row] = await t.db.select().from(sessions).where(eq(sessions.id, sid));
    expect(row.lastSeenAt.getTime()).toBe(start.getTime());
    const later = new Date(start.getTime() + TOUCH_EVERY_MS + 1000);
    expect(await checkSession(t.db, sid, ce.userId, later)).toBe(true);
    [row] = await t.db.select().from(sessions).where(eq(sessions.id, sid));
    expect(row.lastSeenAt.getTime()).toBe(later.getTime());
  });

  it("belong to one user: another user's id, a made-up id or none is refused", async () => {
    const { ce, chair } = await makeTrustWithBoard(t.db);
    const sid = await signedIn(ce.userId);
    expect(await checkSession(t.db, sid, chair.userId)).toBe(false);
    expect(await checkSession(t.db, crypto.randomUUID(), ce.userId)).toBe(false);
    expect(await checkSession(t.db, "not-a-uuid", ce.userId)).toBe(false);
    expect(await checkSession(t.db, undefined, ce.userId)).toBe(false);
  });

  it("end after 12 hours idle and after 7 days however busy, on the record", async () => {
    const { ce } = await makeTrustWithBoard(t.db);
    const start = new Date("2026-11-26T09:00:00Z");
    const idle = await signedIn(ce.userId, start);
    expect(await checkSession(t.db, idle, ce.userId, new Date(start.getTime() + 12 * HOUR + 60_000))).toBe(false);
    const [row] = await t.db.select().from(sessions).where(eq(sessions.id, idle));
    expect(row.endedReason).toBe("idle");

    const busy = await signedIn(ce.userId, start);
    let now = start.getTime();
    while (now < start.getTime() + 7 * 24 * HOUR - 6 * HOUR) {
      now += 6 * HOUR;
      expect(await checkSession(t.db, busy, ce.userId, new Date(now))).toBe(true);
    }
    expect(await checkSession(t.db, busy, ce.userId, new Date(start.getTime() + 7 * 24 * HOUR + 60_000))).toBe(false);
  });

  it("Auth.js's own POST /api/auth/signout ends the session: a copy of the cookie is refused afterwards", async () => {
    const { ce } = await makeTrustWithBoard(t.db);
    const sid = await signedIn(ce.userId);
    const secret = process.env.AUTH_SECRET!;
    const now = Math.floor(Date.now() / 1000);
    const jwt = await encode({ token: { sub: ce.userId, sv: 1, authTime: now, sid }, secret, salt: COOKIE, maxAge: 12 * 3600 });
    const authjs = (req: Request) => Auth(req, { ...serverAuthConfig(), basePath: "/api/auth" });
    const csrfRes = await authjs(new Request("http://localhost:3000/api/auth/csrf", { headers: { cookie: `${COOKIE}=${jwt}` } }));
    const { csrfToken } = await csrfRes.json();
    const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("authjs.csrf-token="))!;
    const res = await authjs(
      new Request("http://localhost:3000/api/auth/signout", {
        method: "POST",
        headers: { cookie: `${COOKIE}=${jwt}; ${csrfCookie}`, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken }).toString(),
      }),
    );
    expect(res.status).toBe(302);
    const [row] = await t.db.select().from(sessions).where(eq(sessions.id, sid));
    expect(row.endedReason).toBe("signed_out");
    // The copied cookie still decodes, but the session it names is over.
    expect(await checkSession(t.db, sid, ce.userId)).toBe(false);
  });

  it("Your sessions: lists this one first, ends one, ends all others; someone else's is not found", async () => {
    const { ce, chair } = await makeTrustWithBoard(t.db);
    const mine = await signedIn(ce.userId);
    const other1 = await signedIn(ce.userId);
    const other2 = await signedIn(ce.userId);
    const theirs = await signedIn(chair.userId);
    const me = { ...ce, sessionId: mine };
    const list = await listMySessions(me);
    expect(list.map((s) => s.id)[0]).toBe(mine);
    expect(list.map((s) => s.id).sort()).toEqual([mine, other1, other2].sort());
    expect(list[0].current).toBe(true);

    await expect(endMySession(me, { sessionId: theirs })).rejects.toMatchObject({ code: "not_found" });
    expect(await checkSession(t.db, theirs, chair.userId)).toBe(true);
    await endMySession(me, { sessionId: other1 });
    expect(await checkSession(t.db, other1, ce.userId)).toBe(false);
    expect(await endMyOtherSessions(me)).toBe(1);
    expect(await checkSession(t.db, other2, ce.userId)).toBe(false);
    expect(await checkSession(t.db, mine, ce.userId)).toBe(true);
    expect(await checkSession(t.db, theirs, chair.userId)).toBe(true);
  });

  it("a password reset ends every session and revokes the person's API tokens", async () => {
    const admin = await makeAdmin(t.db);
    const { ce } = await makeTrustWithBoard(t.db);
    const sid = await signedIn(ce.userId);
    await createApiToken(ce, { name: "Reporting", scope: "read" });
    await resetPasswordByLink(admin, { userId: ce.userId }, { origin: "http://127.0.0.1" });
    expect(await checkSession(t.db, sid, ce.userId)).toBe(false);
    const tokens = await t.db.select().from(apiTokens).where(eq(apiTokens.userId, ce.userId));
    expect(tokens.length).toBe(1);
    expect(tokens.every((x) => x.revokedAt)).toBe(true);
  });

  it("disabling a user and an administrator's sign out everywhere end every session", async () => {
    const admin = await makeAdmin(t.db);
    const { ce, chair } = await makeTrustWithBoard(t.db);
    const a = await signedIn(ce.userId);
    const b = await signedIn(ce.userId);
    expect(await signOutEverywhere(admin, { userId: ce.userId })).toBe(2);
    expect(await checkSession(t.db, a, ce.userId)).toBe(false);
    expect(await checkSession(t.db, b, ce.userId)).toBe(false);
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "user.signed_out_everywhere"), eq(auditEvents.entityId, ce.userId)));
    expect(audit).toBeTruthy();

    const c = await signedIn(chair.userId);
    await setUserDisabled(admin, { userId: chair.userId, disabled: true });
    expect(await checkSession(t.db, c, chair.userId)).toBe(false);
  });
});
