import { describe, expect, it } from "vitest";
import { evaluateQuorum, type QuorumPosition } from "@/lib/quorum";

const DEFAULT = { minSupport: 3, chairRequired: true };
let n = 0;
function pos(memberId: string, seat: QuorumPosition["seat"], position: QuorumPosition["position"] = "support", extra: Partial<QuorumPosition> = {}): QuorumPosition {
  n++;
  return {
    id: `p${n}`,
    memberId,
    seat,
    position,
    conflictDeclared: false,
    decisionVersion: 1,
    supersedesId: null,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
    ...extra,
  };
}
const run = (positions: QuorumPosition[], policy = DEFAULT, currentVersion = 1) =>
  evaluateQuorum({ policy, authorId: "ce", currentVersion, positions });

describe("quorum: default policy (3 supporting, Chair required)", () => {
  it("is met by the Chair and two NEDs", () => {
    const r = run([pos("chair", "chair"), pos("ned1", "non_executive"), pos("ned2", "non_executive")]);
    expect(r).toMatchObject({ met: true, supporting: 3, chairSupports: true, stillNeeded: 0 });
  });
  it("is not met by two", () => {
    const r = run([pos("chair", "chair"), pos("ned1", "non_executive")]);
    expect(r).toMatchObject({ met: false, supporting: 2, stillNeeded: 1 });
  });
  it("is not met without the Chair, however many support", () => {
    const r = run([pos("ned1", "non_executive"), pos("ned2", "non_executive"), pos("exec", "executive"), pos("exec2", "executive")]);
    expect(r).toMatchObject({ met: false, supporting: 4, chairSupports: false, stillNeeded: 0 });
  });
});

describe("quorum: Chair not required", () => {
  it("is met by three without the Chair", () => {
    const r = run([pos("ned1", "non_executive"), pos("ned2", "non_executive"), pos("exec", "executive")], { minSupport: 3, chairRequired: false });
    expect(r.met).toBe(true);
  });
  it("honours a smaller minimum", () => {
    expect(run([pos("ned1", "non_executive")], { minSupport: 1, chairRequired: false }).met).toBe(true);
    expect(run([], { minSupport: 0, chairRequired: false }).met).toBe(false);
  });
});

describe("quorum: positions that do not count", () => {
  it("ignores a conflicted member", () => {
    const r = run([pos("chair", "chair"), pos("ned1", "non_executive"), pos("ned2", "non_executive", "support", { conflictDeclared: true })]);
    expect(r.met).toBe(false);
    expect(r.notCounted.map((x) => [x.position.memberId, x.reason])).toEqual([["ned2", "conflict"]]);
  });
  it("ignores abstentions and objections", () => {
    const r = run([pos("chair", "chair"), pos("ned1", "non_executive", "abstain"), pos("ned2", "non_executive", "object"), pos("exec", "executive")]);
    expect(r.supporting).toBe(2);
    expect(r.notCounted.map((x) => x.reason).sort()).toEqual(["abstain", "object"]);
  });
  it("never counts the author, whatever their seat", () => {
    const r = evaluateQuorum({
      policy: DEFAULT,
      authorId: "chair",
      currentVersion: 1,
      positions: [pos("chair", "chair"), pos("ned1", "non_executive"), pos("ned2", "non_executive"), pos("exec", "executive")],
    });
    expect(r).toMatchObject({ met: false, supporting: 3, chairSupports: false });
    expect(r.notCounted).toEqual([expect.objectContaining({ reason: "author" })]);
  });
  it("counts only the latest of a member's positions (superseded ones stay in the list, not counted)", () => {
    const first = pos("ned1", "non_executive", "support");
    const second = pos("ned1", "non_executive", "object", { supersedesId: first.id });
    const r = run([pos("chair", "chair"), first, second, pos("ned2", "non_executive")]);
    expect(r.met).toBe(false);
    expect(r.effective.find((p) => p.memberId === "ned1")?.id).toBe(second.id);
    expect(r.notCounted.map((x) => [x.position.id, x.reason])).toEqual(
      expect.arrayContaining([[first.id, "superseded"], [second.id, "object"]]),
    );
  });
  it("lets a change of mind to support complete the quorum", () => {
    const first = pos("ned1", "non_executive", "object");
    const second = pos("ned1", "non_executive", "support", { supersedesId: first.id });
    expect(run([pos("chair", "chair"), first, second, pos("ned2", "non_executive")]).met).toBe(true);
  });
  it("does not count positions on an older version after an amendment", () => {
    const old = [pos("chair", "chair"), pos("ned1", "non_executive"), pos("ned2", "non_executive")];
    expect(run(old, DEFAULT, 1).met).toBe(true);
    const r = run([...old, pos("chair", "chair", "support", { decisionVersion: 2 })], DEFAULT, 2);
    expect(r).toMatchObject({ met: false, supporting: 1 });
    expect(r.notCounted.filter((x) => x.reason === "older_version")).toHaveLength(3);
  });
});

describe("quorum: members who have left the board", () => {
  it("does not count a member who has left, and the Chair is whoever holds the seat now", () => {
    const r = run([pos("chair", "chair"), pos("ned1", "non_executive", "support", { currentSeat: null }), pos("ned2", "non_executive")]);
    expect(r).toMatchObject({ met: false, supporting: 2, stillNeeded: 1 });
    expect(r.notCounted.map((x) => [x.position.memberId, x.reason])).toEqual([["ned1", "left_board"]]);
    // A former Chair, now a NED, no longer makes the Chair's support.
    const demoted = run([pos("old-chair", "chair", "support", { currentSeat: "non_executive" }), pos("ned1", "non_executive"), pos("ned2", "non_executive")]);
    expect(demoted).toMatchObject({ met: false, supporting: 3, chairSupports: false });
  });
});
