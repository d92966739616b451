// Words for the closed sets, as a board paper says them. Pure.
import { formatMoneyM } from "../format";
import { CATEGORY_LABELS, FACTOR_LABELS, OUTCOME_LABELS } from "../decisions/taxonomy";
import { STATUS_LABELS } from "../lifecycle";
import type { BoardPaper } from "./types";

export const FAVOURED_LABEL = { system: "The system (ICS)", trust: "The trust" } as const;
export const CATEGORY_LABEL: Record<string, string> = CATEGORY_LABELS;
export const FACTOR_LABEL: Record<string, string> = FACTOR_LABELS;
export const STATUS_LABEL: Record<string, string> = STATUS_LABELS;
export const POSITION_LABEL = { support: "Support", object: "Object", abstain: "Abstain" } as const;
export const FORUM_LABEL = { public_board: "Public board meeting", private_session: "Private session", chairs_action: "Chair's action" } as const;
export const SEAT_LABEL = { chair: "Chair", non_executive: "Non-Executive Director", executive: "Executive Director" } as const;
export const OUTCOME_LABEL = OUTCOME_LABELS;
export const ORG_ROLE_LABEL = { benefits: "Benefits", bears_cost: "Bears the cost" } as const;
export const FINANCIAL_POSITION_LABEL = { surplus: "Surplus", breakeven: "Break-even", deficit: "Deficit" } as const;

export function contextLine(c: BoardPaper["context"]): string {
  const parts: string[] = [];
  if (c.financialPosition) {
    parts.push(`${FINANCIAL_POSITION_LABEL[c.financialPosition]}${c.financialAmountM !== null ? ` of ${formatMoneyM(Math.abs(c.financialAmountM))}` : ""}`);
  }
  if (c.regulatorRating) parts.push(`Regulator rating: ${c.regulatorRating}`);
  return parts.join(". ");
}

/** "Counting toward sign-off: 2 of the 3 supporting members needed, including the Chair": the panel's rule, said once for paper and PDF. */
export function countingLine(paper: { signOff: { counting: number; needed: number; chairRequired: boolean } }): string {
  const { counting, needed, chairRequired } = paper.signOff;
  return `Counting toward sign-off: ${counting} of the ${needed} supporting member${needed === 1 ? "" : "s"} needed${chairRequired ? ", including the Chair" : ""}.`;
}
