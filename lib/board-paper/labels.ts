// Words for the closed sets, as a board paper says them. Pure.
import type { BoardPaper } from "./types";

export const FAVOURED_LABEL = { system: "The system (ICS)", trust: "The trust" } as const;
export const CATEGORY_LABEL: Record<string, string> = {
  finance: "Finance",
  service: "Service",
  contracting: "Contracting",
  workforce: "Workforce",
  estates: "Estates",
  capacity: "Capacity",
  governance: "Governance",
};
export const FACTOR_LABEL: Record<string, string> = {
  population_outcomes: "Population and clinical outcomes",
  financial_stability: "Financial stability",
  regulatory_standing: "Regulatory standing",
  relationships_reciprocity: "Relationships and reciprocity",
  local_context_demand: "Local context and demand",
  workforce: "Workforce",
  economies_of_scale: "Economies of scale",
  prevention_root_causes: "Prevention and root causes",
  board_risk_appetite: "Board risk appetite",
  contracting_payment: "Contracting and payment mechanisms",
};
export const STATUS_LABEL: Record<string, string> = {
  draft: "Draft",
  awaiting_sign_off: "Awaiting sign-off",
  signed_off: "Signed off",
  declined: "Declined",
  reviewed: "Reviewed",
  withdrawn: "Withdrawn",
};
export const POSITION_LABEL = { support: "Support", object: "Object", abstain: "Abstain" } as const;
export const FORUM_LABEL = { public_board: "Public board meeting", private_session: "Private session", chairs_action: "Chair's action" } as const;
export const SEAT_LABEL = { chair: "Chair", non_executive: "Non-Executive Director", executive: "Executive Director" } as const;
export const OUTCOME_LABEL = { met: "Met", partly_met: "Partly met", not_met: "Not met", unknown: "Unknown" } as const;
export const ORG_ROLE_LABEL = { benefits: "Benefits", bears_cost: "Bears the cost" } as const;
export const FINANCIAL_POSITION_LABEL = { surplus: "Surplus", breakeven: "Break-even", deficit: "Deficit" } as const;

export function contextLine(c: BoardPaper["context"]): string {
  const parts: string[] = [];
  if (c.financialPosition) {
    parts.push(`${FINANCIAL_POSITION_LABEL[c.financialPosition]}${c.financialAmountM !== null ? ` of £${Math.abs(c.financialAmountM)}m` : ""}`);
  }
  if (c.regulatorRating) parts.push(`Regulator rating: ${c.regulatorRating}`);
  return parts.join(". ");
}
