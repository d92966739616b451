import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, criterionOutcomes, decisions, successCriteria } from "@/db/schema";
import { countInbox, getInbox } from "@/lib/inbox";
import { getOutcomesPanel, listDueReviews, londonDate, recordOutcome } from "@/lib/outcomes";
import { recordPosition } from "@/lib/sign-off";
import { ratificationWords } from "@/lib/chairs-action-words";
import { STATUS_LABELS } from "@/lib/lifecycle";
import { makeSubmittedDecision } from "../support/decision-fixture";
import { makeTrustWithBoard } from "../support/factories";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();
const support = { position: "support" as const, forum: "public_board" as const, version: 1 };

async function signedOff(criteria: { statement: string; judgedBy: string; target?: string }[] = [
  { statement: "Waiting list over 52 weeks falls by 300", judgedBy: "2026-03-31" },
  { statement: "No rise in our own cancelled operations", judgedBy: "2026-06-30" },
]) {
  const board = await makeTrustWithBoard(t.db);
  const decision = await makeSubmittedDecision(t.db, { trust: board.trust, author: board.ce, criteria });
  for (const m of [board.chair, board.ned1, board.ned2]) await recordPosition(m, { decisionId: decision.id, ...support });
  const crit = await t.db.select().from(successCriteria).where(eq(successCriteria.decisionId, decision.id)).orderBy(successCriteria.ordinal);
  return { ...board, decision, crit };
}
const status = async (id: string) => (await t.db.select().from(decisions).where(eq(decisions.id, id)))[0];

