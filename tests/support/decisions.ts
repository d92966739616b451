import type { CreateDecisionInput as DecisionInputRaw } from "@/lib/decisions/schemas";

/** A complete decision, ready to submit; override what a test is about. */
export function decisionInput(overrides: Partial<DecisionInputRaw> = {}): DecisionInputRaw {
  return {
    title: "Take on the community stroke rehabilitation service",
    summary: "We agreed to run the ICS's community stroke rehabilitation beds from April.",
    context: { financialPosition: "deficit", financialAmountM: -12, regulatorRating: "Segment 3", notes: "Under a recovery plan." },
    options: "1. Decline.\n2. Take it on at cost.\n3. Take it on with a risk share.",
    rationale: "Patients leave acute beds sooner; the system saves more than we lose.",
    favoured: "system",
    category: "service",
    factors: ["population_outcomes", "relationships_reciprocity"],
    impactOnTrust: { amountK: -250, text: "Unfunded staff costs in year one" },
    impactOnSystem: { amountK: 1200, text: "Fewer delayed discharges" },
    organisations: [],
    decidedOn: "2026-11-20",
    visibility: "system",
    criteria: [
      { statement: "Delayed discharges fall", measure: "Average daily delayed discharges", baseline: "42", target: "30", judgedBy: "2027-06-30" },
    ],
    ...overrides,
  };
}
