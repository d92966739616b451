import { count, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiTokens, auditEvents, decisions, decisionVersions, organisations, users } from "@/db/schema";
import { GET as listDecisions, POST as createDecision } from "@/app/api/v1/decisions/route";
import { GET as getDecision, PATCH as patchDecision } from "@/app/api/v1/decisions/[id]/route";
import { POST as submitDecision } from "@/app/api/v1/decisions/[id]/submit/route";
import { POST as withdrawDecision } from "@/app/api/v1/decisions/[id]/withdraw/route";
import { POST as recordPosition } from "@/app/api/v1/decisions/[id]/positions/route";
import { POST as recordOutcome } from "@/app/api/v1/criteria/[id]/outcomes/route";
import { POST as createOrganisation } from "@/app/api/v1/admin/organisations/route";
import { POST as createUser } from "@/app/api/v1/admin/users/route";
import { POST as resetUserPassword } from "@/app/api/v1/admin/users/[id]/password-reset/route";
import { setPasswordWithLink } from "@/lib/auth/password-links";
import { POST as createMembership } from "@/app/api/v1/admin/memberships/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { ALL_ROUTES } from "@/lib/api/routes";
import { createApiToken, revokeApiToken } from "@/lib/tokens";
import type { Actor } from "@/lib/access";
import { makeAdmin, makeIcs, makeTrustWithBoard } from "../support/factories";
import { useTestDatabase } from "../support/db";

process.env.FULCRUM_API_RATE_LIMIT = "10000";

const t = useTestDatabase();
const BASE = "http://fulcrum.test";

function req(path: string, init: RequestInit & { token?: string; json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
  if (body !== undefined) headers.set("content-type", "application/json");
  return new Request(BASE + path, { ...init, body, headers });
}
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const token = async (actor: Actor, scope: "read" | "write" = "write") => (await createApiToken(actor, { name: `t-${scope}`, scope })).token;

const draftBody = (ods: string, title = "Host the system's elective hub") => ({
  trust: ods,
  title,
  summary: "Theatres at our site serve the whole ICS.",
  rationale: "Shorter waits for everyone in the system.",
  favoured: "system",
  category: "capacity",
  factors: ["population_outcomes", "economies_of_scale"],
  decidedOn: "2026-03-01",
  visibility: "trust",
  criteria: [{ statement: "Waiting list over 52 weeks falls", measure: "52-week waiters", target: "below 500", judgedBy: "2027-03-31" }],
});

async function decisionCount(trustId: string) {
  const [{ n }] = await t.db.select({ n: count() }).from(decisions).where(eq(decisions.trustId, trustId));
  return n;
}

/** The decision's row, how many frozen versions it has, and how many audit events name it. */
async function snapshot(trustId: string, decisionId: string) {
  const [row] = await t.db.select().from(decisions).where(eq(decisions.id, decisionId));
  const [{ n: versions }] = await t.db.select({ n: count() }).from(decisionVersions).where(eq(decisionVersions.decisionId, decisionId));
  const [{ n: audit }] = await t.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.entityId, decisionId));
  return { row, versions, audit, decisionsInTrust: await decisionCount(trustId) };
}

