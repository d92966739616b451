import { describe, expect, it } from "vitest";
import { protectCells, type Relation } from "@/lib/dashboards/suppression";

// Issue 10 item 13: "Local context and demand" showed Chief Executives 3 / fewer than 3 / 5, which gives
// the hidden 2 away (the total is the union of the sides: 5 ≤ 3 + x with x ≤ 2 pins x = 2).
const union: Relation = { total: 2, parts: [0, 1], hideTotalFirst: true, kind: "union" };

describe("protectCells with a union relation (distinct Chief Executives by side and in all)", () => {
  it("hides the total when it pins the hidden side: 3, fewer than 3, 5", () => {
    expect(protectCells([3, 2, 5], [union])).toEqual(["shown", "small", "secondary"]);
  });

  it("keeps the total when the hidden side could be 1 or 2: 3, fewer than 3, 4", () => {
    // 4 ≤ 3 + x holds for x = 1 and x = 2.
    expect(protectCells([3, 1, 4], [union])).toEqual(["shown", "small", "shown"]);
    expect(protectCells([3, 2, 4], [union])).toEqual(["shown", "small", "shown"]);
  });

  it("hides the total when both sides are hidden and pinned: 4 in all means 2 and 2", () => {
    expect(protectCells([2, 2, 4], [union])).toEqual(["small", "small", "secondary"]);
    // 3 in all: 1 + 2, 2 + 1 or 2 + 2 (one Chief Executive on both sides): nothing pinned.
    expect(protectCells([2, 2, 3], [union])).toEqual(["small", "small", "shown"]);
  });

  it("treats a union as no sum: 3 + 3 = 5 is possible and shows everything", () => {
    expect(protectCells([3, 3, 5], [union])).toEqual(["shown", "shown", "shown"]);
  });
});
