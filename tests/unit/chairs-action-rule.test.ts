// Chair's action (issue 14) as a pure rule: evaluateChairsAction over evaluateQuorum's counted positions.
import { describe, expect, it } from "vitest";
import { evaluateChairsAction, evaluateQuorum, type ChairsActionPosition } from "@/lib/quorum";

let n = 0;
function pos(memberId: string, seat: ChairsActionPosition["seat"], forum: ChairsActionPosition["forum"] = "chairs_action", extra: Partial<ChairsActionPosition> = {}): ChairsActionPosition {
  n++;
  return { id: `p${n}`, memberId, seat, position: "support", forum, conflictDeclared: false, decisionVersion: 1, supersedesId: null, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)), ...extra };
}
function run(positions: ChairsActionPosition[], opts: { neds?: number; urgent?: boolean; outsideAppetite?: boolean } = {}) {
  const q = evaluateQuorum({ policy: { minSupport: 3, chairRequired: true }, authorId: "ce", currentVersion: 1, positions });
  return evaluateChairsAction({ counted: q.counted, nedsRequired: opts.neds ?? 1, urgent: opts.urgent ?? true, outsideAppetite: opts.outsideAppetite ?? false });
}

describe("Chair's action", () => {
  it("is met by the Chair and one NED, both by Chair's action, on an urgent decision", () => {
    expect(run([pos("chair", "chair"), pos("ned1", "non_executive")]).met).toBe(true);
  });
  it("is not met without the Chair, with an executive instead of a NED, or with a position taken at a meeting", () => {
    expect(run([pos("ned1", "non_executive"), pos("ned2", "non_executive")]).met).toBe(false);
    expect(run([pos("chair", "chair"), pos("exec", "executive")]).met).toBe(false);
    expect(run([pos("chair", "chair"), pos("ned1", "non_executive", "public_board")]).met).toBe(false);
  });
  it("needs two NEDs when the standing orders say so", () => {
    expect(run([pos("chair", "chair"), pos("ned1", "non_executive")], { neds: 2 }).met).toBe(false);
    expect(run([pos("chair", "chair"), pos("ned1", "non_executive"), pos("ned2", "non_executive")], { neds: 2 }).met).toBe(true);
  });
  it("does not count a conflicted NED, the author, or an objection", () => {
    expect(run([pos("chair", "chair"), pos("ned1", "non_executive", "chairs_action", { conflictDeclared: true })]).met).toBe(false);
    expect(run([pos("chair", "chair"), pos("ce", "non_executive")]).met).toBe(false);
    expect(run([pos("chair", "chair"), pos("ned1", "non_executive", "chairs_action", { position: "object" })]).met).toBe(false);
  });
  it("is never met for a decision not marked urgent, or outside the board's risk appetite", () => {
    const both = () => [pos("chair", "chair"), pos("ned1", "non_executive")];
    expect(run(both(), { urgent: false }).met).toBe(false);
    expect(run(both(), { outsideAppetite: true }).met).toBe(false);
  });
});