describe("API v1 decisions: the whole life of a decision", () => {
  it("creates, reads, lists, patches, submits, signs off and records an outcome through the API", async () => {
    const b = await makeTrustWithBoard(t.db);
    const ce = await token(b.ce);

    const created = await createDecision(req("/api/v1/decisions", { method: "POST", token: ce, json: draftBody(b.trust.ods) }));
    expect(created.status).toBe(201);
    const d = await created.json();
    expect(d).toMatchObject({ trust: b.trust.ods, status: "draft", version: 0, revision: 1, contentHash: null, favoured: "system", factors: ["economies_of_scale", "population_outcomes"] });
    expect(d.criteria).toHaveLength(1);

    const got = await getDecision(req(`/api/v1/decisions/${d.id}`, { token: ce }), ctx(d.id));
    expect(got.status).toBe(200);
    expect(got.headers.get("etag")).toBe('"1"');

    const list = await listDecisions(req(`/api/v1/decisions?trust=${b.trust.ods}`, { token: ce }));
    expect(list.status).toBe(200);
    const listed = await list.json();
    expect(listed.data.map((x: { id: string }) => x.id)).toEqual([d.id]);
    expect(listed.nextCursor).toBeNull();

    // PATCH merges: only the summary changes; the criteria and everything else stay.
    const patched = await patchDecision(req(`/api/v1/decisions/${d.id}`, { method: "PATCH", token: ce, json: { baseVersion: 1, summary: "Updated after the finance committee." } }), ctx(d.id));
    expect(patched.status).toBe(200);
    const p = await patched.json();
    expect(p).toMatchObject({ summary: "Updated after the finance committee.", title: d.title, revision: 2, rationale: d.rationale });
    expect(p.criteria.map((c: { id: string }) => c.id)).toEqual(d.criteria.map((c: { id: string }) => c.id));

    // If-Match works as baseVersion.
    const viaHeader = await patchDecision(req(`/api/v1/decisions/${d.id}`, { method: "PATCH", token: ce, json: { title: "Host the elective hub" }, headers: { "if-match": '"2"' } }), ctx(d.id));
    expect(viaHeader.status).toBe(200);

    const submitted = await submitDecision(req(`/api/v1/decisions/${d.id}/submit`, { method: "POST", token: ce, json: {}, headers: { "if-match": '"3"' } }), ctx(d.id));
    expect(submitted.status).toBe(200);
    const s = await submitted.json();
    expect(s).toMatchObject({ status: "awaiting_sign_off", version: 1 });
    expect(s.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(s.versions).toEqual([{ number: 1, hash: s.contentHash, createdAt: expect.any(String) }]);

    for (const [member, position] of [[b.ned1, "object"], [b.chair, "support"], [b.ned2, "support"], [b.exec, "support"]] as const) {
      const res = await recordPosition(
        req(`/api/v1/decisions/${d.id}/positions`, { method: "POST", token: await token(member), json: { position, forum: "public_board", comment: position === "object" ? "Too costly for us." : "", conflict: null, version: 1 } }),
        ctx(d.id),
      );
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ member: member.name, position, version: 1, contentHash: s.contentHash, conflict: null });
    }
    const signed = await (await getDecision(req(`/api/v1/decisions/${d.id}`, { token: ce }), ctx(d.id))).json();
    expect(signed.status).toBe("signed_off");
    expect(signed.positions.map((x: { position: string }) => x.position)).toEqual(["object", "support", "support", "support"]);

    const criterionId = signed.criteria[0].id;
    const outcome = await recordOutcome(req(`/api/v1/criteria/${criterionId}/outcomes`, { method: "POST", token: ce, json: { outcome: "met", evidence: "Q3 report: 412 over 52 weeks.", confirmEarly: true } }), ctx(criterionId));
    expect(outcome.status).toBe(201);
    expect(await outcome.json()).toMatchObject({ criterionId, outcome: "met", assessedBy: b.ce.name });
    const reviewed = await (await getDecision(req(`/api/v1/decisions/${d.id}`, { token: ce }), ctx(d.id))).json();
    expect(reviewed.status).toBe("reviewed");
    expect(reviewed.criteria[0].outcome).toMatchObject({ outcome: "met" });
    expect(reviewed.outcomes).toHaveLength(1);
  });

  it("withdraws a draft with a reason and the revision it was based on", async () => {
    const b = await makeTrustWithBoard(t.db);
    const ce = await token(b.ce);
    const d = await (await createDecision(req("/api/v1/decisions", { method: "POST", token: ce, json: { trust: b.trust.ods, title: "Short-lived" } }))).json();
    const res = await withdrawDecision(req(`/api/v1/decisions/${d.id}/withdraw`, { method: "POST", token: ce, json: { reason: "Superseded by the ICS plan.", baseVersion: d.revision } }), ctx(d.id));
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe("withdrawn");
    const [row] = await t.db.select().from(decisions).where(eq(decisions.id, d.id));
    expect(row.withdrawReason).toBe("Superseded by the ICS plan.");
  });

  it("withdraws a decision awaiting sign-off, with the revision in If-Match", async () => {
    const b = await makeTrustWithBoard(t.db);
    const ce = await token(b.ce);
    const d = await (await createDecision(req("/api/v1/decisions", { method: "POST", token: ce, json: draftBody(b.trust.ods) }))).json();
    const s = await (await submitDecision(req(`/api/v1/decisions/${d.id}/submit`, { method: "POST", token: ce, json: { baseVersion: d.revision } }), ctx(d.id))).json();
    expect(s.status).toBe("awaiting_sign_off");
    const res = await withdrawDecision(req(`/api/v1/decisions/${d.id}/withdraw`, { method: "POST", token: ce, json: { reason: "Overtaken by the ICS plan" }, headers: { "if-match": `"${s.revision}"` } }), ctx(d.id));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "withdrawn", revision: s.revision + 1 });
  });

  it("pages the list with a stable cursor and filters like the register", async () => {
    const b = await makeTrustWithBoard(t.db);
    const ce = await token(b.ce);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const body = { ...draftBody(b.trust.ods, `Decision ${i}`), decidedOn: `2026-0${i + 1}-01`, favoured: i % 2 ? "trust" : "system" };
      ids.push((await (await createDecision(req("/api/v1/decisions", { method: "POST", token: ce, json: body }))).json()).id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Response = await listDecisions(req(`/api/v1/decisions?trust=${b.trust.ods}&limit=2${cursor ? `&cursor=${cursor}` : ""}`, { token: ce }));
      const page = await res.json();
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((x: { id: string }) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const trustSide = await (await listDecisions(req(`/api/v1/decisions?trust=${b.trust.ods}&favoured=trust`, { token: ce }))).json();
    expect(trustSide.data).toHaveLength(2);
    const bad = await listDecisions(req(`/api/v1/decisions?cursor=!!!`, { token: ce }));
    expect(bad.status).toBe(400);
    // The dashboards' drill-down filters work here too; drafts have no assessment and nothing due.
    const none = await (await listDecisions(req(`/api/v1/decisions?trust=${b.trust.ods}&outcome=assessed`, { token: ce }))).json();
    expect(none.data).toEqual([]);
    const due = await (await listDecisions(req(`/api/v1/decisions?trust=${b.trust.ods}&due=1`, { token: ce }))).json();
    expect(due.data).toEqual([]);
    const badOutcome = await listDecisions(req(`/api/v1/decisions?outcome=great`, { token: ce }));
    expect(badOutcome.status).toBe(400);
    expect(JSON.stringify(await badOutcome.json())).toContain("outcome");
  });
});

