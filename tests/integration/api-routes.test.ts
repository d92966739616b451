import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { apiTokens } from "@/db/schema";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { GET as getMe } from "@/app/api/v1/me/route";
import { GET as listTokens } from "@/app/api/v1/tokens/route";
import { DELETE as revokeToken } from "@/app/api/v1/tokens/[id]/route";
import { apiHandler, MAX_BODY_BYTES } from "@/lib/api/handler";
import { routes } from "@/lib/api/routes";
import { createApiToken } from "@/lib/tokens";
import { makeTrustWithBoard } from "../support/factories";
import { useTestDatabase } from "../support/db";

// A small limit for this file, read lazily by lib/env on the first request.
process.env.FULCRUM_API_RATE_LIMIT = "8";

const t = useTestDatabase();
const BASE = "http://fulcrum.test";

function req(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  return new Request(BASE + path, { ...init, headers });
}
const params = (p: Record<string, string>) => ({ params: Promise.resolve(p) });

async function tokenFor(scope: "read" | "write" = "read") {
  const board = await makeTrustWithBoard(t.db);
  const { token, summary } = await createApiToken(board.ce, { name: `t-${scope}`, scope });
  return { ...board, token, tokenId: summary.id };
}

/** A body-taking route whose handler records whether it ran (it must not, on bad input). */
function probeRoute() {
  const calls: unknown[] = [];
  const handler = apiHandler(routes.createDecision, async ({ body }) => {
    calls.push(body);
    return new Response(null, { status: 204 });
  });
  return { handler, calls };
}

describe("GET /api/v1/me", () => {
  it("says who the token acts as, with memberships", async () => {
    const { token, ce, trust } = await tokenFor("read");
    const res = await getMe(req("/api/v1/me", { token }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("x-ratelimit-limit")).toBe("8");
    const body = await res.json();
    expect(body).toMatchObject({ id: ce.userId, email: ce.email, tokenScope: "read" });
    expect(body.memberships).toEqual([
      { id: expect.any(String), organisation: { id: trust.id, ods: trust.ods, name: trust.name, kind: "trust" }, role: "chief_executive", seat: null },
    ]);
  });

  it("answers 401 with the error envelope for no token, a cookie, an unknown or a revoked token", async () => {
    const { token, tokenId, ce } = await tokenFor("read");
    const noToken = await getMe(req("/api/v1/me"));
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get("www-authenticate")).toContain("Bearer");
    expect(await noToken.json()).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
    // A session cookie is ignored: only Bearer counts.
    const cookie = await getMe(req("/api/v1/me", { headers: { cookie: "authjs.session-token=anything" } }));
    expect(cookie.status).toBe(401);
    expect((await getMe(req("/api/v1/me", { token: "ful_" + "x".repeat(43) }))).status).toBe(401);
    const { revokeApiToken } = await import("@/lib/tokens");
    await revokeApiToken(ce, { id: tokenId });
    expect((await getMe(req("/api/v1/me", { token }))).status).toBe(401);
  });

  it("answers 429 with Retry-After past the per-token limit; another token is unaffected", async () => {
    const { token } = await tokenFor("read");
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 9; i++) {
      last = await getMe(req("/api/v1/me", { token }));
      statuses.push(last.status);
    }
    // A window boundary may fall mid-loop; at least the 9th of 8 allowed in one window is refused.
    if (statuses.at(-1) === 429) {
      expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await last!.json()).error.code).toBe("rate_limited");
    } else {
      expect(statuses.filter((s) => s === 200).length).toBe(9);
    }
    const other = await tokenFor("read");
    expect((await getMe(req("/api/v1/me", { token: other.token }))).status).toBe(200);
  });
});

