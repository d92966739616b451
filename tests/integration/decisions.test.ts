import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, decisionVersions, decisions, successCriteria } from "@/db/schema";
import { hashVersionContent, type VersionContent } from "@/lib/decisions/content";
import {
  addComment,
  createDecision,
  diffVersions,
  getDecision,
  getDecisionVersion,
  listComments,
  listDecisionTimeline,
  listRegister,
  submitDecision,
  updateDecision,
  withdrawDecision,
} from "@/lib/decisions";
import { AppError } from "@/lib/errors";
import { getSignOffPanel, recordPosition } from "@/lib/sign-off";
import { makeTrust, makeTrustWithBoard, makeUser } from "../support/factories";
import { decisionInput } from "../support/decisions";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();

async function rejectsWith(p: Promise<unknown>, code: string): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    return e as AppError;
  }
  throw new Error(`expected ${code}, but it succeeded`);
}

async function auditCount(decisionId: string, action?: string) {
  const rows = await t.db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(sql`${auditEvents.entityId} = ${decisionId} ${action ? sql`and ${auditEvents.action} = ${action}` : sql``}`);
  return rows[0].n;
}

describe("recording a decision", () => {
  it("lets the Chief Executive create, edit and submit; the board reads but cannot edit", async () => {
    const a = await makeTrustWithBoard(t.db);
    const created = await createDecision(a.ce, decisionInput({ title: "First title" }));
    expect(created.status).toBe("draft");
    expect(created.revision).toBe(1);

    const edited = await updateDecision(a.ce, { ...decisionInput({ title: "Second title" }), id: created.id, baseRevision: created.revision });
    expect(edited.revision).toBe(2);
    expect((await getDecision(a.ce, created.id)).title).toBe("Second title");

    // Drafts are the author's alone.
    for (const other of [a.chair, a.ned1, a.exec, a.icsLead]) await rejectsWith(getDecision(other, created.id), "not_found");
    expect((await listRegister(a.chair, {})).total).toBe(0);

    const submitted = await submitDecision(a.ce, { id: created.id, baseRevision: edited.revision });
    expect(submitted).toMatchObject({ status: "awaiting_sign_off", version: 1 });
    expect(submitted.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const seenByChair = await getDecision(a.chair, created.id);
    expect(seenByChair.title).toBe("Second title");
    expect(seenByChair.permissions).toMatchObject({ canEdit: false, canAmend: false, canSubmit: false, canWithdraw: false, canComment: true });
    await rejectsWith(
      updateDecision(a.chair, { ...decisionInput({ title: "Chair's edit" }), id: created.id, baseRevision: submitted.revision }),
      "forbidden",
    );
    await rejectsWith(withdrawDecision(a.ned1, { id: created.id, baseRevision: submitted.revision, reason: "No" }), "forbidden");
    expect((await listRegister(a.chair, {})).rows.map((r) => r.id)).toEqual([created.id]);

    const actions = (await listDecisionTimeline(a.ce, created.id)).map((e) => e.action);
    expect(actions).toEqual(["decision.create", "decision.edit", "decision.submit"]);
  });

  it("answers not found to another trust's Chief Executive everywhere", async () => {
    const a = await makeTrustWithBoard(t.db);
    const b = await makeTrustWithBoard(t.db, { icsId: a.trust.icsId! });
    const d = await createDecision(a.ce, decisionInput({ title: "Confidential merger talks" }));
    const s = await submitDecision(a.ce, { id: d.id, baseRevision: d.revision });

    await rejectsWith(getDecision(b.ce, d.id), "not_found");
    await rejectsWith(getDecisionVersion(b.ce, d.id, 1), "not_found");
    await rejectsWith(listDecisionTimeline(b.ce, d.id), "not_found");
    await rejectsWith(listComments(b.ce, d.id), "not_found");
    await rejectsWith(updateDecision(b.ce, { ...decisionInput(), id: d.id, baseRevision: s.revision }), "not_found");
    await rejectsWith(submitDecision(b.ce, { id: d.id, baseRevision: s.revision }), "not_found");
    await rejectsWith(withdrawDecision(b.ce, { id: d.id, baseRevision: s.revision, reason: "x" }), "not_found");
    await rejectsWith(addComment(b.ce, { decisionId: d.id, body: "Hello" }), "not_found");
    await rejectsWith(createDecision(b.ce, decisionInput({ trust: a.trust.ods })), "not_found");
    expect((await listRegister(b.ce, { q: "merger" })).total).toBe(0);
    expect((await listRegister(b.ce, {})).total).toBe(0);
    await rejectsWith(listRegister(b.ce, { trust: a.trust.ods }), "not_found");
    expect((await listRegister(a.ce, { q: "merger" })).total).toBe(1);
  });

  it("shows an ICS lead system-visible decisions only, and counts the rest", async () => {
    const a = await makeTrustWithBoard(t.db);
    const shared = await createDecision(a.ce, decisionInput({ title: "Shared with the ICS", visibility: "system" }));
    const confidential = await createDecision(a.ce, decisionInput({ title: "Trust board only", visibility: "trust" }));
    const draft = await createDecision(a.ce, decisionInput({ title: "Still a draft", visibility: "system" }));
    await submitDecision(a.ce, { id: shared.id, baseRevision: shared.revision });
    await submitDecision(a.ce, { id: confidential.id, baseRevision: confidential.revision });

    const reg = await listRegister(a.icsLead, {});
    expect(reg.rows.map((r) => r.title)).toEqual(["Shared with the ICS"]);
    expect(reg.hiddenCount).toBe(1);
    expect((await getDecision(a.icsLead, shared.id)).title).toBe("Shared with the ICS");
    await rejectsWith(getDecision(a.icsLead, confidential.id), "not_found");
    await rejectsWith(getDecision(a.icsLead, draft.id), "not_found");
    expect((await listRegister(a.icsLead, { q: "board" })).total).toBe(0);
    // Another ICS's lead sees nothing of it.
    const otherIcs = await makeTrustWithBoard(t.db);
    await rejectsWith(getDecision(otherIcs.icsLead, shared.id), "not_found");
    expect((await listRegister(otherIcs.icsLead, {})).total).toBe(0);
  });
});

describe("no lost updates", () => {
  it("saves exactly one of two edits based on the same revision and audits both", async () => {
    const a = await makeTrustWithBoard(t.db);
    const d = await createDecision(a.ce, decisionInput());
    const results = await Promise.allSettled([
      updateDecision(a.ce, { ...decisionInput({ title: "Edit one" }), id: d.id, baseRevision: d.revision }),
      updateDecision(a.ce, { ...decisionInput({ title: "Edit two" }), id: d.id, baseRevision: d.revision }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const err = refused[0].reason as AppError;
    expect(err.code).toBe("conflict");
    expect(err.status).toBe(409);
    expect(err.message).toMatch(/saved this decision/);
    const details = err.details as { differences: { key: string; before: string; after: string }[] };
    expect(details.differences.map((x) => x.key)).toContain("title");
    const saved = await getDecision(a.ce, d.id);
    expect(["Edit one", "Edit two"]).toContain(saved.title);
    expect(saved.revision).toBe(2);
    expect(await auditCount(d.id, "decision.edit")).toBe(1);
    expect(await auditCount(d.id, "decision.edit_refused")).toBe(1);
  });

  it("refuses a stale submit and a stale withdraw", async () => {
    const a = await makeTrustWithBoard(t.db);
    const d = await createDecision(a.ce, decisionInput());
    await updateDecision(a.ce, { ...decisionInput({ title: "Moved on" }), id: d.id, baseRevision: d.revision });
    await rejectsWith(submitDecision(a.ce, { id: d.id, baseRevision: d.revision }), "conflict");
    await rejectsWith(withdrawDecision(a.ce, { id: d.id, baseRevision: d.revision, reason: "Stale" }), "conflict");
    expect((await getDecision(a.ce, d.id)).status).toBe("draft");
  });
});

describe("versions", () => {
  it("freezes on submit; amend makes version N+1 with a new hash; hashes recompute from stored content", async () => {
    const a = await makeTrustWithBoard(t.db);
    const d = await createDecision(a.ce, decisionInput());
    const v1 = await submitDecision(a.ce, { id: d.id, baseRevision: d.revision });
    const before = await getDecision(a.ce, d.id);
    expect(before.permissions.canEdit).toBe(false);
    expect(before.permissions.canAmend).toBe(true);

    // Frozen: the stored version does not change when the decision moves on.
    const amended = await updateDecision(a.ce, {
      ...decisionInput({
        rationale: "Revised after the finance committee.",
        criteria: [
          { id: before.criteria[0].id, statement: "Delayed discharges fall", measure: "Average daily delayed discharges", baseline: "42", target: "28", judgedBy: "2027-06-30" },
          { statement: "Staff vacancies stay below 8%", measure: "Vacancy rate", baseline: "9%", target: "8%", judgedBy: "2027-03-31" },
        ],
      }),
      id: d.id,
      baseRevision: v1.revision,
    });
    expect(amended).toMatchObject({ status: "awaiting_sign_off", version: 2 });
    expect(amended.contentHash).not.toBe(v1.contentHash);

    const version1 = await getDecisionVersion(a.ce, d.id, 1);
    const version2 = await getDecisionVersion(a.ce, d.id, 2);
    expect(version1.contentHash).toBe(v1.contentHash);
    expect(version1.content.rationale).toBe(decisionInput().rationale);
    expect(version1.content.criteria).toHaveLength(1);
    expect(version2.content.criteria).toHaveLength(2);
    for (const v of [version1, version2]) {
      expect(v.hashMatches).toBe(true);
      // Recompute independently from the raw stored JSON.
      const [row] = await t.db.select().from(decisionVersions).where(sql`${decisionVersions.decisionId} = ${d.id} and ${decisionVersions.version} = ${v.version}`);
      expect(hashVersionContent(row.content as VersionContent)).toBe(row.contentHash);
    }
    const diff = await diffVersions(a.ce, d.id, 2);
    expect(diff.changes!.map((c) => c.label)).toEqual(expect.arrayContaining(["Rationale", "Success criterion 1", "Success criterion 2"]));

    // The stored version rows cannot be changed through the app: an edit of a signed-off decision is refused.
    await t.db.update(decisions).set({ status: "signed_off" }).where(eq(decisions.id, d.id));
    const e = await rejectsWith(updateDecision(a.ce, { ...decisionInput({ title: "Late change" }), id: d.id, baseRevision: amended.revision }), "conflict");
    expect(e.message).toMatch(/signed off/);
  });

  it("keeps removed criteria rows once frozen, deletes them in a draft", async () => {
    const a = await makeTrustWithBoard(t.db);
    const d = await createDecision(a.ce, decisionInput({ criteria: [
      { statement: "One", measure: "m", baseline: "", target: "t", judgedBy: "2027-01-01" },
      { statement: "Two", measure: "m", baseline: "", target: "t", judgedBy: "2027-01-01" },
    ] }));
    const draft = await getDecision(a.ce, d.id);
    const e1 = await updateDecision(a.ce, { ...decisionInput({ criteria: [{ ...draft.criteria[1] }] }), id: d.id, baseRevision: d.revision });
    let rows = await t.db.select().from(successCriteria).where(eq(successCriteria.decisionId, d.id));
    expect(rows.map((r) => r.statement)).toEqual(["Two"]);
    const s = await submitDecision(a.ce, { id: d.id, baseRevision: e1.revision });
    await updateDecision(a.ce, { ...decisionInput({ criteria: [{ statement: "Three", measure: "m", baseline: "", target: "t", judgedBy: "2027-01-01" }] }), id: d.id, baseRevision: s.revision });
    rows = await t.db.select().from(successCriteria).where(eq(successCriteria.decisionId, d.id));
    expect(rows.map((r) => [r.statement, r.removedAt !== null]).sort()).toEqual([["Three", false], ["Two", true]]);
  });

  it("refuses to amend with nothing changed, and withdraws with a reason", async () => {
    const a = await makeTrustWithBoard(t.db);
    const d = await createDecision(a.ce, decisionInput());
    const s = await submitDecision(a.ce, { id: d.id, baseRevision: d.revision });
    const cur = await getDecision(a.ce, d.id);
    await rejectsWith(updateDecision(a.ce, { ...decisionInput({ criteria: cur.criteria }), id: d.id, baseRevision: s.revision }), "invalid");
    const w = await withdrawDecision(a.ce, { id: d.id, baseRevision: s.revision, reason: "Overtaken by the ICS plan" });
    expect(w.status).toBe("withdrawn");
    expect((await getDecision(a.chair, d.id)).withdrawReason).toBe("Overtaken by the ICS plan");
    await rejectsWith(withdrawDecision(a.ce, { id: d.id, baseRevision: w.revision, reason: "Again" }), "conflict");
    await rejectsWith(submitDecision(a.ce, { id: d.id, baseRevision: w.revision }), "conflict");
  });
});

describe("bad input", () => {
  async function expectInvalid(input: unknown, field: string, message: RegExp, who?: Awaited<ReturnType<typeof makeTrustWithBoard>>) {
    const a = who ?? (await makeTrustWithBoard(t.db));
    const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(decisions).where(eq(decisions.trustId, a.trust.id));
    const e = await rejectsWith(createDecision(a.ce, input), "invalid");
    expect(e.fieldErrors?.[field], JSON.stringify(e.fieldErrors)).toMatch(message);
    const after = await t.db.select({ n: sql<number>`count(*)::int` }).from(decisions).where(eq(decisions.trustId, a.trust.id));
    expect(after[0].n).toBe(before[0].n);
  }

  it("names each field over its limit, with NUL bytes, and with wrong values", async () => {
    const a = await makeTrustWithBoard(t.db);
    await expectInvalid(decisionInput({ title: "x".repeat(201) }), "title", /Title must be 200 characters or fewer/, a);
    await expectInvalid(decisionInput({ title: "" }), "title", /Enter a title/, a);
    await expectInvalid(decisionInput({ summary: "x".repeat(2001) }), "summary", /Summary must be 2,000/, a);
    await expectInvalid(decisionInput({ rationale: "a\u0000b" }), "rationale", /Rationale contains a character/, a);
    await expectInvalid(decisionInput({ options: "x".repeat(10_001) }), "options", /Options considered must be 10,000/, a);
    await expectInvalid(decisionInput({ category: "sport" as never }), "category", /Choose a category from the list/, a);
    await expectInvalid(decisionInput({ favoured: "both" as never }), "favoured", /favoured the system or the trust/, a);
    await expectInvalid(decisionInput({ factors: ["luck" as never] }), "factors.0", /Choose factors from the list/, a);
    await expectInvalid(decisionInput({ decidedOn: "20/11/2026" }), "decidedOn", /Date decided must be a real date/, a);
    await expectInvalid(decisionInput({ decidedOn: "2026-02-30" }), "decidedOn", /Date decided must be a real date/, a);
    await expectInvalid(decisionInput({ impactOnTrust: { amountK: "lots" as never, text: "" } }), "impactOnTrust.amountK", /Estimated impact on the trust must be a whole number/, a);
    await expectInvalid(decisionInput({ impactOnSystem: { amountK: 1e12, text: "" } }), "impactOnSystem.amountK", /must be between/, a);
    await expectInvalid(
      decisionInput({ criteria: [{ statement: "", measure: "m", baseline: "", target: "t", judgedBy: "2027-01-01" }] }),
      "criteria.0.statement",
      /Enter the statement of the success criterion/,
      a,
    );
    await expectInvalid(
      decisionInput({ criteria: [{ statement: "s", measure: "m", baseline: "", target: "t", judgedBy: "next year" }] }),
      "criteria.0.judgedBy",
      /Judged-by date must be a real date/,
      a,
    );
    await expectInvalid(decisionInput({ organisations: [{ ods: "ZZZ99", role: "benefits" }] }), "organisations.0.ods", /in your Integrated Care System/, a);
    await expectInvalid(decisionInput({ organisations: [{ ods: a.trust.ods, role: "gives" as never }] }), "organisations.0.role", /benefits or bears the cost/, a);
    await expectInvalid(decisionInput({ visibility: "public" as never }), "visibility", /who can see/, a);
  });

  it("saves a draft without favoured but refuses to submit it, naming favoured and criteria", async () => {
    const a = await makeTrustWithBoard(t.db);
    const d = await createDecision(a.ce, { title: "Only a title" });
    const e = await rejectsWith(submitDecision(a.ce, { id: d.id, baseRevision: d.revision }), "invalid");
    expect(e.fieldErrors).toMatchObject({
      favoured: expect.stringMatching(/favoured the system or the trust/),
      category: expect.any(String),
      criteria: expect.stringMatching(/at least one success criterion/),
    });
    expect((await getDecision(a.ce, d.id)).status).toBe("draft");
    expect(await auditCount(d.id)).toBe(1);
  });

  it("links organisations of the ICS only, with roles and amounts", async () => {
    const a = await makeTrustWithBoard(t.db);
    const neighbour = await makeTrust(t.db, { icsId: a.trust.icsId! });
    const d = await createDecision(a.ce, decisionInput({ organisations: [
      { ods: neighbour.ods, role: "benefits", amountK: 300 },
      { ods: a.trust.ods, role: "bears_cost", amountK: -250 },
    ] }));
    const got = await getDecision(a.ce, d.id);
    expect(got.organisations.map((o) => [o.ods, o.role, o.amountK]).sort()).toEqual([[a.trust.ods, "bears_cost", -250], [neighbour.ods, "benefits", 300]].sort());
  });
});

describe("comments", () => {
  it("lets readers comment, ask and answer; never others", async () => {
    const a = await makeTrustWithBoard(t.db);
    const d = await createDecision(a.ce, decisionInput({ visibility: "system" }));
    await submitDecision(a.ce, { id: d.id, baseRevision: d.revision });
    const q = await addComment(a.ned1, { decisionId: d.id, body: "What if demand rises?", isQuestion: true });
    const ans = await addComment(a.ce, { decisionId: d.id, body: "The risk share covers it.", answersId: q.id });
    await addComment(a.icsLead, { decisionId: d.id, body: "Welcome <b>news</b>" });
    const list = await listComments(a.chair, d.id);
    expect(list.map((c) => [c.body, c.isQuestion, c.answersId])).toEqual([
      ["What if demand rises?", true, null],
      ["The risk share covers it.", false, q.id],
      ["Welcome <b>news</b>", false, null],
    ]);
    const e = await rejectsWith(addComment(a.chair, { decisionId: d.id, body: "x", answersId: ans.id }), "invalid");
    expect(e.fieldErrors).toEqual({ answersId: "Choose a question on this decision to answer" });
    await rejectsWith(addComment(a.chair, { decisionId: d.id, body: "  " }), "invalid");
    const outsider = await makeUser(t.db, [{ organisationId: (await makeTrust(t.db)).id, role: "board_member", seat: "chair" }]);
    await rejectsWith(addComment(outsider, { decisionId: d.id, body: "Hi" }), "not_found");
    expect(await auditCount(d.id, "comment.question")).toBe(1);
    expect(await auditCount(d.id, "comment.answer")).toBe(1);
  });
});

describe("access that ends", () => {
  it("a Chief Executive who has left keeps no access through authorship, to drafts or submitted decisions", async () => {
    const a = await makeTrustWithBoard(t.db);
    const draft = await createDecision(a.ce, decisionInput({ title: "Draft before leaving" }));
    const sent = await createDecision(a.ce, decisionInput({ title: "Submitted before leaving" }));
    await submitDecision(a.ce, { id: sent.id, baseRevision: sent.revision });
    await addComment(a.chair, { decisionId: sent.id, body: "A private board concern" });
    await t.db.execute(sql`delete from memberships where user_id = ${a.ce.userId}`);
    const { loadActor } = await import("@/lib/actors");
    const former = (await loadActor(t.db, a.ce.userId))!;
    expect(former.memberships).toEqual([]);
    await rejectsWith(getDecision(former, draft.id), "not_found");
    await rejectsWith(getDecision(former, sent.id), "not_found");
    await rejectsWith(addComment(former, { decisionId: sent.id, body: "Still here" }), "not_found");
    // With no membership left, the register is not theirs to see at all.
    await rejectsWith(listRegister(former, {}), "not_found");
  });

  it("an ICS lead cannot read a version that was for the trust board only, after the decision is shared", async () => {
    const a = await makeTrustWithBoard(t.db);
    const c = await createDecision(a.ce, decisionInput({ visibility: "trust", title: "Private first, shared later" }));
    const s = await submitDecision(a.ce, { id: c.id, baseRevision: c.revision });
    const v1 = await getDecisionVersion(a.ce, c.id, 1);
    await updateDecision(a.ce, {
      id: c.id,
      baseRevision: s.revision,
      ...decisionInput({ visibility: "system", title: "Private first, shared later", summary: "Now shared with the ICS." }),
      criteria: v1.content.criteria.map((x) => ({ id: x.id, statement: x.statement, measure: x.measure, baseline: x.baseline, target: x.target, judgedBy: x.judgedBy })),
    } as never);
    expect((await getDecision(a.icsLead, c.id)).version).toBe(2);
    expect((await getDecisionVersion(a.icsLead, c.id, 2)).version).toBe(2);
    await rejectsWith(getDecisionVersion(a.icsLead, c.id, 1), "not_found");
    // Version 2 opens, without the differences from the board-only version 1.
    expect(await diffVersions(a.icsLead, c.id, 2)).toEqual({ from: 1, to: 2, changes: null });
    expect((await getDecision(a.icsLead, c.id)).versions.map((v) => [v.version, v.restricted])).toEqual([[2, false], [1, true]]);
    // The trust's own board still reads both.
    expect((await getDecisionVersion(a.chair, c.id, 1)).version).toBe(1);
    expect((await diffVersions(a.chair, c.id, 2)).changes).not.toBeNull();
  });

  it("an ICS lead never sees the positions, comments or events from while the decision was for the trust board only", async () => {
    const a = await makeTrustWithBoard(t.db);
    const c = await createDecision(a.ce, decisionInput({ visibility: "trust", title: "Board first" }));
    const s = await submitDecision(a.ce, { id: c.id, baseRevision: c.revision });
    await addComment(a.chair, { decisionId: c.id, body: "Private session only: the merger talks" });
    await recordPosition(a.ned1, { decisionId: c.id, position: "object", comment: "I object, in private session", forum: "private_session", version: 1 });
    const v1 = await getDecisionVersion(a.ce, c.id, 1);
    const amended = await updateDecision(a.ce, {
      id: c.id,
      baseRevision: (await getDecision(a.ce, c.id)).revision,
      ...decisionInput({ visibility: "system", title: "Board first", summary: "Now shared with the ICS." }),
      criteria: v1.content.criteria.map((x) => ({ id: x.id, statement: x.statement, measure: x.measure, baseline: x.baseline, target: x.target, judgedBy: x.judgedBy })),
    } as never);
    expect(amended.version).toBe(2);
    await addComment(a.icsLead, { decisionId: c.id, body: "Glad to see this shared" });
    await recordPosition(a.ned2, { decisionId: c.id, position: "support", forum: "public_board", version: 2 });
    // Clocks don't decide it: a transaction's timestamps are its start (an amendment that waited on a lock
    // while a board member commented can carry an earlier time than the comment). The order of the
    // trust's audit chain does. Skew the times as that race would, and nothing of version 1 shows.
    await t.db.execute(sql`update comments set created_at = now() + interval '1 hour' where decision_id = ${c.id} and body like 'Private session only%'`);
    await t.db.execute(sql`update decision_versions set created_at = created_at - interval '1 day' where decision_id = ${c.id} and version = 2`);

    const lead = { panel: await getSignOffPanel(a.icsLead, c.id), comments: await listComments(a.icsLead, c.id), timeline: await listDecisionTimeline(a.icsLead, c.id) };
    expect(lead.panel.positions.map((p) => [p.position, p.version])).toEqual([["support", 2]]);
    expect(lead.comments.map((x) => x.body)).toEqual(["Glad to see this shared"]);
    expect(lead.timeline.length).toBeGreaterThan(0);
    expect(lead.timeline.map((e) => e.after.position ?? null)).not.toContain("object");
    expect(lead.timeline.map((e) => e.after.version ?? null)).not.toContain(1);
    expect(JSON.stringify(lead)).not.toContain("private session");
    expect(JSON.stringify(lead)).not.toContain("merger talks");

    // The trust's board sees the whole history, the objection on version 1 included.
    const chair = { panel: await getSignOffPanel(a.chair, c.id), comments: await listComments(a.chair, c.id) };
    expect(chair.panel.positions.map((p) => [p.position, p.version])).toEqual([["support", 2], ["object", 1]]);
    expect(chair.comments).toHaveLength(2);
    expect((await listDecisionTimeline(a.chair, c.id)).length).toBeGreaterThan(lead.timeline.length);
    expect(s.version).toBe(1);
  });
});