describe("API v1: access, tokens and bad input", () => {
  it("answers 404 to a token of trust B for trust A's decision, on every decision route", async () => {
    const a = await makeTrustWithBoard(t.db);
    const b = await makeTrustWithBoard(t.db);
    const d = await (await createDecision(req("/api/v1/decisions", { method: "POST", token: await token(a.ce), json: draftBody(a.trust.ods) }))).json();
    expect((await submitDecision(req(`/api/v1/decisions/${d.id}/submit`, { method: "POST", token: await token(a.ce), json: { baseVersion: 1 } }), ctx(d.id))).status).toBe(200);
    const other = await token(b.ce);
    const chairB = await token(b.chair);
    expect((await getDecision(req(`/api/v1/decisions/${d.id}`, { token: other }), ctx(d.id))).status).toBe(404);
    expect((await patchDecision(req(`/api/v1/decisions/${d.id}`, { method: "PATCH", token: other, json: { baseVersion: 1, title: "Mine now" } }), ctx(d.id))).status).toBe(404);
    expect((await submitDecision(req(`/api/v1/decisions/${d.id}/submit`, { method: "POST", token: other, json: { baseVersion: 2 } }), ctx(d.id))).status).toBe(404);
    expect((await withdrawDecision(req(`/api/v1/decisions/${d.id}/withdraw`, { method: "POST", token: other, json: { reason: "Mine now", baseVersion: 2 } }), ctx(d.id))).status).toBe(404);
    expect((await recordPosition(req(`/api/v1/decisions/${d.id}/positions`, { method: "POST", token: chairB, json: { position: "support", forum: "public_board", version: 1 } }), ctx(d.id))).status).toBe(404);
    expect((await recordOutcome(req(`/api/v1/criteria/${d.criteria[0].id}/outcomes`, { method: "POST", token: other, json: { outcome: "met", evidence: "x" } }), ctx(d.criteria[0].id))).status).toBe(404);
    const list = await (await listDecisions(req(`/api/v1/decisions`, { token: other }))).json();
    expect(list.data.map((x: { id: string }) => x.id)).not.toContain(d.id);
    expect((await listDecisions(req(`/api/v1/decisions?trust=${a.trust.ods}`, { token: other }))).status).toBe(404);
    // B could not create in A's trust either.
    expect((await createDecision(req("/api/v1/decisions", { method: "POST", token: other, json: draftBody(a.trust.ods) }))).status).toBe(404);
    expect(await decisionCount(a.trust.id)).toBe(1);
  });

  it("refuses every write with a read token (403), writing nothing", async () => {
    const b = await makeTrustWithBoard(t.db);
    const read = await token(b.ce, "read");
    const d = await (await createDecision(req("/api/v1/decisions", { method: "POST", token: await token(b.ce), json: draftBody(b.trust.ods) }))).json();
    const before = await decisionCount(b.trust.id);
    expect((await createDecision(req("/api/v1/decisions", { method: "POST", token: read, json: draftBody(b.trust.ods) }))).status).toBe(403);
    expect((await patchDecision(req(`/api/v1/decisions/${d.id}`, { method: "PATCH", token: read, json: { baseVersion: 1, title: "x" } }), ctx(d.id))).status).toBe(403);
    expect((await submitDecision(req(`/api/v1/decisions/${d.id}/submit`, { method: "POST", token: read, json: { baseVersion: 1 } }), ctx(d.id))).status).toBe(403);
    expect((await withdrawDecision(req(`/api/v1/decisions/${d.id}/withdraw`, { method: "POST", token: read, json: { reason: "x", baseVersion: 1 } }), ctx(d.id))).status).toBe(403);
    expect(await decisionCount(b.trust.id)).toBe(before);
    const [row] = await t.db.select().from(decisions).where(eq(decisions.id, d.id));
    expect(row).toMatchObject({ status: "draft", revision: 1 });
    // Reads still work.
    expect((await getDecision(req(`/api/v1/decisions/${d.id}`, { token: read }), ctx(d.id))).status).toBe(200);
  });

  it("answers 401 to a revoked or an expired token", async () => {
    const b = await makeTrustWithBoard(t.db);
    const { token: revoked, summary } = await createApiToken(b.ce, { name: "soon revoked", scope: "write" });
    await revokeApiToken(b.ce, { id: summary.id });
    expect((await listDecisions(req("/api/v1/decisions", { token: revoked }))).status).toBe(401);
    const { token: expired, summary: s2 } = await createApiToken(b.ce, { name: "soon expired", scope: "write" });
    await t.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, s2.id));
    const res = await createDecision(req("/api/v1/decisions", { method: "POST", token: expired, json: draftBody(b.trust.ods) }));
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthenticated");
    expect(await decisionCount(b.trust.id)).toBe(0);
  });

  it("answers 409 to a stale PATCH and writes nothing", async () => {
    const b = await makeTrustWithBoard(t.db);
    const ce = await token(b.ce);
    const d = await (await createDecision(req("/api/v1/decisions", { method: "POST", token: ce, json: draftBody(b.trust.ods) }))).json();
    expect((await patchDecision(req(`/api/v1/decisions/${d.id}`, { method: "PATCH", token: ce, json: { baseVersion: 1, title: "First edit" } }), ctx(d.id))).status).toBe(200);
    const stale = await patchDecision(req(`/api/v1/decisions/${d.id}`, { method: "PATCH", token: ce, json: { baseVersion: 1, title: "Lost update" } }), ctx(d.id));
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.code).toBe("conflict");
    const [row] = await t.db.select().from(decisions).where(eq(decisions.id, d.id));
    expect(row).toMatchObject({ title: "First edit", revision: 2 });
    const noBase = await patchDecision(req(`/api/v1/decisions/${d.id}`, { method: "PATCH", token: ce, json: { title: "No base" } }), ctx(d.id));
    expect(noBase.status).toBe(400);
    expect((await noBase.json()).error).toMatchObject({ code: "invalid", fields: { baseVersion: 'Send baseVersion (the revision you read) or an If-Match: "<revision>" header' } });
  });

  it("refuses a withdraw without a reason (400 naming reason), writing nothing", async () => {
    const b = await makeTrustWithBoard(t.db);
    const ce = await token(b.ce);
    const d = await (await createDecision(req("/api/v1/decisions", { method: "POST", token: ce, json: draftBody(b.trust.ods) }))).json();
    const before = await snapshot(b.trust.id, d.id);
    for (const json of [{ baseVersion: d.revision }, { reason: "   ", baseVersion: d.revision }, { reason: "" }]) {
      const res = await withdrawDecision(req(`/api/v1/decisions/${d.id}/withdraw`, { method: "POST", token: ce, json }), ctx(d.id));
      expect(res.status).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe("invalid");
      expect(error.fields.reason).toBe("Enter the reason for withdrawing the decision");
    }
    // Neither a reason nor a base revision: both named in one answer.
    const both = await withdrawDecision(req(`/api/v1/decisions/${d.id}/withdraw`, { method: "POST", token: ce, json: {} }), ctx(d.id));
    expect(both.status).toBe(400);
    expect(Object.keys((await both.json()).error.fields).sort()).toEqual(["baseVersion", "reason"]);
    expect(await snapshot(b.trust.id, d.id)).toEqual(before);
  });

  it("refuses a submit or a withdraw that does not say which revision it is based on (400 naming baseVersion), writing nothing", async () => {
    const b = await makeTrustWithBoard(t.db);
    const ce = await token(b.ce);
    const d = await (await createDecision(req("/api/v1/decisions", { method: "POST", token: ce, json: draftBody(b.trust.ods) }))).json();
    const before = await snapshot(b.trust.id, d.id);
    const answers = [
      await submitDecision(req(`/api/v1/decisions/${d.id}/submit`, { method: "POST", token: ce, json: {} }), ctx(d.id)),
      await submitDecision(req(`/api/v1/decisions/${d.id}/submit`, { method: "POST", token: ce }), ctx(d.id)),
      await submitDecision(req(`/api/v1/decisions/${d.id}/submit`, { method: "POST", token: ce, json: {}, headers: { "if-match": "*" } }), ctx(d.id)),
      await withdrawDecision(req(`/api/v1/decisions/${d.id}/withdraw`, { method: "POST", token: ce, json: { reason: "Superseded" } }), ctx(d.id)),
    ];
    for (const res of answers) {
      expect(res.status).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe("invalid");
      expect(error.fields).toEqual({ baseVersion: 'Send baseVersion (the revision you read) or an If-Match: "<revision>" header' });
    }
    const badType = await submitDecision(req(`/api/v1/decisions/${d.id}/submit`, { method: "POST", token: ce, json: { baseVersion: "1" } }), ctx(d.id));
    expect(badType.status).toBe(400);
    expect((await badType.json()).error).toMatchObject({ code: "invalid", fields: { baseVersion: expect.any(String) } });
    expect(await snapshot(b.trust.id, d.id)).toEqual(before);
  });

  it("answers 409 to a stale submit or withdraw: the decision is unchanged and only the refusal is audited", async () => {
    const b = await makeTrustWithBoard(t.db);
    const ce = await token(b.ce);
    const d = await (await createDecision(req("/api/v1/decisions", { method: "POST", token: ce, json: draftBody(b.trust.ods) }))).json();
    expect((await patchDecision(req(`/api/v1/decisions/${d.id}`, { method: "PATCH", token: ce, json: { baseVersion: 1, title: "Edited since" } }), ctx(d.id))).status).toBe(200);
    const before = await snapshot(b.trust.id, d.id);
    expect(before.row).toMatchObject({ status: "draft", revision: 2 });

    const submit = await submitDecision(req(`/api/v1/decisions/${d.id}/submit`, { method: "POST", token: ce, json: { baseVersion: 1 } }), ctx(d.id));
    expect(submit.status).toBe(409);
    expect((await submit.json()).error.code).toBe("conflict");
    const withdraw = await withdrawDecision(req(`/api/v1/decisions/${d.id}/withdraw`, { method: "POST", token: ce, json: { reason: "Superseded" }, headers: { "if-match": '"1"' } }), ctx(d.id));
    expect(withdraw.status).toBe(409);
    expect((await withdraw.json()).error.code).toBe("conflict");

    const after = await snapshot(b.trust.id, d.id);
    expect(after.row).toEqual(before.row);
    expect(after.versions).toBe(before.versions);
    // As on PATCH, a refused stale change is itself audited ("the refusal is audited too"); nothing else is.
    const events = await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, d.id));
    expect(events.length).toBe(before.audit + 2);
    expect(events.map((e) => e.action).filter((a) => a.endsWith("_refused")).sort()).toEqual(["decision.submit_refused", "decision.withdraw_refused"]);
    expect(events.map((e) => e.action)).not.toContain("decision.submit");
    expect(events.map((e) => e.action)).not.toContain("decision.withdraw");
  });

  it("answers 400 (with field messages) and 413 to bad bodies on real routes, writing nothing", async () => {
    const b = await makeTrustWithBoard(t.db);
    const ce = await token(b.ce);
    const post = (body: string) => createDecision(req("/api/v1/decisions", { method: "POST", token: ce, body }));
    const [{ n: auditBefore }] = await t.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.organisationId, b.trust.id));
    expect((await post("{ nope")).status).toBe(400);
    const types = await post(JSON.stringify({ trust: b.trust.ods, title: 42, factors: "workforce", decidedOn: "2026-02-30" }));
    expect(types.status).toBe(400);
    expect(Object.keys((await types.json()).error.fields).sort()).toEqual(["decidedOn", "factors", "title"]);
    const unknown = await post(JSON.stringify({ trust: b.trust.ods, title: "Fine", colour: "blue" }));
    expect((await unknown.json()).error.fields).toEqual({ colour: 'Unknown field "colour"' });
    const big = await post(JSON.stringify({ trust: b.trust.ods, title: "Big", summary: "y".repeat(1024 * 1024) }));
    expect(big.status).toBe(413);
    // The lib's own limits (never looser than the wire's) answer 400 too.
    const longTitle = await post(JSON.stringify({ trust: b.trust.ods, title: "x".repeat(199) + "\u0000" }));
    expect(longTitle.status).toBe(400);
    expect(await decisionCount(b.trust.id)).toBe(0);
    const [{ n: auditAfter }] = await t.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.organisationId, b.trust.id));
    expect(auditAfter).toBe(auditBefore);
  });
});

