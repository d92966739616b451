import { describe, expect, it } from "vitest";
import { describeChanges, wordDiff } from "@/lib/decisions/word-diff";
import type { ComparableContent } from "@/lib/decisions/diff";
import { decisionInput } from "../support/decisions";

describe("word diff inside a field (issue 10 item 10)", () => {
  it("marks only the changed word in a long text", () => {
    const lines = ["Waiting list over 52 weeks falls", "measured monthly", "from the RTT return", "Target 2,500 by March", "reported to the board"];
    const before = lines.join("\n");
    const after = before.replace("2,500", "2,800");
    const parts = wordDiff(before, after);
    expect(parts.filter((p) => p.kind === "removed").map((p) => p.text)).toEqual(["2,500"]);
    expect(parts.filter((p) => p.kind === "added").map((p) => p.text)).toEqual(["2,800"]);
    expect(parts.filter((p) => p.kind !== "added").map((p) => p.text).join("")).toBe(before);
    expect(parts.filter((p) => p.kind !== "removed").map((p) => p.text).join("")).toBe(after);
  });

  it("says what an amendment changed: target of criterion 2, summary", () => {
    const base = decisionInput() as unknown as ComparableContent;
    const criteria = [
      { id: "c1", ordinal: 0, statement: "A", measure: "m", baseline: "1", target: "2,500", judgedBy: "2027-03-31" },
      { id: "c2", ordinal: 1, statement: "B", measure: "m", baseline: "1", target: "2,500", judgedBy: "2027-03-31" },
    ];
    const before = { ...base, organisations: [], criteria } as ComparableContent;
    const after = { ...before, summary: `${before.summary} Amended.`, criteria: [criteria[0], { ...criteria[1], target: "2,800" }] } as ComparableContent;
    expect(describeChanges(before, after)).toBe("summary, target of criterion 2");
  });
});