describe("the route wrapper", () => {
  it("refuses a body over 1 MB with 413, by Content-Length and by the bytes actually sent", async () => {
    const { token } = await tokenFor("write");
    const { handler, calls } = probeRoute();
    const big = JSON.stringify({ trust: "RNA", title: "x", summary: "y".repeat(MAX_BODY_BYTES) });
    const declared = await handler(req("/api/v1/decisions", { method: "POST", token, body: big, headers: { "content-type": "application/json" } }));
    expect(declared.status).toBe(413);
    expect((await declared.json()).error.code).toBe("too_large");
    // A lying Content-Length: the stream is counted as it is read.
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 5; i++) c.enqueue(new TextEncoder().encode("a".repeat(300_000)));
        c.close();
      },
    });
    const lying = await handler(
      new Request(`${BASE}/api/v1/decisions`, {
        method: "POST",
        body: stream,
        headers: { authorization: `Bearer ${token}`, "content-length": "10" },
        duplex: "half",
      } as RequestInit),
    );
    expect(lying.status).toBe(413);
    expect(calls).toEqual([]);
  });

  it("answers 400 for bad JSON, wrong types and unknown fields, naming the fields, and never runs the handler", async () => {
    const { token } = await tokenFor("write");
    const { handler, calls } = probeRoute();
    const post = (body: string) => handler(req("/api/v1/decisions", { method: "POST", token, body, headers: { "content-type": "application/json" } }));
    const badJson = await post("{ not json");
    expect(badJson.status).toBe(400);
    expect((await badJson.json()).error).toMatchObject({ code: "invalid", message: "The body is not valid JSON" });
    const wrongTypes = await post(JSON.stringify({ trust: "RNA", title: 42, favoured: "both", factors: "workforce" }));
    expect(wrongTypes.status).toBe(400);
    const wt = (await wrongTypes.json()).error;
    expect(Object.keys(wt.fields).sort()).toEqual(["factors", "favoured", "title"]);
    const unknown = await post(JSON.stringify({ trust: "RNA", title: "Fine", colour: "blue", criteria: [{ statement: "s", weight: 3 }] }));
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.fields).toEqual({ colour: 'Unknown field "colour"', "criteria.0.weight": 'Unknown field "weight"' });
    const array = await post("[1,2]");
    expect(array.status).toBe(400);
    expect(calls).toEqual([]);
    const ok = await post(JSON.stringify({ trust: "RNA", title: "Fine" }));
    expect(ok.status).toBe(204);
    expect(calls).toEqual([{ trust: "RNA", title: "Fine" }]);
  });

  it("refuses writes with a read token (403) and admin routes to a non-admin (404)", async () => {
    const { token } = await tokenFor("read");
    const { handler, calls } = probeRoute();
    const res = await handler(req("/api/v1/decisions", { method: "POST", token, body: JSON.stringify({ trust: "RNA", title: "x" }) }));
    expect(res.status).toBe(403);
    expect((await res.json()).error).toEqual({ code: "forbidden", message: "This token is read-only" });
    expect(calls).toEqual([]);
    const write = await tokenFor("write");
    const admin = apiHandler(routes.createUser, async () => {
      calls.push("ran");
      return {};
    });
    const refused = await admin(req("/api/v1/admin/users", { method: "POST", token: write.token, body: JSON.stringify({ email: "a@b.test", name: "A" }) }));
    expect(refused.status).toBe(404);
    expect(calls).toEqual([]);
  });

  it("answers 500 with no stack trace for an unexpected error", async () => {
    const { token } = await tokenFor("read");
    const boom = apiHandler(routes.me, async () => {
      throw new Error("secret internals at /srv/db.ts:12");
    });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...a: unknown[]) => errors.push(a);
    try {
      const res = await boom(req("/api/v1/me", { token }));
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text).error.code).toBe("internal");
      expect(text).not.toContain("secret internals");
      expect(text).not.toContain("at ");
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
  });

  it("treats a malformed id as not found, and validates the query strictly", async () => {
    const { token, tokenId } = await tokenFor("write");
    expect((await revokeToken(req("/api/v1/tokens/nope", { method: "DELETE", token }), params({ id: "nope" }))).status).toBe(404);
    const list = apiHandler(routes.listDecisions, async ({ query }) => ({ data: [], nextCursor: null, query }) as never);
    const bad = await list(req("/api/v1/decisions?limit=500&favoured=both&sort=title", { token }));
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(["favoured", "limit", "sort"]);
    expect(tokenId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("token routes", () => {
  it("lists the owner's tokens and revokes one; revoking someone else's is 404", async () => {
    const a = await tokenFor("write");
    const b = await tokenFor("write");
    const listed = await listTokens(req("/api/v1/tokens", { token: a.token }));
    const body = await listed.json();
    expect(body.data.map((x: { id: string }) => x.id)).toEqual([a.tokenId]);
    expect(JSON.stringify(body)).not.toContain(a.token);
    const cross = await revokeToken(req(`/api/v1/tokens/${a.tokenId}`, { method: "DELETE", token: b.token }), params({ id: a.tokenId }));
    expect(cross.status).toBe(404);
    const own = await revokeToken(req(`/api/v1/tokens/${a.tokenId}`, { method: "DELETE", token: a.token }), params({ id: a.tokenId }));
    expect(own.status).toBe(200);
    expect((await own.json()).state).toBe("revoked");
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, a.tokenId));
    expect(row.revokedAt).not.toBeNull();
    expect((await getMe(req("/api/v1/me", { token: a.token }))).status).toBe(401);
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("needs no token and validates as OpenAPI 3.1", async () => {
    const res = await getOpenApi(req("/api/v1/openapi.json"));
    expect(res.status).toBe(200);
    const doc = await res.json();
    const result = await new Validator().validate(doc);
    expect(result.valid).toBe(true);
    expect(Object.keys(doc.paths)).toContain("/api/v1/stats/balance");
  });
});
