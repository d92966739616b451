import { describe, expect, it } from "vitest";
import { protectCells, type CellState, type Relation } from "@/lib/dashboards/suppression";

// A row: cells [system, trust, total], total = system + trust.
const row = (base = 0): Relation => ({ total: base + 2, parts: [base, base + 1], hideTotalFirst: true });

describe("protectCells", () => {
  it("hides counts of 1 and 2 and nothing else when no relation is exposed", () => {
    // 1 + 2 = 3: two small parts summing to 3 could be 1+2 or 2+1, so the total stays.
    expect(protectCells([1, 2, 3], [row()])).toEqual(["small", "small", "shown"]);
    expect(protectCells([5, 4, 9], [row()])).toEqual(["shown", "shown", "shown"]);
    expect(protectCells([0, 0, 0], [row()])).toEqual(["shown", "shown", "shown"]);
  });

  it("hides a row's total when exactly one part is hidden (7 = 5 + 2)", () => {
    expect(protectCells([5, 2, 7], [row()])).toEqual(["shown", "small", "secondary"]);
  });

  it("hides the total when hidden parts are pinned by it (1 + 1 = 2 is itself small; 2 + 2 = 4)", () => {
    expect(protectCells([2, 2, 4], [row()])).toEqual(["small", "small", "secondary"]);
    expect(protectCells([1, 1, 2], [row()])).toEqual(["small", "small", "small"]);
    // 1 + 1 + 5 = 7: residual 2 over two small cells → both 1.
    expect(protectCells([1, 1, 5, 7], [{ total: 3, parts: [0, 1, 2], hideTotalFirst: true }])).toEqual(["small", "small", "shown", "secondary"]);
  });

  it("hides the smallest shown part when the relation keeps its total, and cascades to that part's row", () => {
    // Grid: ICS X [3, 1, 4], ICS Y [6, 4, 10], grand [9, 5, 14]. Columns: X + Y = grand.
    const values = [3, 1, 4, 6, 4, 10, 9, 5, 14];
    const relations: Relation[] = [
      row(0), row(3), row(6),
      { total: 6, parts: [0, 3], hideTotalFirst: false },
      { total: 7, parts: [1, 4], hideTotalFirst: false },
      { total: 8, parts: [2, 5], hideTotalFirst: false },
    ];
    // X.trust 1 small → X.total hidden (row). Column "trust": 5 = 1 + 4 → hide Y.trust (4).
    // Y row then exposed → Y.total hidden. Column "total": both hidden, grand shown: not pinned (residual 14, not small).
    expect(protectCells(values, relations)).toEqual(["shown", "small", "secondary", "shown", "secondary", "secondary", "shown", "shown", "shown"]);
  });

  it("treats cells withheld for another reason as unknown", () => {
    // X [5, 4, 9], Y [3, 3, 6] withheld, grand [8, 7, 15]; column "total": 15 = 9 + 6.
    // Y.total unknown alone in the column → hide X.total (9); row X then has one hidden cell → hide X.trust (4).
    const values = [5, 4, 9, 3, 3, 6, 8, 7, 15];
    const relations: Relation[] = [row(0), row(3), row(6), { total: 8, parts: [2, 5], hideTotalFirst: false }];
    const initial: CellState[] = ["shown", "shown", "shown", "secondary", "secondary", "secondary"];
    expect(protectCells(values, relations, initial)).toEqual([
      "shown", "secondary", "secondary", "secondary", "secondary", "secondary", "shown", "shown", "shown",
    ]);
  });
});
