import { describe, expect, it } from "vitest";
import { parseDashboardFilters, quarterLabel, quarterOf, quarterRange, quartersBetween, registerHref } from "@/lib/dashboards/filters";

describe("financial-year quarters", () => {
  it("places dates in NHS financial-year quarters (April to March)", () => {
    expect(quarterOf("2025-04-01")).toBe("2025-Q1");
    expect(quarterOf("2025-06-30")).toBe("2025-Q1");
    expect(quarterOf("2025-07-01")).toBe("2025-Q2");
    expect(quarterOf("2025-12-31")).toBe("2025-Q3");
    expect(quarterOf("2026-01-01")).toBe("2025-Q4");
    expect(quarterOf("2026-03-31")).toBe("2025-Q4");
  });

  it("gives each quarter's first and last day, and a label", () => {
    expect(quarterRange("2025-Q1")).toEqual({ from: "2025-04-01", to: "2025-06-30" });
    expect(quarterRange("2025-Q3")).toEqual({ from: "2025-10-01", to: "2025-12-31" });
    expect(quarterRange("2025-Q4")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(quarterRange("2027-Q4")).toEqual({ from: "2028-01-01", to: "2028-03-31" });
    expect(quarterLabel("2025-Q4")).toBe("2025/26 Q4");
    expect(quarterLabel("2099-Q1")).toBe("2099/00 Q1");
    expect(quarterLabel(null)).toBe("No date recorded");
  });

  it("lists the quarters between two, inclusive", () => {
    expect(quartersBetween("2024-Q3", "2025-Q2")).toEqual(["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]);
    expect(quartersBetween("2025-Q2", "2025-Q2")).toEqual(["2025-Q2"]);
  });
});

describe("filters from the URL", () => {
  it("keeps valid values, ignores unknown ones, and drops what the view does not offer", () => {
    const params = { from: "2025-Q1", to: "nope", ics: "QNV", trust: "rna", trustType: "acute", category: "finance", favoured: "both", status: "withdrawn", extra: "x" };
    expect(parseDashboardFilters("ics", params)).toEqual({ from: "2025-Q1", trust: "RNA", trustType: "acute", category: "finance", status: "withdrawn" });
    expect(parseDashboardFilters("trust", params)).toEqual({ from: "2025-Q1", trustType: "acute", category: "finance", status: "withdrawn" });
    expect(parseDashboardFilters("national", params)).toEqual({ from: "2025-Q1", ics: "QNV", trustType: "acute", category: "finance", status: "withdrawn" });
    expect(parseDashboardFilters("ics", new URLSearchParams("favoured=trust&favoured=system"))).toEqual({ favoured: "trust" });
    expect(parseDashboardFilters("ics", { trust: "<script>" })).toEqual({});
  });
});

describe("register links", () => {
  it("carries the view, the filters and the number's own keys, with dates for quarters", () => {
    const f = { from: "2025-Q1", to: "2025-Q2", category: "finance" as const, trust: "RNB" };
    expect(registerHref({ kind: "ics", ods: "QNV" }, f)).toBe("/decisions?trust=RNB&ics=QNV&status=awaiting_sign_off%2Csigned_off%2Cdeclined%2Creviewed&category=finance&from=2025-04-01&to=2025-09-30");
    expect(registerHref({ kind: "ics", ods: "QNV" }, f, { favoured: "system", quarter: "2025-Q3", author: "u1", trust: "RNA" })).toBe(
      "/decisions?trust=RNA&ics=QNV&favoured=system&status=awaiting_sign_off%2Csigned_off%2Cdeclined%2Creviewed&category=finance&from=2025-10-01&to=2025-12-31&author=u1",
    );
    expect(registerHref({ kind: "trust", ods: "RNA" }, {}, { factor: "workforce", status: "awaiting_sign_off" })).toBe(
      "/decisions?trust=RNA&status=awaiting_sign_off&factor=workforce",
    );
    expect(registerHref({ kind: "ics", ods: "QNV" }, { status: "withdrawn" }, { outcome: "not_met", due: true, beneficiary: "RNB", gave: true })).toBe(
      "/decisions?ics=QNV&status=withdrawn&outcome=not_met&due=1&beneficiary=RNB&gave=1",
    );
  });
});
