import { describe, expect, it } from "vitest";
import { DEFAULT_MEETING_QUORUM, evaluateMeetingQuorum } from "@/lib/meetings/quorum";
import { englandTimeToDate } from "@/lib/meetings/schemas";

describe("a meeting's quorum", () => {
  it("defaults to a third of the board, rounded up, with a non-executive and an executive", () => {
    const q = evaluateMeetingQuorum({ policy: DEFAULT_MEETING_QUORUM, boardSize: 7, present: ["non_executive", "non_executive"] });
    expect(q).toMatchObject({ met: false, required: 3, present: 2, executivesPresent: 0 });
    expect(q.shortfalls).toHaveLength(2);
    expect(evaluateMeetingQuorum({ policy: DEFAULT_MEETING_QUORUM, boardSize: 7, present: ["non_executive", "non_executive", "executive"] }).met).toBe(true);
  });
  it("follows a trust's own numbers", () => {
    const policy = { minPresent: 4, minNonExecutive: 2, minExecutive: 0 };
    expect(evaluateMeetingQuorum({ policy, boardSize: 5, present: ["non_executive", "non_executive", "non_executive"] }).met).toBe(false);
    expect(evaluateMeetingQuorum({ policy, boardSize: 5, present: ["non_executive", "non_executive", "non_executive", "non_executive"] }).met).toBe(true);
  });
});

describe("England's time", () => {
  it("is GMT in winter and BST in summer", () => {
    expect(englandTimeToDate("2026-12-03", "10:00").toISOString()).toBe("2026-12-03T10:00:00.000Z");
    expect(englandTimeToDate("2027-06-03", "10:00").toISOString()).toBe("2027-06-03T09:00:00.000Z");
    expect(englandTimeToDate("2027-03-28", "09:00").toISOString()).toBe("2027-03-28T08:00:00.000Z");
  });
});