describe("outcome review", () => {
  it("refuses outcomes before sign-off", async () => {
    const board = await makeTrustWithBoard(t.db);
    const decision = await makeSubmittedDecision(t.db, { trust: board.trust, author: board.ce });
    const [c] = await t.db.select().from(successCriteria).where(eq(successCriteria.decisionId, decision.id));
    await expect(recordOutcome(board.ce, { criterionId: c.id, outcome: "met", evidence: "RTT data" })).rejects.toMatchObject({ code: "conflict" });
    expect(await t.db.select().from(criterionOutcomes).where(eq(criterionOutcomes.decisionId, decision.id))).toHaveLength(0);
  });

  it("becomes reviewed when every criterion has an assessment, in the same transaction; newer assessments keep history", async () => {
    const { ce, chair, decision, crit, trust } = await signedOff();
    const now = new Date("2026-11-26T10:00:00Z");
    const first = await recordOutcome(ce, { criterionId: crit[0].id, outcome: "partly_met", evidence: "Down by 210, not 300" }, { now });
    expect(first).toMatchObject({ status: "signed_off", reviewed: false });
    const second = await recordOutcome(chair, { criterionId: crit[1].id, outcome: "met", evidence: "Cancellations flat", assessedOn: "2026-11-20" }, { now });
    expect(second).toMatchObject({ status: "reviewed", reviewed: true });
    const d = await status(decision.id);
    expect(d.status).toBe("reviewed");
    expect(d.reviewedAt).not.toBeNull();
    const later = await recordOutcome(ce, { criterionId: crit[0].id, outcome: "met", evidence: "Down by 320 by November" }, { now });
    expect(later).toMatchObject({ status: "reviewed", reviewed: false });
    const panel = await getOutcomesPanel(ce, decision.id, { now });
    expect(panel.criteria[0].outcomes.map((o) => o.outcome)).toEqual(["met", "partly_met"]);
    expect(panel.criteria[0].outcomes[1].assessedOn).toBe("2026-11-26");
    const audits = await t.db.select().from(auditEvents).where(and(eq(auditEvents.organisationId, trust.id), eq(auditEvents.entityType, "criterion")));
    expect(audits).toHaveLength(3);
    const reviewed = await t.db.select().from(auditEvents).where(and(eq(auditEvents.organisationId, trust.id), eq(auditEvents.action, "decision.reviewed")));
    expect(reviewed).toHaveLength(1);
  });

  it("lets only the Chief Executive or the Chair of the trust record outcomes", async () => {
    const { ned1, exec, crit, trust } = await signedOff();
    await expect(recordOutcome(ned1, { criterionId: crit[0].id, outcome: "met", evidence: "x" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(recordOutcome(exec, { criterionId: crit[0].id, outcome: "met", evidence: "x" })).rejects.toMatchObject({ code: "forbidden" });
    const other = await makeTrustWithBoard(t.db, { icsId: trust.icsId! });
    await expect(recordOutcome(other.ce, { criterionId: crit[0].id, outcome: "met", evidence: "x" })).rejects.toMatchObject({ code: "not_found" });
    await expect(recordOutcome(other.ce, { criterionId: "00000000-0000-0000-0000-000000000000", outcome: "met", evidence: "x" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("validates the outcome, the evidence and the date", async () => {
    const { ce, crit } = await signedOff();
    const now = new Date("2026-11-26T10:00:00Z");
    await expect(recordOutcome(ce, { criterionId: crit[0].id, outcome: "great" as never, evidence: "x" }, { now })).rejects.toMatchObject({ fieldErrors: { outcome: expect.any(String) } });
    await expect(recordOutcome(ce, { criterionId: crit[0].id, outcome: "met", evidence: " " }, { now })).rejects.toMatchObject({ fieldErrors: { evidence: "Enter the evidence" } });
    await expect(recordOutcome(ce, { criterionId: crit[0].id, outcome: "met", evidence: "x", assessedOn: "2026-02-30" }, { now })).rejects.toMatchObject({ fieldErrors: { assessedOn: expect.stringContaining("real date") } });
    await expect(recordOutcome(ce, { criterionId: crit[0].id, outcome: "met", evidence: "x", assessedOn: "2026-11-27" }, { now })).rejects.toMatchObject({ fieldErrors: { assessedOn: "Date assessed must be today or in the past" } });
  });
});

describe("reviews due, at date boundaries (injectable clock)", () => {
  it("is due from the day after the judged-by date, in England's time", async () => {
    const { ce, ned1, crit } = await signedOff([{ statement: "Crisis beds open", judgedBy: "2026-06-30" }]);
    const ids = async (actor: typeof ce, now: Date) => (await listDueReviews(actor, { now })).map((r) => r.criterionId);
    // 30 June 23:59 in London (BST, UTC+1) is 22:59 UTC: the date has not passed.
    expect(await ids(ce, new Date("2026-06-30T22:59:59Z"))).not.toContain(crit[0].id);
    // 1 July 00:00 in London is 30 June 23:00 UTC: due, although UTC still says 30 June.
    expect(londonDate(new Date("2026-06-30T23:00:00Z"))).toBe("2026-07-01");
    expect(await ids(ce, new Date("2026-06-30T23:00:00Z"))).toContain(crit[0].id);
    expect(await ids(ned1, new Date("2026-06-30T23:00:00Z"))).toContain(crit[0].id);
    await recordOutcome(ce, { criterionId: crit[0].id, outcome: "met", evidence: "Beds open" }, { now: new Date("2026-07-02T09:00:00Z") });
    expect(await ids(ce, new Date("2026-07-02T09:00:00Z"))).not.toContain(crit[0].id);
  });

  it("uses GMT in winter, counts each criterion by its own date, excludes decisions not signed off, and another trust's", async () => {
    const { ce, crit, trust } = await signedOff([
      { statement: "Agency spend down", judgedBy: "2026-12-31" },
      { statement: "Staff survey better", judgedBy: "2027-06-30" },
    ]);
    const due = async (now: Date) => (await listDueReviews(ce, { now })).map((r) => r.criterionId);
    expect(await due(new Date("2026-12-31T23:59:59Z"))).toEqual([]);
    expect(await due(new Date("2027-01-01T00:00:00Z"))).toEqual([crit[0].id]);
    const awaiting = await makeSubmittedDecision(t.db, { trust, author: ce, criteria: [{ statement: "Old", judgedBy: "2020-01-01" }] });
    expect((await listDueReviews(ce, { now: new Date("2027-01-01T00:00:00Z") })).map((r) => r.decisionId)).not.toContain(awaiting.id);
    const other = await makeTrustWithBoard(t.db, { icsId: trust.icsId! });
    expect(await listDueReviews(other.ce, { now: new Date("2027-01-01T00:00:00Z") })).toEqual([]);
    expect(await listDueReviews(other.icsLead, { now: new Date("2027-01-01T00:00:00Z") })).toEqual([]);
  });
});

describe("reviews due of a decision signed off by Chair's action (issue 14)", () => {
  it("carry its status and ratification, for the register's words in the inbox; another trust's reader gets none", async () => {
    const { ce, crit, decision } = await signedOff([{ statement: "Theatre list restored", judgedBy: "2026-03-31" }]);
    const now = new Date("2026-05-01T09:00:00Z");
    const mine = async () => (await listDueReviews(ce, { now })).find((r) => r.criterionId === crit[0].id)!;
    expect(await mine()).toMatchObject({ status: "signed_off", ratification: null });
    await t.db.update(decisions).set({ ratification: "awaiting" }).where(eq(decisions.id, decision.id));
    expect(await mine()).toMatchObject({ decisionId: decision.id, status: "signed_off", ratification: "awaiting" });
    expect(ratificationWords(STATUS_LABELS.signed_off, (await mine()).ratification)).toBe("Signed off — awaiting ratification");
    const other = await makeTrustWithBoard(t.db);
    expect((await listDueReviews(other.ce, { now })).map((r) => r.decisionId)).not.toContain(decision.id);
  });
});

describe("outcome review form (issue 10 item 8)", () => {
  it("asks for confirmation before the judged-by date, and records the actual value and an evidence link", async () => {
    const { ce, crit, trust } = await signedOff([{ statement: "Waits fall", target: "2,500", judgedBy: "2027-03-31" }]);
    const now = new Date("2026-11-26T10:00:00Z");
    await expect(recordOutcome(ce, { criterionId: crit[0].id, outcome: "met", evidence: "Early data" }, { now })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { confirmEarly: expect.stringMatching(/before the date you set.*31 March 2027/) },
    });
    await expect(
      recordOutcome(ce, { criterionId: crit[0].id, outcome: "met", evidence: "x", evidenceUrl: "javascript:alert(1)", confirmEarly: true }, { now }),
    ).rejects.toMatchObject({ code: "invalid", fieldErrors: { evidenceUrl: expect.stringMatching(/https/) } });
    expect(await t.db.select().from(criterionOutcomes).where(eq(criterionOutcomes.criterionId, crit[0].id))).toHaveLength(0);
    await recordOutcome(ce, { criterionId: crit[0].id, outcome: "partly_met", evidence: "Q3 data", actualValue: "2,650", evidenceUrl: "https://example.nhs.uk/board/q3.pdf", confirmEarly: true }, { now });
    const panel = await getOutcomesPanel(ce, crit[0].decisionId, { now });
    expect(panel.criteria[0].outcomes[0]).toMatchObject({ actualValue: "2,650", evidenceUrl: "https://example.nhs.uk/board/q3.pdf" });
    const [ev] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.organisationId, trust.id), eq(auditEvents.action, "outcome.recorded")));
    expect(ev.after).toMatchObject({ actualValue: "2,650", early: true });
    // Another trust's Chief Executive cannot assess it.
    const other = await makeTrustWithBoard(t.db);
    await expect(recordOutcome(other.ce, { criterionId: crit[0].id, outcome: "met", evidence: "x", confirmEarly: true }, { now })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("inbox", () => {
  it("says what an amendment changed (issue 10 item 10)", async () => {
    const board = await makeTrustWithBoard(t.db);
    const d = await makeSubmittedDecision(t.db, { trust: board.trust, author: board.ce, title: "Amended one" });
    const { amendFixture } = await import("../support/decision-fixture");
    await amendFixture(t.db, d.id);
    const mine = (await getInbox(board.ned1)).asBoardMember!.awaitingMyPosition.find((x) => x.id === d.id)!;
    expect(mine).toMatchObject({ version: 2, changed: "summary" });
    const ce = (await getInbox(board.ce)).asChiefExecutive!.awaiting.find((x) => x.id === d.id)!;
    expect(ce.changed).toBe("summary");
  });

  it("has a badge that equals what the inbox lists: 2 waiting decisions and 2 reviews due read 4 (issue 10 item 3)", async () => {
    const { ce, trust, chair, ned1 } = await signedOff([
      { statement: "Due one", judgedBy: "2026-01-31" },
      { statement: "Due two", judgedBy: "2026-02-28" },
    ]);
    await makeSubmittedDecision(t.db, { trust, author: ce, title: "Waiting one" });
    await makeSubmittedDecision(t.db, { trust, author: ce, title: "Waiting two" });
    const now = new Date("2026-11-26T10:00:00Z");
    for (const actor of [ce, chair, ned1]) {
      const inbox = await getInbox(actor, { now });
      const listed = (inbox.asBoardMember?.awaitingMyPosition.length ?? 0) + (inbox.asChiefExecutive?.awaiting.length ?? 0) + inbox.reviewsDue.length;
      expect(await countInbox(actor, { now })).toBe(listed);
      expect(inbox.counts.awaitingMyPosition + inbox.counts.awaitingSignOff + inbox.counts.reviewsDue).toBe(listed);
    }
    expect(await countInbox(ce, { now })).toBe(4);
  });

  it("shows a board member only the decisions awaiting their position, never one they have answered", async () => {
    const board = await makeTrustWithBoard(t.db);
    const a = await makeSubmittedDecision(t.db, { trust: board.trust, author: board.ce, title: "A" });
    const b = await makeSubmittedDecision(t.db, { trust: board.trust, author: board.ce, title: "B" });
    const now = new Date("2026-11-26T10:00:00Z");
    let inbox = await getInbox(board.ned1, { now });
    expect(inbox.asBoardMember?.awaitingMyPosition.map((d) => d.title)).toEqual(["A", "B"]);
    expect(inbox.asChiefExecutive).toBeNull();
    expect(await countInbox(board.ned1, { now })).toBe(2);
    await recordPosition(board.ned1, { decisionId: a.id, position: "abstain", forum: "private_session", version: 1 });
    inbox = await getInbox(board.ned1, { now });
    expect(inbox.asBoardMember?.awaitingMyPosition.map((d) => d.id)).toEqual([b.id]);
    expect(await countInbox(board.ned1, { now })).toBe(1);
    // Another trust's board sees nothing of these.
    const other = await makeTrustWithBoard(t.db, { icsId: board.trust.icsId! });
    expect((await getInbox(other.ned1, { now })).asBoardMember?.awaitingMyPosition).toEqual([]);
    expect(await countInbox(other.ned1, { now })).toBe(0);
  });

  it("shows the Chief Executive who has and has not responded, declined decisions and reviews due", async () => {
    const { ce, chair, ned1, ned2, exec, trust, decision: signed } = await signedOff([{ statement: "Due one", judgedBy: "2026-01-31" }]);
    const awaiting = await makeSubmittedDecision(t.db, { trust, author: ce, title: "Awaiting one" });
    await recordPosition(ned2, { decisionId: awaiting.id, position: "object", comment: "Too costly", forum: "public_board", version: 1 });
    const now = new Date("2026-11-26T10:00:00Z");
    const inbox = await getInbox(ce, { now });
    const row = inbox.asChiefExecutive!.awaiting.find((d) => d.id === awaiting.id)!;
    expect(row.responded).toEqual([expect.objectContaining({ seat: "non_executive", position: "object" })]);
    expect(row.notResponded.map((m) => m.seat).sort()).toEqual(["chair", "executive", "non_executive"]);
    expect(inbox.reviewsDue.map((r) => r.decisionId)).toEqual([signed.id]);
    // The badge counts what each inbox lists: the CE's decision awaiting sign-off + the review due.
    expect(await countInbox(ce, { now })).toBe(2);
    expect(await countInbox(chair, { now })).toBe(2); // awaiting their position + a review due
    // Board members see the review due in their inbox too, so their badge counts it.
    expect(await countInbox(ned1, { now })).toBe(2);
    expect(await countInbox(exec, { now })).toBe(2);
    const { declineDecision } = await import("@/lib/sign-off");
    await declineDecision(chair, { decisionId: awaiting.id, reason: "Not affordable this year" });
    const after = await getInbox(ce, { now });
    expect(after.asChiefExecutive!.declined.map((d) => [d.id, d.declineReason])).toEqual([[awaiting.id, "Not affordable this year"]]);
    expect(after.asChiefExecutive!.awaiting).toEqual([]);
  });
});
