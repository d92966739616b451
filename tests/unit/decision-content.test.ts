import { describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex } from "@/lib/canonical";
import { canonicalVersionJson, hashVersionContent, type VersionContent } from "@/lib/decisions/content";
import { diffContent } from "@/lib/decisions/diff";
import { decisionInputFromValues, rowsOf, valuesFromContent, withRows } from "@/lib/decisions/form";
import { DecisionInputSchema, submitProblems } from "@/lib/decisions/schemas";
import { CATEGORY_IDS, FACTORS } from "@/lib/decisions/taxonomy";
import { category, factor } from "@/db/schema";

const content: VersionContent = {
  schema: "fulcrum.decision-version/1",
  decisionId: "3f0e6c3e-8f7e-4a57-9d1e-0c5b2b7d8a11",
  version: 1,
  trust: { ods: "RNA", name: "Northvale Teaching Hospitals NHS Foundation Trust" },
  title: "Host the stroke beds",
  summary: "Line one\nLine two",
  context: { financialPosition: "deficit", financialAmountM: -12, regulatorRating: "Segment 3", notes: "" },
  options: "A; B",
  rationale: "Because — ünïcode ✓",
  favoured: "system",
  category: "service",
  factors: ["relationships_reciprocity", "population_outcomes"],
  impactOnTrust: { amountK: -250, text: "" },
  impactOnSystem: { amountK: 1200, text: "" },
  organisations: [
    { ods: "RNB", name: "Northvale Mental Health NHS Trust", role: "benefits", amountK: 300 },
    { ods: "RNA", name: "Northvale Teaching Hospitals NHS Foundation Trust", role: "bears_cost", amountK: -250 },
  ],
  decidedOn: "2026-11-20",
  visibility: "system",
  criteria: [
    { id: "b", ordinal: 1, statement: "Two", measure: "m", baseline: "", target: "t", judgedBy: "2027-01-01" },
    { id: "a", ordinal: 0, statement: "One", measure: "m", baseline: "", target: "t", judgedBy: null },
  ],
};

describe("version content hash", () => {
  it("is SHA-256 of canonical JSON: sorted keys, no whitespace, lists in a stable order", () => {
    const json = canonicalVersionJson(content);
    expect(json.startsWith('{"category":"service","context":{"financialAmountM":-12,')).toBe(true);
    expect(json).not.toMatch(/\n\s/);
    expect(json).toContain('"factors":["population_outcomes","relationships_reciprocity"]');
    expect(json.indexOf('"ods":"RNA"')).toBeLessThan(json.indexOf('"ods":"RNB"'));
    expect(json.indexOf('"statement":"One"')).toBeLessThan(json.indexOf('"statement":"Two"'));
    expect(hashVersionContent(content)).toBe(sha256Hex(json));
    // Key order and list order in the input do not matter.
    const shuffled = JSON.parse(JSON.stringify({ ...content, factors: [...content.factors].reverse() }));
    expect(hashVersionContent(shuffled)).toBe(hashVersionContent(content));
    expect(hashVersionContent({ ...content, title: "Host the stroke beds." })).not.toBe(hashVersionContent(content));
    expect(canonicalJson({ b: 1, a: [null, "x"] })).toBe('{"a":[null,"x"],"b":1}');
  });
});

describe("diff", () => {
  it("lists changed fields and criteria by id", () => {
    const next = { ...content, rationale: "New", criteria: [content.criteria[1], { ...content.criteria[0], id: "c", statement: "Three" }] };
    const changes = diffContent(content, next);
    expect(changes.map((c) => c.label)).toEqual(["Rationale", "Success criterion 2", "Success criterion 2"]);
    expect(changes.find((c) => c.key === "criterion:b")).toMatchObject({ after: null });
    expect(changes.find((c) => c.key === "criterion:c")).toMatchObject({ before: null });
  });
});

describe("taxonomy", () => {
  it("matches the database enums", () => {
    expect(FACTORS.map((f) => f.id).sort()).toEqual([...factor.enumValues].sort());
    expect([...CATEGORY_IDS].sort()).toEqual([...category.enumValues].sort());
    for (const f of FACTORS) expect(f.help.length).toBeGreaterThan(20);
  });
});

describe("form values", () => {
  it("round-trip through flat names, and rows can be added and removed", () => {
    const uuid = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
    const v = valuesFromContent({ ...content, criteria: content.criteria.slice().sort((a, b) => a.ordinal - b.ordinal).map((c, i) => ({ ...c, id: uuid(i) })) });
    const input = DecisionInputSchema.parse(decisionInputFromValues(v));
    expect(input.criteria.map((c) => c.statement)).toEqual(["One", "Two"]);
    expect(input.impactOnTrust.amountK).toBe(-250);
    const removed = withRows(v, "criteria", rowsOf(v, "criteria").filter((_, i) => i !== 0));
    expect(rowsOf(removed, "criteria").map((r) => r.statement)).toEqual(["Two"]);
    expect(removed["criteria.0.statement"]).toBe("Two");
  });

  it("parses money typed as people type it", () => {
    const p = (amountK: string) => DecisionInputSchema.parse({ title: "x", impactOnTrust: { amountK, text: "" } }).impactOnTrust.amountK;
    expect(p("−250")).toBe(-250);
    expect(p("£1,200k")).toBe(1200);
    expect(p("")).toBeNull();
    expect(() => p("12.5")).toThrow();
  });

  it("knows what submitting needs", () => {
    expect(submitProblems({ favoured: "system", category: "service", summary: "s", rationale: "r", decidedOn: "2026-01-01", criteria: [{ statement: "s", measure: "m", target: "t", judgedBy: "2027-01-01" }] })).toEqual({});
    expect(Object.keys(submitProblems({ favoured: null, category: null, summary: "", rationale: "", decidedOn: null, criteria: [] })).sort()).toEqual(
      ["category", "criteria", "decidedOn", "favoured", "rationale", "summary"],
    );
  });
});
