import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiTokens, auditEvents, rateLimits, users } from "@/db/schema";
import { can } from "@/lib/access";
import { hitRateLimit } from "@/lib/rate-limit";
import { authenticateBearer, createApiToken, hashToken, listApiTokens, revokeApiToken, unsafeCreateTokenForEmail } from "@/lib/tokens";
import { makeTrustWithBoard } from "../support/factories";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();

describe("API tokens", () => {
  it("shows the token once and stores only its SHA-256", async () => {
    const { ce } = await makeTrustWithBoard(t.db);
    const { token, summary } = await createApiToken(ce, { name: "BI extract", scope: "read" });
    expect(token).toMatch(/^ful_[A-Za-z0-9_-]{43}$/);
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, summary.id));
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token.slice(4));
    expect(row.prefix).toBe(token.slice(0, 10));
    // 90 days by default
    const days = (row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(90);
    // audited on the platform chain, without the token
    const events = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "api_token"), eq(auditEvents.entityId, summary.id)));
    expect(events.map((e) => [e.action, e.chain, e.organisationId])).toEqual([["token.create", "platform", null]]);
    expect(JSON.stringify(events[0].after)).not.toContain(token.slice(10));
  });

  it("refuses a bad name, scope or expiry with field messages, writing nothing", async () => {
    const { ce } = await makeTrustWithBoard(t.db);
    await expect(createApiToken(ce, { name: "", scope: "read" })).rejects.toMatchObject({ code: "invalid", fieldErrors: { name: expect.any(String) } });
    await expect(createApiToken(ce, { name: "x", scope: "admin" as never })).rejects.toMatchObject({ fieldErrors: { scope: "Choose what the token may do" } });
    await expect(createApiToken(ce, { name: "x", scope: "read", days: 366 })).rejects.toMatchObject({ fieldErrors: { days: "The token can last at most 365 days" } });
    expect(await listApiTokens(ce)).toEqual([]);
  });

  it("authenticates as its owner with the token's scope; a read token may not write", async () => {
    const { ce, trust } = await makeTrustWithBoard(t.db);
    const read = await createApiToken(ce, { name: "r", scope: "read" });
    const write = await createApiToken(ce, { name: "w", scope: "write", days: 7 });
    const asRead = await authenticateBearer(t.db, `Bearer ${read.token}`);
    expect(asRead.userId).toBe(ce.userId);
    expect(asRead.tokenScope).toBe("read");
    expect(asRead.memberships.map((m) => m.organisationId)).toEqual([trust.id]);
    expect(can(asRead, "decision.read", { id: trust.id })).toBe(true);
    expect(can(asRead, "decision.create", { id: trust.id })).toBe(false);
    const asWrite = await authenticateBearer(t.db, `bearer ${write.token}`);
    expect(can(asWrite, "decision.create", { id: trust.id })).toBe(true);
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, read.summary.id));
    expect(row.lastUsedAt).not.toBeNull();
  });

  it("answers 401 for missing, malformed, unknown, revoked and expired tokens and disabled owners", async () => {
    const { ce, ned1 } = await makeTrustWithBoard(t.db);
    const bad = (h: string | null) => expect(authenticateBearer(t.db, h)).rejects.toMatchObject({ code: "unauthenticated" });
    await bad(null);
    await bad("Basic abc");
    await bad("Bearer ful_nope");
    const revoked = await createApiToken(ce, { name: "r", scope: "write" });
    await revokeApiToken(ce, { id: revoked.summary.id });
    await bad(`Bearer ${revoked.token}`);
    const expired = await createApiToken(ce, { name: "e", scope: "read" });
    await t.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, expired.summary.id));
    await bad(`Bearer ${expired.token}`);
    const disabled = await createApiToken(ned1, { name: "d", scope: "read" });
    await t.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, ned1.userId));
    await bad(`Bearer ${disabled.token}`);
    const states = (await listApiTokens(ce)).map((s) => [s.name, s.state]);
    expect(states).toEqual(expect.arrayContaining([["r", "revoked"], ["e", "expired"]]));
  });

  it("lists and revokes only the owner's tokens: another user's token is not found", async () => {
    const a = await makeTrustWithBoard(t.db);
    const b = await makeTrustWithBoard(t.db);
    const mine = await createApiToken(a.ce, { name: "mine", scope: "read" });
    expect((await listApiTokens(b.ce)).map((x) => x.id)).not.toContain(mine.summary.id);
    await expect(revokeApiToken(b.ce, { id: mine.summary.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeApiToken(a.chair, { id: mine.summary.id })).rejects.toMatchObject({ code: "not_found" });
    const r = await revokeApiToken(a.ce, { id: mine.summary.id });
    expect(r.state).toBe("revoked");
    const again = await revokeApiToken(a.ce, { id: mine.summary.id });
    expect(again.revokedAt?.getTime()).toBe(r.revokedAt?.getTime());
    const events = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, mine.summary.id), eq(auditEvents.action, "token.revoke")));
    expect(events).toHaveLength(1);
  });

  it("a token cannot mint another token", async () => {
    const { ce } = await makeTrustWithBoard(t.db);
    const w = await createApiToken(ce, { name: "w", scope: "write" });
    const asToken = await authenticateBearer(t.db, `Bearer ${w.token}`);
    await expect(createApiToken(asToken, { name: "child", scope: "write" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("the command-line helper makes a token for a user by e-mail", async () => {
    const { ce } = await makeTrustWithBoard(t.db);
    const { token, summary } = await unsafeCreateTokenForEmail(t.db, { email: ce.email.toUpperCase(), scope: "write", days: 30 });
    expect(summary.scope).toBe("write");
    expect((await authenticateBearer(t.db, `Bearer ${token}`)).userId).toBe(ce.userId);
    await expect(unsafeCreateTokenForEmail(t.db, { email: "nobody@example.test", scope: "read" })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("rate limits", () => {
  it("counts hits per key in a fixed window and refuses past the limit", async () => {
    const key = `test:${crypto.randomUUID()}`;
    const now = new Date("2026-05-01T10:00:30Z");
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimit(t.db, key, { limit: 3, now }));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3].retryAfter).toBe(30);
    expect(results[2].remaining).toBe(0);
    // the next window starts afresh and clears the old one
    const next = await hitRateLimit(t.db, key, { limit: 3, now: new Date("2026-05-01T10:01:01Z") });
    expect(next).toMatchObject({ allowed: true, count: 1 });
    const rows = await t.db.select().from(rateLimits).where(eq(rateLimits.key, key));
    expect(rows).toHaveLength(1);
  });

  it("counts concurrent hits exactly", async () => {
    const key = `test:${crypto.randomUUID()}`;
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 10 }, () => hitRateLimit(t.db, key, { limit: 100, now })));
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