describe("API v1 administration", () => {
  it("creates an organisation, a user and a membership with an admin's write token; others get 404", async () => {
    const admin = await makeAdmin(t.db);
    const tok = await token(admin);
    const ics = await makeIcs(t.db);
    const ods = `RZ${Math.floor(Math.random() * 1e6)}`;
    const org = await createOrganisation(req("/api/v1/admin/organisations", { method: "POST", token: tok, json: { kind: "trust", name: "Northfield Community Trust", ods, icsOds: ics.ods, trustType: "community", foundationTrust: true, turnoverM: 184 } }));
    expect(org.status).toBe(201);
    expect(await org.json()).toMatchObject({ kind: "trust", ods, icsOds: ics.ods, trustType: "community", foundationTrust: true, turnoverM: 180 });
    const email = `ce.${ods.toLowerCase()}@northfield.test`;
    // A password is not taken: nobody sets another person's password (issue 11).
    const withPassword = await createUser(req("/api/v1/admin/users", { method: "POST", token: tok, json: { email, name: "Sam Patel", password: "a long passphrase here" } }));
    expect(withPassword.status).toBe(400);
    expect((await withPassword.json()).error.fields).toEqual({ password: 'Unknown field "password"' });
    expect(await t.db.select().from(users).where(eq(users.email, email))).toEqual([]);
    const user = await createUser(req("/api/v1/admin/users", { method: "POST", token: tok, json: { email, name: "Sam Patel" } }));
    expect(user.status).toBe(201);
    const u = await user.json();
    expect(u).toEqual({ id: expect.any(String), email, name: "Sam Patel", setPasswordLink: { url: expect.stringMatching(/\/set-password\/[A-Za-z0-9_-]{40,}$/), expiresAt: expect.any(String), emailed: false } });
    const [created] = await t.db.select().from(users).where(eq(users.email, email));
    expect(created.passwordHash).toBeNull();
    // The link sets the person's own password, once.
    const token1 = u.setPasswordLink.url.split("/").pop();
    await setPasswordWithLink(token1, { password: "violet kettle orbit 2048 rain", confirm: "violet kettle orbit 2048 rain" });
    await expect(setPasswordWithLink(token1, { password: "another long passphrase 8", confirm: "another long passphrase 8" })).rejects.toMatchObject({ code: "not_found" });
    // A reset: a new link, the password stops working; not for one's own account; 404 to others.
    const reset = await resetUserPassword(req(`/api/v1/admin/users/${u.id}/password-reset`, { method: "POST", token: tok }), { params: Promise.resolve({ id: u.id }) });
    expect(reset.status).toBe(201);
    expect(await reset.json()).toEqual({ url: expect.stringMatching(/\/set-password\//), expiresAt: expect.any(String), emailed: false });
    expect((await t.db.select().from(users).where(eq(users.id, u.id)))[0].passwordHash).toBeNull();
    const own = await resetUserPassword(req(`/api/v1/admin/users/${admin.userId}/password-reset`, { method: "POST", token: tok }), { params: Promise.resolve({ id: admin.userId }) });
    expect(own.status).toBe(403);
    const m = await createMembership(req("/api/v1/admin/memberships", { method: "POST", token: tok, json: { email, ods, role: "chief_executive" } }));
    expect(m.status).toBe(201);
    expect(await m.json()).toMatchObject({ email, ods, role: "chief_executive", seat: null });
    const dupe = await createUser(req("/api/v1/admin/users", { method: "POST", token: tok, json: { email, name: "Again" } }));
    expect(dupe.status).toBe(400);
    expect((await dupe.json()).error).toMatchObject({ code: "invalid", fields: { email: "A user with this email address already exists" } });

    const b = await makeTrustWithBoard(t.db);
    const notAdmin = await createOrganisation(req("/api/v1/admin/organisations", { method: "POST", token: await token(b.ce), json: { kind: "ics", name: "Sneaky ICS", ods: "QZZ9" } }));
    expect(notAdmin.status).toBe(404);
    const readAdmin = await createUser(req("/api/v1/admin/users", { method: "POST", token: await token(admin, "read"), json: { email: "x@y.test", name: "X" } }));
    const ceReset = await resetUserPassword(req(`/api/v1/admin/users/${u.id}/password-reset`, { method: "POST", token: await token(b.ce) }), { params: Promise.resolve({ id: u.id }) });
    expect(ceReset.status).toBe(404);
    expect(readAdmin.status).toBe(403);
    expect(await t.db.select().from(organisations).where(eq(organisations.ods, "QZZ9"))).toEqual([]);
    expect(await t.db.select().from(users).where(inArray(users.email, ["x@y.test"]))).toEqual([]);
  });
});

describe("the OpenAPI document", () => {
  it("has a route file answering for every documented route", async () => {
    const doc = await (await getOpenApi(new Request(`${BASE}/api/v1/openapi.json`))).json();
    for (const spec of ALL_ROUTES) expect(doc.paths[spec.path]?.[spec.method], `${spec.method} ${spec.path}`).toMatchObject({ responses: expect.any(Object) });
    const fs = await import("node:fs");
    for (const spec of ALL_ROUTES) {
      const file = `app${spec.path.replace(/\{(\w+)\}/g, "[$1]")}/route.ts`;
      expect(fs.existsSync(file), file).toBe(true);
      expect(fs.readFileSync(file, "utf8")).toContain(`export const ${spec.method.toUpperCase()} `);
    }
  });
});

describe("GET /api/v1/stats/balance", () => {
  it("counts a trust's decisions by side; the national view suppresses 1–2 and refuses trust grouping; other trusts are 404", async () => {
    const { GET: balance } = await import("@/app/api/v1/stats/balance/route");
    const { makeSubmittedDecision } = await import("../support/decision-fixture");
    const { makeNational, makeUser } = await import("../support/factories");
    const a = await makeTrustWithBoard(t.db);
    await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce, favoured: "system" });
    await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce, favoured: "system" });
    await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce, favoured: "trust" });
    const res = await balance(req(`/api/v1/stats/balance?groupBy=trust`, { token: await token(a.chair, "read") }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.total).toEqual({ system: 2, trust: 1 });
    expect(body.groups).toEqual([{ key: a.trust.ods, label: a.trust.name, system: 2, trust: 1 }]);
    expect(body).toMatchObject({ authors: 1, authorsWithoutTrustFavoured: 0 });

    const b = await makeTrustWithBoard(t.db);
    expect((await balance(req(`/api/v1/stats/balance?trust=${a.trust.ods}`, { token: await token(b.ce, "read") }))).status).toBe(404);

    const national = await makeNational(t.db);
    const analyst = await makeUser(t.db, [{ organisationId: national.id, role: "national_analyst" }]);
    const nat = await token(analyst, "read");
    const byIcs = await (await balance(req(`/api/v1/stats/balance?groupBy=category&ics=${(await t.db.select().from(organisations).where(eq(organisations.id, a.trust.icsId!)))[0].ods}`, { token: nat }))).json();
    // Only trust A is in that ICS: fewer than 3 trusts, so the whole response is suppressed.
    expect(byIcs).toEqual({ total: { system: null, trust: null }, groups: [], authors: null, authorsWithoutTrustFavoured: null, suppressed: true });
    // An ICS lead asking about a trust outside their ICS: not found, like every other route.
    const leadB = await token(b.icsLead, "read");
    expect((await balance(req(`/api/v1/stats/balance?trust=${a.trust.ods}`, { token: leadB }))).status).toBe(404);
    expect((await balance(req(`/api/v1/stats/balance?trust=ZZZ99`, { token: leadB }))).status).toBe(404);
    const own = await balance(req(`/api/v1/stats/balance?trust=${b.trust.ods}&groupBy=trust`, { token: leadB }));
    expect(own.status).toBe(200);
    expect((await own.json()).total).toEqual({ system: 0, trust: 0 });
    const refused = await balance(req(`/api/v1/stats/balance?groupBy=author`, { token: nat }));
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatchObject({ code: "invalid", fields: { groupBy: expect.any(String) } });
    // A national token naming a trust is refused, never silently answered about everything.
    const perTrust = await balance(req(`/api/v1/stats/balance?trust=${a.trust.ods}`, { token: nat }));
    expect(perTrust.status).toBe(400);
    expect((await perTrust.json()).error.fields.trust).toMatch(/no figures per trust/);
  });

  it("national figures over 3 or more trusts: counts of 1–2 are null, the rest shown, quarters labelled as the dashboards do", async () => {
    const { GET: balance } = await import("@/app/api/v1/stats/balance/route");
    const { makeSubmittedDecision } = await import("../support/decision-fixture");
    const { makeIcs, makeNational, makeUser } = await import("../support/factories");
    const ics = await makeIcs(t.db);
    const [x, y, z] = [await makeTrustWithBoard(t.db, { icsId: ics.id }), await makeTrustWithBoard(t.db, { icsId: ics.id }), await makeTrustWithBoard(t.db, { icsId: ics.id })];
    for (const [trust, favoured] of [[x, "system"], [x, "system"], [y, "system"], [y, "trust"], [z, "system"]] as const) {
      await makeSubmittedDecision(t.db, { trust: trust.trust, author: trust.ce, favoured });
    }
    const analyst = await makeUser(t.db, [{ organisationId: (await makeNational(t.db)).id, role: "national_analyst" }]);
    const nat = await token(analyst, "read");
    const body = await (await balance(req(`/api/v1/stats/balance?ics=${ics.ods}&groupBy=quarter`, { token: nat }))).json();
    // 4 system, 1 trust: the 1 is null. Every decision was decided on 1 October 2026: 2026/27 Q3.
    expect(body.total).toEqual({ system: 4, trust: null });
    expect(body.groups).toEqual([{ key: "2026-Q3", label: "2026/27 Q3", system: 4, trust: null }]);
    expect(body.suppressed).toBeUndefined();
    // The ICS lead of that ICS counts every trust's decisions (confidential ones too), with nothing suppressed.
    const lead = await makeUser(t.db, [{ organisationId: ics.id, role: "ics_lead" }]);
    const mine = await (await balance(req(`/api/v1/stats/balance?groupBy=trust`, { token: await token(lead, "read") }))).json();
    expect(mine.total).toEqual({ system: 4, trust: 1 });
    expect(mine.groups).toHaveLength(3);
  });
});
