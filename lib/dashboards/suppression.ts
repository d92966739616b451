// Small-cell suppression for the national view, as pure functions (unit-tested in
// tests/unit/suppression.test.ts). Each panel of lib/dashboards/ builds the grid of its counts and the
// additive relations between them (a row's parts and its total; a column of group rows and the grand
// total), and this decides which cells are hidden; the Cell type below is what panels send.
//
// Primary suppression: a count of 1 or 2 is hidden ("small").
// Secondary suppression: a relation "total = part + part + …" must never let a hidden cell be worked
// out from the cells shown. A relation is exposed when exactly one of its cells is hidden (plain
// subtraction), or when its total is shown and its hidden cells are all small ones whose sum pins
// them (k hidden cells of 1–2 summing to k or to 2k: all 1s or all 2s). An exposed relation hides one
// more of its cells — its total when the relation prefers that (a row's total), otherwise its smallest
// shown part — and the check repeats over every relation until none is exposed.
//
// Limits: this covers the relations it is given (within one panel of one response), each checked on
// its own; a reader solving several relations together (a row and a column at once) is not modelled
// exhaustively. Differences between two responses (two filter settings, e.g. with and without one
// category, or two panels counting the same decisions) are not tracked; the national view's other
// rules (no trust or Chief Executive groupings, nothing shown for fewer than 3 trusts) limit what
// such differences can single out.

import type { DashboardKind } from "./filters";

export type CellState = "shown" | "small" | "secondary";

export type Relation = {
  /** Index of the total cell. */
  total: number;
  /** Indices of the parts that add up to it. */
  parts: number[];
  /** When exposed, hide the total first (a row's total); otherwise hide the smallest shown part. */
  hideTotalFirst: boolean;
  /**
   * "sum" (the default): total = the sum of the parts. "union": the parts are overlapping sets and the
   * total their union (distinct Chief Executives by side and in all, one can count on both sides), so
   * max(parts) ≤ total ≤ sum(parts): 3 on the system side, "fewer than 3" on the trust side and 5 in
   * all pins the hidden count at 2.
   */
  kind?: "sum" | "union";
};

/** Counts of 1 or 2 are never shown. */
export const isSmall = (n: number) => n >= 1 && n <= 2;

/** Union relation: is any hidden small cell pinned to one value by max(parts) ≤ total ≤ sum(parts)? */
function unionExposed(values: number[], state: CellState[], r: Relation): boolean {
  const cells = [r.total, ...r.parts];
  const hidden = cells.filter((i) => state[i] !== "shown");
  if (hidden.length === 0) return false;
  // A cell withheld for another reason ("secondary") could be anything to the reader: no pin through it.
  if (hidden.some((i) => state[i] !== "small") || hidden.length > 6) return false;
  const seen = hidden.map(() => new Set<number>());
  for (let mask = 0; mask < 1 << hidden.length; mask++) {
    const v = [...values];
    hidden.forEach((i, k) => (v[i] = mask & (1 << k) ? 2 : 1));
    const parts = r.parts.map((i) => v[i]);
    const total = v[r.total];
    if (total < Math.max(...parts) || total > parts.reduce((a, b) => a + b, 0)) continue;
    hidden.forEach((i, k) => seen[k].add(v[i]));
  }
  return seen.some((vals) => vals.size === 1);
}

function exposed(values: number[], state: CellState[], r: Relation): boolean {
  if (r.kind === "union") return unionExposed(values, state, r);
  const cells = [r.total, ...r.parts];
  const hidden = cells.filter((i) => state[i] !== "shown");
  if (hidden.length === 0) return false;
  if (hidden.length === 1) return true;
  if (state[r.total] !== "shown") return false;
  if (hidden.some((i) => state[i] !== "small")) return false;
  const residual = values[r.total] - r.parts.filter((i) => state[i] === "shown").reduce((a, i) => a + values[i], 0);
  const k = hidden.length;
  return residual === k || residual === 2 * k;
}

function cellToHide(values: number[], state: CellState[], r: Relation): number | null {
  if (r.hideTotalFirst && state[r.total] === "shown") return r.total;
  const shown = r.parts.filter((i) => state[i] === "shown");
  const positive = shown.filter((i) => values[i] > 0);
  const pool = positive.length ? positive : shown;
  if (pool.length) return pool.reduce((best, i) => (values[i] < values[best] ? i : best));
  return state[r.total] === "shown" ? r.total : null;
}

/**
 * Which cells to hide. `values` are the true counts; `initial` marks cells already withheld for
 * another reason (treated as unknown to the reader). Returns one state per cell.
 */
export function protectCells(values: number[], relations: Relation[], initial: CellState[] = []): CellState[] {
  // A withheld cell stays "secondary" even when small: the reader learns nothing of its size.
  const state: CellState[] = values.map((v, i) => (initial[i] === "secondary" ? "secondary" : isSmall(v) ? "small" : "shown"));
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of relations) {
      if (!exposed(values, state, r)) continue;
      const i = cellToHide(values, state, r);
      if (i === null) continue;
      state[i] = "secondary";
      changed = true;
    }
  }
  return state;
}

// ---------------------------------------------------------------- cells as panels send them

/** `secondary`: hidden (whatever its size) so that a small count elsewhere cannot be worked out. */
export type Suppressed = { suppressed: true; secondary?: true };
/** A count. In the national view a count of 1 or 2 is never sent: it is { suppressed: true }. */
export type Cell = number | Suppressed;

export const isSuppressed = (c: Cell): c is Suppressed => typeof c === "object";

/** The national view shows nothing for a set (or an organisation-keyed row) covering fewer trusts. */
export const NATIONAL_MIN_TRUSTS = 3;

/** A cell hidden so that another cannot be worked out (or withheld outright). */
export const SECONDARY: Suppressed = { suppressed: true, secondary: true };

/** Applies protectCells to a list of raw counts: numbers where shown, Suppressed where not. */
export function protectedCells(values: number[], relations: Relation[], initial: CellState[] = []): Cell[] {
  const state = protectCells(values, relations, initial);
  return values.map((v, i) => (state[i] === "shown" ? v : state[i] === "small" ? { suppressed: true } : SECONDARY));
}

/** A view's cell: in the national view a count of 1 or 2 becomes { suppressed: true }. */
export function cellFor(kind: DashboardKind) {
  return (n: number | string | null | undefined): Cell => {
    const v = Number(n ?? 0);
    return kind === "national" && v >= 1 && v <= 2 ? { suppressed: true } : v;
  };
}

/** A share (0–1) of two counts, or null when either side is suppressed or the total is nought. */
export function shareOf(part: Cell, whole: Cell): number | null {
  if (isSuppressed(part) || isSuppressed(whole) || whole === 0) return null;
  return part / whole;
}

export type SideCounts = { system: Cell; trust: Cell; total: Cell };
