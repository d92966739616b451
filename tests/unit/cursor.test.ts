import { describe, expect, it } from "vitest";
import { clampLimit, decodeCursor, encodeCursor, pageOf } from "@/lib/paging/cursor";

const ids = Array.from({ length: 7 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);

describe("cursor pagination", () => {
  it("round-trips (sort key, id) through an opaque base64url string", () => {
    for (const k of ["2026-03-01", 42, "ünïcode, \"quoted\""]) {
      const c = encodeCursor({ k, id: ids[0] });
      expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(c)).toEqual({ k, id: ids[0] });
    }
  });
  it("refuses a tampered or foreign cursor as invalid input naming the cursor", () => {
    for (const bad of ["", "!!", Buffer.from("{}").toString("base64url"), Buffer.from('["a","not-a-uuid"]').toString("base64url"), Buffer.from("[null,\"x\"]").toString("base64url"), "a".repeat(600)]) {
      expect(() => decodeCursor(bad)).toThrow(expect.objectContaining({ code: "invalid", fieldErrors: { cursor: expect.any(String) } }));
    }
  });
  it("clamps limits to 1..200 with a default of 50", () => {
    expect([clampLimit(undefined), clampLimit(0), clampLimit(201), clampLimit(20.7), clampLimit(Number.NaN)]).toEqual([50, 1, 200, 20, 50]);
  });
  it("pages through rows without repeats or gaps, given limit + 1 rows per query", () => {
    const rows = ids.map((id, i) => ({ id, k: `2026-01-0${7 - i}` }));
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const after: { k: string | number; id: string } | null = cursor ? decodeCursor(cursor) : null;
      const start: number = after ? rows.findIndex((r) => r.k < String(after.k) || (r.k === after.k && r.id < after.id)) : 0;
      const page: { data: { id: string; k: string }[]; nextCursor: string | null } = pageOf(start < 0 ? [] : rows.slice(start, start + 3), 2, (r) => ({ k: r.k, id: r.id }));
      seen.push(...page.data.map((r) => r.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(ids);
  });
});
