import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { successCriteria } from "@/db/schema";
import { runAsOf } from "@/lib/clock";
import { getSignOffSummaryPanel } from "@/lib/dashboards";
import { listRegister } from "@/lib/decisions";
import { countDecisionsWithDueReviews, getOutcomesPanel, listDueReviews, recordOutcome } from "@/lib/outcomes";
import { recordPosition } from "@/lib/sign-off";
import { makeSubmittedDecision } from "../support/decision-fixture";
import { makeTrustWithBoard } from "../support/factories";
import { useTestDatabase } from "../support/db";

// "A review is due" is one SQL rule (lib/review-due.ts) with the clock of lib/clock.ts. Its four
// readers — the inbox's list and count, the decision page's outcomes panel, the register's due filter
// and the dashboards' sign-off panel — must agree at any fixed date, here set with runAsOf.

const t = useTestDatabase();

// 1 July 2026 00:00 in London (BST) is 30 June 23:00 UTC; a second before, it is still 30 June there.
const BEFORE = new Date("2026-06-30T22:59:59Z");
const AFTER = new Date("2026-06-30T23:00:00Z");

async function signedOffWithCriteria() {
  const board = await makeTrustWithBoard(t.db);
  const decision = await makeSubmittedDecision(t.db, {
    trust: board.trust,
    author: board.ce,
    criteria: [
      { statement: "Crisis beds open", judgedBy: "2026-06-30" },
      { statement: "Agency spend down", judgedBy: "2026-12-31" },
    ],
  });
  for (const m of [board.chair, board.ned1, board.ned2]) {
    await recordPosition(m, { decisionId: decision.id, position: "support", forum: "public_board", version: 1 });
  }
  const crit = await t.db.select().from(successCriteria).where(eq(successCriteria.decisionId, decision.id)).orderBy(successCriteria.ordinal);
  return { ...board, decision, crit };
}

type Board = Awaited<ReturnType<typeof signedOffWithCriteria>>;

/** What each reader of the rule says, by the clock of lib/clock.ts (no `now` passed anywhere). */
async function readers({ ce, trust, decision }: Board) {
  const [list, count, panel, register, dashboard] = await Promise.all([
    listDueReviews(ce),
    countDecisionsWithDueReviews(ce),
    getOutcomesPanel(ce, decision.id),
    listRegister(ce, { due: "1" }),
    getSignOffSummaryPanel(ce, { kind: "trust", ods: trust.ods }, {}),
  ]);
  return {
    list: list.map((r) => r.criterionId),
    count,
    panel: panel.criteria.filter((c) => c.due).map((c) => c.id),
    register: register.rows.map((r) => r.id),
    dashboard: dashboard.reviewsDue,
  };
}

describe("review due: one rule at a fixed date", () => {
  it("is due for every reader from the day after the judged-by date in England, and for none before", async () => {
    const board = await signedOffWithCriteria();
    const [first] = board.crit;

    expect(await runAsOf(BEFORE, () => readers(board))).toEqual({
      list: [],
      count: 0,
      panel: [],
      register: [],
      dashboard: { criteria: 0, decisions: 0 },
    });
    expect(await runAsOf(AFTER, () => readers(board))).toEqual({
      list: [first.id],
      count: 1,
      panel: [first.id],
      register: [board.decision.id],
      dashboard: { criteria: 1, decisions: 1 },
    });
    // A `now` passed in wins over the clock.
    expect((await listDueReviews(board.ce, { now: BEFORE })).map((r) => r.criterionId)).toEqual([]);
    expect((await getOutcomesPanel(board.ce, board.decision.id, { now: AFTER })).criteria.map((c) => c.due)).toEqual([true, false]);
  });

  it("is no longer due once assessed, and counts each criterion by its own date", async () => {
    const board = await signedOffWithCriteria();
    const [first, second] = board.crit;
    await recordOutcome(board.ce, { criterionId: first.id, outcome: "met", evidence: "Beds open" }, { now: new Date("2026-07-02T09:00:00Z") });
    const newYear = new Date("2027-01-01T00:00:00Z");
    expect(await runAsOf(newYear, () => readers(board))).toEqual({
      list: [second.id],
      count: 1,
      panel: [second.id],
      register: [board.decision.id],
      dashboard: { criteria: 1, decisions: 1 },
    });
  });

  it("a shorter list is the first part of the longer one (the list reads only the decisions that can fill it)", async () => {
    const board = await makeTrustWithBoard(t.db);
    // Decisions whose criteria interleave: a decision's first due date early, its second late.
    const dates = [["2027-03-01", "2027-09-01"], ["2027-04-01", "2027-05-01"], ["2027-03-01", "2028-01-01"], ["2027-06-01", "2027-06-01"], ["2027-02-01", "2027-12-01"]];
    for (const [i, [a, b]] of dates.entries()) {
      const decision = await makeSubmittedDecision(t.db, {
        trust: board.trust,
        author: board.ce,
        title: `Decision ${"EDCBA"[i]}`,
        criteria: [
          { statement: `First ${i}`, judgedBy: a },
          { statement: `Second ${i}`, judgedBy: b },
        ],
      });
      for (const m of [board.chair, board.ned1, board.ned2]) {
        await recordPosition(m, { decisionId: decision.id, position: "support", forum: "public_board", version: 1 });
      }
    }
    const now = new Date("2028-07-01T12:00:00Z");
    const full = (await listDueReviews(board.ce, { now })).map((r) => `${r.judgedBy} ${r.decisionTitle}`);
    expect(full).toHaveLength(10);
    expect(full).toEqual([...full].sort());
    for (let k = 1; k <= 10; k++) {
      expect((await listDueReviews(board.ce, { now, limit: k })).map((r) => `${r.judgedBy} ${r.decisionTitle}`), `limit ${k}`).toEqual(full.slice(0, k));
    }
  });

  it("never shows another trust's due reviews", async () => {
    const board = await signedOffWithCriteria();
    const other = await makeTrustWithBoard(t.db, { icsId: board.trust.icsId! });
    await runAsOf(AFTER, async () => {
      expect(await listDueReviews(other.ce)).toEqual([]);
      expect(await countDecisionsWithDueReviews(other.ce)).toBe(0);
      expect((await listRegister(other.ce, { due: "1" })).rows).toEqual([]);
      await expect(getOutcomesPanel(other.ce, board.decision.id)).rejects.toMatchObject({ code: "not_found" });
      await expect(getSignOffSummaryPanel(other.ce, { kind: "trust", ods: board.trust.ods }, {})).rejects.toMatchObject({ code: "not_found" });
    });
  });
});
