import { describe, expect, it } from "vitest";
import { riskDomain, riskLevel } from "@/db/tables/risk";
import { RISK_DOMAINS, RISK_LEVELS, compareWithAppetite, levelRank, outsideSentence } from "@/lib/risk-appetite/taxonomy";
import { hashVersionContent, type VersionContent } from "@/lib/decisions/content";

describe("risk appetite: the scale and the comparison", () => {
  it("lists the database's domains and levels, lowest level first", () => {
    expect([...RISK_DOMAINS]).toEqual(riskDomain.enumValues);
    expect([...RISK_LEVELS]).toEqual(riskLevel.enumValues);
    expect(levelRank("averse")).toBeLessThan(levelRank("minimal"));
    expect(levelRank("seek")).toBeLessThan(levelRank("significant"));
  });

  it("flags only domains above a stated appetite; equal is within; no statement flags nothing", () => {
    const risks = [
      { domain: "workforce", level: "open", reason: "r" },
      { domain: "finance", level: "open", reason: "r" },
      { domain: "reputation", level: "significant", reason: "r" },
    ];
    const appetite = { version: 3, levels: { finance: "cautious", workforce: "open" } as const };
    const c = compareWithAppetite(risks, appetite);
    expect(c.statementVersion).toBe(3);
    expect(c.risks.map((r) => r.domain)).toEqual(["finance", "reputation", "workforce"]);
    expect(c.outside).toEqual([{ domain: "finance", appetite: "cautious", taken: "open" }]);
    expect(compareWithAppetite(risks, null)).toMatchObject({ statementVersion: null, outside: [] });
  });

  it("says it in words", () => {
    expect(outsideSentence({ domain: "finance", appetite: "cautious", taken: "open" })).toBe("Outside the board's appetite for finance: cautious; this decision: open");
    expect(outsideSentence({ domain: "quality_safety", appetite: "minimal", taken: "cautious" })).toBe("Outside the board's appetite for quality and safety: minimal; this decision: cautious");
  });

  it("hashes the same whatever order the risks come in, and differently with the statement version", () => {
    const base = {
      schema: "fulcrum.decision-version/1",
      decisionId: "d",
      version: 1,
      trust: { ods: "RNA", name: "T" },
      title: "t",
      summary: "",
      context: { financialPosition: null, financialAmountM: null, regulatorRating: "", notes: "" },
      options: "",
      rationale: "",
      favoured: "system",
      category: "finance",
      factors: [],
      impactOnTrust: { amountK: null, text: "" },
      impactOnSystem: { amountK: null, text: "" },
      organisations: [],
      decidedOn: null,
      visibility: "trust",
      criteria: [],
    } satisfies VersionContent;
    const a = { domain: "finance", level: "open", reason: "x" };
    const b = { domain: "workforce", level: "seek", reason: "y" };
    const one = hashVersionContent({ ...base, riskAppetite: { statementVersion: 1, risks: [a, b], outside: [] } });
    expect(hashVersionContent({ ...base, riskAppetite: { statementVersion: 1, risks: [b, a], outside: [] } })).toBe(one);
    expect(hashVersionContent({ ...base, riskAppetite: { statementVersion: 2, risks: [a, b], outside: [] } })).not.toBe(one);
    // No risks recorded: the content (and hash) is what it was before risk appetite existed.
    expect(hashVersionContent(base)).not.toBe(one);
  });
});
