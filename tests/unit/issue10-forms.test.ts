// Issue 10 items 6 and 7: money typed as people type it, one display rule per unit; dates as Day / Month / Year.
import { describe, expect, it } from "vitest";
import { datePartsToIso, foldDateParts, isoToDateParts } from "@/lib/date-parts";
import { DecisionInputSchema } from "@/lib/decisions/schemas";
import { decisionInputFromValues, valuesFromContent } from "@/lib/decisions/form";
import { diffContent } from "@/lib/decisions/diff";
import { formatMoneyK, formatMoneyM } from "@/lib/format";
import { decisionInput } from "../support/decisions";

const context = (financialPosition: string, financialAmountM: unknown) =>
  DecisionInputSchema.safeParse({ ...decisionInput(), context: { financialPosition, financialAmountM, regulatorRating: "", notes: "" } });

describe("money (issue 10 item 6)", () => {
  it("takes a £12.5m deficit as typed: the sign comes from the choice, a minus sign is not needed", () => {
    const r = context("deficit", "12.5");
    expect(r.success).toBe(true);
    expect(r.success && r.data.context.financialAmountM).toBe(-12.5);
    const minus = context("deficit", "-12.5");
    expect(minus.success && minus.data.context.financialAmountM).toBe(-12.5);
    const surplus = context("surplus", "£3.2m");
    expect(surplus.success && surplus.data.context.financialAmountM).toBe(3.2);
  });

  it("refuses two decimal places, and a negative surplus, naming the field", () => {
    const two = context("deficit", "12.55");
    expect(two.success).toBe(false);
    expect(JSON.stringify(two.error?.issues)).toMatch(/at most one decimal place/);
    const neg = context("surplus", "-4");
    expect(neg.success).toBe(false);
    expect(neg.error?.issues[0].path).toEqual(["context", "financialAmountM"]);
  });

  it("shows each unit by one rule, in pages and in version diffs", () => {
    expect(formatMoneyM(-12.5)).toBe("−£12.5m");
    expect(formatMoneyM(3)).toBe("£3m");
    expect(formatMoneyK(2400)).toBe("£2.4m");
    expect(formatMoneyK(-250)).toBe("−£250k");
    const before = valuesFromContent({ ...(decisionInput() as unknown as Parameters<typeof valuesFromContent>[0]), criteria: [], organisations: [], factors: [] });
    // The form's box holds the deficit's amount alone.
    expect(before["context.financialAmountM"]).toBe("12");
    const base = { ...(decisionInput() as unknown as Parameters<typeof diffContent>[0]), criteria: [], organisations: [] };
    const changes = diffContent(base, { ...base, impactOnSystem: { amountK: 2400, text: "" }, context: { ...base.context, financialAmountM: -12.5 } });
    expect(changes.find((c) => c.key === "impactOnSystem.amountK")?.after).toBe("£2.4m");
    expect(changes.find((c) => c.key === "context.financialAmountM")?.after).toBe("−£12.5m");
  });
});

describe("dates as Day / Month / Year (issue 10 item 7)", () => {
  it("folds the three boxes into an ISO date, and keeps a wrong one for the schema to refuse", () => {
    expect(datePartsToIso("27", "3", "2027")).toBe("2027-03-27");
    expect(datePartsToIso("", "", "")).toBe("");
    expect(datePartsToIso("31", "2", "2027")).toBe("31-2-2027");
    expect(isoToDateParts("2027-03-27")).toEqual({ day: "27", month: "3", year: "2027" });
    const v = foldDateParts({ "decidedOn-day": "20", "decidedOn-month": "11", "decidedOn-year": "2026", "criteria.0.judgedBy-day": "30", "criteria.0.judgedBy-month": "6", "criteria.0.judgedBy-year": "2027", "criteria.0.statement": "Waits fall" });
    const input = decisionInputFromValues(v);
    expect(input.decidedOn).toBe("2026-11-20");
    expect(input.criteria[0].judgedBy).toBe("2027-06-30");
    const bad = DecisionInputSchema.safeParse({ ...decisionInput(), decidedOn: datePartsToIso("31", "2", "2027") });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toMatch(/Date decided must be a real date, for example 27 3 2027/);
  });
});
